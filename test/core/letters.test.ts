// Letters (issue 12): each fund's editable template, checked field by field; letters that follow it
// (read back with poppler's pdftotext); a pack's letters written in one go as a job, into a folder
// (never over a letter already there) or one zip; and lying laptops' templates refused or contained.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { officerOf, write } from '../../electron/core/context';
import { DEFAULT_LETTER_TEMPLATE, type LetterTemplate } from '../../shared/domain/letters';
import type { LetterJob } from '../../shared/contract/letters';
import { makeCore, switchPerson, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { coventryRound } from '../support/rounds';
import { validDraft } from '../support/drafts';
import { screenEligible } from '../support/panels';
import { chain, forgeBundle, keyFrom, officerSetUp } from '../support/forge';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { steppingClock } from '../support/clock';
import { readZip } from '../../electron/core/bundles/zip';

const CHIEF_FIRST = 'a first passphrase given';
const CHIEF_OWN = 'the chief executive’s own words';
let core: TestCore;
let dir: string;
let roundId: string;
let chiefId: string;
const ids: string[] = [];

const text = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

beforeEach(async () => {
  core = makeCore(undefined, steppingClock('2026-11-28T10:00:00.000Z', 60_000));
  dir = tempDir();
  roundId = await coventryRound(core);
  ids.length = 0;
  for (const name of ['Foleshill Residents’ Association', 'Hillfields Youth Club', 'Stoke Aldermoor Allotments'])
    ids.push((await core.call('applications.create', validDraft(roundId, { areaId: 'coventry', organisationName: name }))).id);
  for (const id of ids) await screenEligible(core, id);
  chiefId = (await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: CHIEF_FIRST })).id;
}, 30_000);
afterEach(() => core.dispose());

/** The Chief Executive offers the first two (the second for less, with a reason) and declines the third. */
async function signPack() {
  await switchPerson(core, chiefId, CHIEF_FIRST);
  await core.call('session.changePassphrase', { current: CHIEF_FIRST, next: CHIEF_OWN });
  await core.call('decisions.sign', { applicationId: ids[0]!, decision: 'approve', amountPence: 100_000, passphrase: CHIEF_OWN });
  await core.call('decisions.sign', {
    applicationId: ids[1]!,
    decision: 'amend',
    amountPence: 80_000,
    reason: 'The panel would fund the equipment but not the publicity costs',
    passphrase: CHIEF_OWN,
  });
  await core.call('decisions.sign', {
    applicationId: ids[2]!,
    decision: 'decline',
    reason: 'Outside the fund’s priorities',
    passphrase: CHIEF_OWN,
  });
  await switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
}

async function finished(jobId: string): Promise<LetterJob> {
  for (;;) {
    const job = await core.call('letters.batchProgress', { jobId });
    if (job.state !== 'writing') return job;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const edited = (change: Partial<LetterTemplate>): LetterTemplate => ({ ...DEFAULT_LETTER_TEMPLATE, ...change });

test('a fund’s template starts as the default, saves only the fields changed, and a bad one is refused naming each field', async () => {
  expect(await core.call('letterTemplates.get', { fundId: 'acf' })).toMatchObject({
    fundName: 'Active Citizens Fund',
    isDefault: true,
    template: DEFAULT_LETTER_TEMPLATE,
  });
  const before = events(core);
  const bad = await core.dispatch('letterTemplates.save', {
    fundId: 'acf',
    template: edited({
      conditions: ['Spend it on the project', '   '],
      payments: [
        { percent: 60, when: 'on acceptance' },
        { percent: 30, when: 'on proof of purchase' },
      ],
      reportWeeksAfterEnd: 60,
      signOff: 'x'.repeat(201),
    }),
  });
  expect(bad.ok ? null : bad.error).toMatchObject({
    code: 'VALIDATION',
    details: expect.arrayContaining([
      { field: 'template.conditions.1', message: 'Enter the condition' },
      { field: 'template.payments', message: 'The payments add up to 90%: make them add up to 100%' },
      { field: 'template.reportWeeksAfterEnd', message: 'Enter a number of weeks from 0 to 52' },
      { field: 'template.signOff', message: 'Keep the sign-off line to 200 characters or fewer' },
    ]),
  });
  expect(events(core)).toBe(before);

  const conditions = ['Spend the grant only on the project.', 'Display the Commissioner’s logo at every session.'];
  const saved = await core.call('letterTemplates.save', { fundId: 'acf', template: edited({ conditions }) });
  expect(saved).toMatchObject({ isDefault: false, template: { conditions } });
  const [change] = core.ctx.db.prepare("SELECT payload FROM events WHERE type = 'letterTemplate.changed'").all() as { payload: string }[];
  expect(Object.keys(JSON.parse(change!.payload).changes as object)).toEqual(['conditions']);
  // The Community Safety Fund keeps its own: still the default.
  expect(await core.call('letterTemplates.get', { fundId: 'csf' })).toMatchObject({ isDefault: true });
  // Saving the same again writes nothing.
  const held = events(core);
  await core.call('letterTemplates.save', { fundId: 'acf', template: edited({ conditions }) });
  expect(events(core)).toBe(held);
  // Only someone who manages the catalogue changes it.
  await switchPerson(core, chiefId, CHIEF_FIRST);
  await core.call('session.changePassphrase', { current: CHIEF_FIRST, next: CHIEF_OWN });
  const refused = await core.dispatch('letterTemplates.save', { fundId: 'acf', template: DEFAULT_LETTER_TEMPLATE });
  expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
});

test('letters follow their fund’s template: a changed condition, payment schedule, sign-off and decline wording, read back as text', async () => {
  await core.call('letterTemplates.save', {
    fundId: 'acf',
    template: edited({
      conditions: ['Display the Commissioner’s logo at every session.'],
      payments: [
        { percent: 25, when: 'on acceptance' },
        { percent: 75, when: 'when the Impact Assessment report arrives' },
      ],
      signOff: 'Chief Executive, for the Police and Crime Commissioner <b>now</b>',
      declineWording: 'Talk to the grants officer before your next application.',
    }),
  });
  await signPack();
  const decisions = await core.call('decisions.list', { roundId });
  const offer = decisions.find((d) => d.decision === 'amend')!;
  const decline = decisions.find((d) => d.decision === 'decline')!;
  await core.call('letters.write', { decisionId: offer.id, file: join(dir, 'offer.pdf') });
  await core.call('letters.write', { decisionId: decline.id, file: join(dir, 'decline.pdf') });
  const offerText = text(join(dir, 'offer.pdf'));
  expect(offerText).toContain('Display the Commissioner’s logo at every session.');
  expect(offerText).not.toContain('acknowledge the Police and Crime Commissioner’s funding');
  expect(offerText).toContain('25% on acceptance £200.00');
  expect(offerText).toContain('75% when the Impact Assessment report arrives £600.00');
  expect(offerText).toContain('The panel would fund the equipment but not the publicity costs');
  // Text as written, never markup.
  expect(offerText).toContain('Sam Okoro, Chief Executive, for the Police and Crime Commissioner <b>now</b>');
  const declineText = text(join(dir, 'decline.pdf'));
  expect(declineText).toContain('Outside the fund’s priorities');
  expect(declineText).toContain('Talk to the grants officer before your next application.');
  expect(declineText).not.toContain('You are welcome to apply again');
}, 60_000);

test('a preview shows a sample letter from the template as edited, before it is saved', async () => {
  const file = join(dir, 'preview.pdf');
  await core.call('letterTemplates.preview', {
    fundId: 'csf',
    template: edited({ conditions: ['Not yet saved: a condition being drafted.'] }),
    file,
  });
  const preview = text(file);
  expect(preview).toContain('Sample Community Group');
  expect(preview).toContain('Not yet saved: a condition being drafted.');
  expect(preview).toContain('Community Safety Fund');
  expect(await core.call('letterTemplates.get', { fundId: 'csf' })).toMatchObject({ isDefault: true });
}, 30_000);

test('a pack’s letters are written as a job into a chosen folder, one PDF each named by reference, with a summary', async () => {
  await signPack();
  const folder = join(dir, 'letters');
  mkdirSync(folder);
  const started = await core.call('letters.batch', { roundId, areaId: 'coventry', file: folder });
  expect(started).toMatchObject({ state: 'writing', total: 3 });
  const job = await finished(started.jobId);
  const references = (await core.call('decisions.list', { roundId })).map((d) => d.reference).sort();
  const names = [`${references[0]}-offer.pdf`, `${references[1]}-offer.pdf`, `${references[2]}-decline.pdf`];
  expect(job).toMatchObject({ state: 'done', done: 3, total: 3, offers: 2, declines: 1, error: null });
  expect(job.written.sort()).toEqual(names);
  expect(readdirSync(folder).sort()).toEqual(names);
  expect(text(join(folder, names[2]!))).toContain('Outside the fund’s priorities');
  // Writing letters records nothing.
  const held = events(core);
  // Again into the same folder: refused before anything is written, naming a letter already there.
  const again = await core.dispatch('letters.batch', { roundId, areaId: 'coventry', file: folder });
  expect(again.ok ? null : again.error).toMatchObject({
    code: 'CONFLICT',
    message: `${names[0]} and 2 other letters are already in letters — choose another folder, or move them first. Nothing was written.`,
  });
  expect(events(core)).toBe(held);
  // One letter of the same name is enough to refuse.
  const other = join(dir, 'other');
  mkdirSync(other);
  writeFileSync(join(other, names[1]!), 'a letter someone is still checking');
  const one = await core.dispatch('letters.batch', { roundId, areaId: 'coventry', file: other });
  expect(one.ok ? null : one.error.message).toBe(
    `${names[1]} is already in other — choose another folder, or move them first. Nothing was written.`,
  );
  expect(readdirSync(other)).toEqual([names[1]]);
  // An area with no standing decisions has nothing to write.
  const none = await core.dispatch('letters.batch', { roundId, areaId: 'walsall', file: other });
  expect(none.ok ? null : none.error.message).toBe('No signed decisions stand in Walsall yet, so there are no letters to write');
}, 60_000);

test('a cancelled batch stops after the letter being written; browser mode’s zip holds every letter', async () => {
  await signPack();
  const folder = join(dir, 'cancelled');
  mkdirSync(folder);
  const started = await core.call('letters.batch', { roundId, areaId: 'coventry', file: folder });
  await core.call('letters.batchCancel', { jobId: started.jobId });
  const job = await finished(started.jobId);
  expect(job).toMatchObject({ state: 'cancelled', done: 1, total: 3 });
  expect(readdirSync(folder)).toEqual(job.written);

  // Browser mode: the page asks for a file to download; the letters go into one zip.
  const made = await core.call('files.create', { purpose: 'letters', name: 'Coventry letters.zip' });
  const zipped = await finished(
    (
      await core.pageDispatch('letters.batch', { roundId, areaId: 'coventry', file: made.file }).then((r) => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value as LetterJob;
      })
    ).jobId,
  );
  expect(zipped).toMatchObject({ state: 'done', done: 3, offers: 2, declines: 1, destination: 'Coventry letters.zip' });
  const path = core.ctx.files.get(made.file)!.path;
  const zip = await readZip(path);
  expect(zip.entries.map((e) => e.name).sort()).toEqual([...zipped.written].sort());
  zip.close();
  // A zip cancelled is never made.
  const second = await core.call('files.create', { purpose: 'letters', name: 'Coventry again.zip' });
  const stopped = await core.call('letters.batch', { roundId, areaId: 'coventry', file: second.file });
  await core.call('letters.batchCancel', { jobId: stopped.jobId });
  expect(await finished(stopped.jobId)).toMatchObject({ state: 'cancelled' });
  expect(existsSync(core.ctx.files.get(second.file)!.path)).toBe(false);
}, 60_000);

test('only grants officers write a pack’s letters: they hold contact details', async () => {
  await signPack();
  await switchPerson(core, chiefId, CHIEF_OWN);
  const refused = await core.dispatch('letters.batch', { roundId, areaId: 'coventry', file: join(dir) });
  expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
}, 60_000);

test('a lying laptop: a template change from someone without the capability is kept and not applied; payments not adding to 100 are refused whole', async () => {
  // A panel member, signed in on a tampered build, rewrites the conditions.
  const member = await core.call('people.add', {
    name: 'Bea Member',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'member passphrase one',
  });
  await switchPerson(core, member.id, 'member passphrase one');
  await core.call('session.changePassphrase', { current: 'member passphrase one', next: 'member passphrase two' });
  write(core.ctx, () =>
    core.ctx.log.append(member.id, 'letterTemplate.changed', 'letterTemplate:acf', {
      id: 'acf',
      changes: { conditions: { from: DEFAULT_LETTER_TEMPLATE.conditions, to: ['No conditions at all.'] } },
    }),
  );
  await switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
  expect(await core.call('letterTemplates.get', { fundId: 'acf' })).toMatchObject({ isDefault: true });
  expect(core.ctx.db.prepare('SELECT reason, count FROM ignored_changes').all()).toEqual([
    { reason: 'beyond what its author’s roles allowed', count: 1 },
  ]);
  // Appending a payload this version could not have written is refused at once.
  const held = events(core);
  expect(() =>
    write(core.ctx, () =>
      core.ctx.log.append(core.ctx.person.id, 'letterTemplate.changed', 'letterTemplate:acf', {
        id: 'acf',
        changes: { payments: { from: DEFAULT_LETTER_TEMPLATE.payments, to: [{ percent: 150, when: 'at once' }] } },
      }),
    ),
  ).toThrow(/payments/);
  expect(events(core)).toBe(held);

  // A trusted laptop's bundle with payments adding to 90%: refused whole, naming the field.
  const f = keyFrom('laptop F');
  await core.call('devices.trust', { publicKey: f.publicKey, name: 'Laptop F' });
  const bundle = join(dir, 'forged.gpbundle');
  await forgeBundle(bundle, {
    signer: f,
    events: chain(f.deviceId, [
      officerSetUp(f.deviceId),
      {
        type: 'letterTemplate.changed',
        entity: 'letterTemplate:acf',
        payload: {
          id: 'acf',
          changes: {
            payments: {
              from: DEFAULT_LETTER_TEMPLATE.payments,
              to: [
                { percent: 50, when: 'on acceptance' },
                { percent: 40, when: 'later' },
              ],
            },
          },
        },
        hlc: '2026-11-27T10:00:00.000Z-0000',
      },
    ]),
  });
  const before = projectionSnapshot(core.ctx.db);
  expect(await core.dispatch('bundles.import', { file: bundle })).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/letterTemplate\.changed: payments .*add up to 90%/) },
  });
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
  // A rebuild from the log gives the same template.
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
}, 60_000);

test('two laptops changing a fund’s conditions differently raise a conflict a person settles; other fields merge', async () => {
  const clock = steppingClock();
  const office = makeCore(tempDir(), clock);
  const panel = makeCore(tempDir(), clock);
  try {
    await trustLaptop(office, panel, 'Coventry panel laptop');
    await trustLaptop(panel, office, 'Office');
    const send = async (from: TestCore, to: TestCore, name: string) => {
      const file = join(dir, `${name}.gpbundle`);
      await from.call('bundles.export', { file });
      await to.call('bundles.import', { file });
    };
    await send(office, panel, 'one');
    await send(panel, office, 'two');
    await office.call('letterTemplates.save', {
      fundId: 'acf',
      template: edited({ conditions: ['Office wording.'], reportWeeksAfterEnd: 8 }),
    });
    await panel.call('letterTemplates.save', {
      fundId: 'acf',
      template: edited({ conditions: ['Panel laptop wording.'], acceptBy: 'Return it within 14 days.' }),
    });
    await send(panel, office, 'three');
    await send(office, panel, 'four');
    const [conflict] = (await office.call('conflicts.list', {})).conflicts;
    expect(conflict).toMatchObject({
      kind: 'letterTemplate',
      label: 'Active Citizens Fund letters',
      fields: [{ field: 'conditions', label: 'Conditions of grant', kept: '1. Office wording.', incoming: '1. Panel laptop wording.' }],
    });
    // The earlier change holds until a person chooses; the fields only one laptop changed both apply.
    const held = (await panel.call('letterTemplates.get', { fundId: 'acf' })).template;
    expect(held).toMatchObject({ conditions: ['Office wording.'], reportWeeksAfterEnd: 8, acceptBy: 'Return it within 14 days.' });
    await office.call('conflicts.resolve', { id: conflict!.id, choices: { conditions: 'incoming' } });
    await send(office, panel, 'five');
    expect((await panel.call('letterTemplates.get', { fundId: 'acf' })).template.conditions).toEqual(['Panel laptop wording.']);
    expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
  } finally {
    office.dispose();
    panel.dispose();
  }
}, 120_000);
