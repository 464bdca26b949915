// Eligibility screening in the core: recording a screening, what stands, who may, bad input
// writing nothing, and screenings from two laptops: the append-only rule raises disagreement for a
// person, who settles it with a screening over both; a lying laptop's screening is refused or ignored.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { validDraft } from '../support/drafts';
import { steppingClock } from '../support/clock';
import { chain, forgeBundle, keyFrom, officerSetUp } from '../support/forge';
import { screeningOf } from '../../electron/core/services/screening';
import { verifyChain } from '../../electron/core/events/verify';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = (clock = steppingClock()) => {
  const c = makeCore(tempDir(), clock);
  cores.push(c);
  return c;
};
let n = 0;
async function send(from: TestCore, to: TestCore): Promise<void> {
  const file = join(tempDir(), `b${++n}.gpbundle`);
  await from.call('bundles.export', { file });
  await to.call('bundles.import', { file });
}
const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

/** An ACF round spending from 1 Jan to 31 Dec 2027, with two applications: one fine, one with no two signatories. */
async function round(c: TestCore) {
  const r = await c.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Winter 2026',
    opens: '2026-11-01',
    closes: '2026-12-31',
    spendFrom: '2027-01-01',
    spendBy: '2027-12-31',
  });
  const fine = await c.call('applications.create', validDraft(r.id));
  const noBank = await c.call(
    'applications.create',
    validDraft(r.id, { organisationName: 'Canley Allotments', bankTwoSignatories: false }),
  );
  return { round: r, fine: fine.id, noBank: noBank.id };
}

/** Yes to each of the ACF's three shipped checks. */
const ALL_YES = [true, true, true];

test('a round’s applications come with their automatic checks; an eligible one and an ineligible one are recorded and stand', async () => {
  const c = laptop();
  const { round: r, fine, noBank } = await round(c);
  const before = await c.call('screening.round', { roundId: r.id });
  expect(before.counts).toEqual({ applications: 2, screened: 0, eligible: 0, ineligible: 0, disputed: 0 });
  expect(before.spendingWindow).toBe('1 Jan 2027 to 31 Dec 2027');
  expect(before.officerChecks.map((x) => x.question)).toEqual([
    'Not for an individual, sponsorship, trips or fundraising',
    'No salaries',
    'The project benefits the area’s residents',
  ]);
  const row = before.rows.find((x) => x.applicationId === noBank)!;
  expect(row.automatic.find((x) => x.check === 'bank')).toMatchObject({ passed: false, detail: 'No bank account with two signatories' });

  const eligible = await c.call('screening.record', { applicationId: fine, officerAnswers: ALL_YES });
  expect(eligible).toMatchObject({ result: 'eligible', toldApplicant: '', by: 'Grants officer', on: 'this laptop' });
  // No salaries: no. The applicant is told the failing checks' sentences unless the officer words it.
  const ineligible = await c.call('screening.record', { applicationId: noBank, officerAnswers: [true, false, true] });
  expect(ineligible.result).toBe('ineligible');
  expect(ineligible.toldApplicant).toBe(
    'The group must have its own bank account with at least two signatories, or an umbrella body that holds the money.\nThe Active Citizens Fund does not fund salaries.',
  );
  expect(screeningOf(c.ctx.db, noBank)).toMatchObject({ result: 'ineligible', disputed: false });
  expect(screeningOf(c.ctx.db, fine)).toMatchObject({ result: 'eligible' });
  const after = await c.call('screening.round', { roundId: r.id });
  expect(after.counts).toEqual({ applications: 2, screened: 2, eligible: 1, ineligible: 1, disputed: 0 });
});

test('a failed automatic check set aside with a reason is eligible, and the reason is kept; a later screening supersedes', async () => {
  const c = laptop();
  const { noBank } = await round(c);
  await c.call('screening.record', { applicationId: noBank, officerAnswers: ALL_YES });
  expect(screeningOf(c.ctx.db, noBank)?.result).toBe('ineligible');
  const kept = await c.call('screening.record', {
    applicationId: noBank,
    officerAnswers: ALL_YES,
    overrides: [{ check: 'bank', reason: 'Canley Community Centre, an umbrella body, holds the money' }],
  });
  expect(kept.result).toBe('eligible');
  expect(kept.checks.find((x) => x.id === 'bank')).toMatchObject({
    passed: false,
    overrideReason: 'Canley Community Centre, an umbrella body, holds the money',
  });
  expect(screeningOf(c.ctx.db, noBank)).toMatchObject({ result: 'eligible', disputed: false });
  // Both stay in the log; the later supersedes the earlier.
  const entries = c.ctx.db.prepare("SELECT superseded_by FROM entries WHERE kind = 'screening' ORDER BY hlc").all() as {
    superseded_by: string | null;
  }[];
  expect(entries.map((e) => e.superseded_by)).toEqual([kept.id, null]);
});

test('bad input answers a field-named error and writes nothing', async () => {
  const c = laptop();
  const { fine, noBank } = await round(c);
  const before = events(c);
  const refused = async (input: Parameters<TestCore['dispatch']>[1], field: string, message: RegExp) => {
    const answer = await c.dispatch('screening.record', input);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: expect.arrayContaining([{ field, message: expect.stringMatching(message) }]) },
    });
  };
  await refused({ applicationId: fine, officerAnswers: [true] }, 'officerAnswers', /Answer each of the Active Citizens Fund’s 3 checks/);
  await refused(
    { applicationId: fine, officerAnswers: ALL_YES, overrides: [{ check: 'bank', reason: 'Why not' }] },
    'overrides.0.reason',
    /passed — only a check that failed/,
  );
  await refused(
    { applicationId: noBank, officerAnswers: ALL_YES, overrides: [{ check: 'bank', reason: '  ' }] },
    'overrides.0.reason',
    /Say why this check is set aside/,
  );
  await refused(
    { applicationId: noBank, officerAnswers: ALL_YES, toldApplicant: ' ' },
    'toldApplicant',
    /Enter what the applicant will be told/,
  );
  await refused(
    { applicationId: noBank, officerAnswers: ALL_YES, overrides: [{ check: 'colour', reason: 'x' }] },
    'overrides.0.check',
    /Choose a check/,
  );
  await refused({ applicationId: fine, officerAnswers: ['yes', true, true] }, 'officerAnswers.0', /Answer yes or no/);
  expect(await c.dispatch('screening.record', { applicationId: 'nope', officerAnswers: [] })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await c.dispatch('screening.round', { roundId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(events(c)).toBe(before);
});

test('a withdrawn application is not screened, nor listed for screening', async () => {
  const c = laptop();
  const { round: r, noBank } = await round(c);
  await c.call('applications.withdraw', { id: noBank, reason: 'Group folded' });
  const before = events(c);
  expect(await c.dispatch('screening.record', { applicationId: noBank, officerAnswers: ALL_YES })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: expect.stringMatching(/withdrawn applications are not screened/) },
  });
  expect(events(c)).toBe(before);
  expect((await c.call('screening.round', { roundId: r.id })).rows.map((x) => x.applicationId)).not.toContain(noBank);
});

test('a panel member reads the screening but cannot screen', async () => {
  const c = laptop();
  const { round: r, fine } = await round(c);
  const member = await c.call('people.add', {
    name: 'Ola Member',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'temporary passphrase 1',
  });
  await c.call('session.signOut', {});
  await c.call('session.signIn', { personId: member.id, passphrase: 'temporary passphrase 1' });
  await c.call('session.changePassphrase', { current: 'temporary passphrase 1', next: 'my own passphrase here' });
  const before = events(c);
  expect(await c.dispatch('screening.record', { applicationId: fine, officerAnswers: ALL_YES })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(events(c)).toBe(before);
  expect((await c.call('screening.round', { roundId: r.id })).counts.screened).toBe(0);
});

test('two laptops screening one application differently are raised on both; a screening over both settles it everywhere', async () => {
  const clock = steppingClock();
  const office = laptop(clock);
  const panel = laptop(clock);
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office');
  const { round: r, noBank } = await round(office);
  await send(office, panel);
  // Neither has seen the other's.
  await office.call('screening.record', { applicationId: noBank, officerAnswers: ALL_YES });
  await panel.call('screening.record', {
    applicationId: noBank,
    officerAnswers: ALL_YES,
    overrides: [{ check: 'bank', reason: 'An umbrella body holds the money' }],
  });
  await send(panel, office);
  await send(office, panel);
  for (const c of [office, panel]) {
    // The earlier (the office's) stays in effect until a person settles it, on both laptops alike.
    expect(screeningOf(c.ctx.db, noBank)).toMatchObject({ result: 'ineligible', disputed: true });
    const view = await c.call('screening.round', { roundId: r.id });
    expect(view.counts.disputed).toBe(1);
    // The Conflicts screen lists it too, leading to the round's screening.
    expect(await c.call('screening.disputed', {})).toEqual([
      {
        applicationId: noBank,
        reference: expect.any(String),
        organisationName: 'Canley Allotments',
        roundId: r.id,
        roundName: 'Winter 2026',
      },
    ]);
    expect(view.rows.find((x) => x.applicationId === noBank)!.disputed.map((d) => d.result)).toEqual(['ineligible', 'eligible']);
  }
  expect(projectionSnapshot(office.ctx.db)).toEqual(projectionSnapshot(panel.ctx.db));

  // Two screenings alike never need a person.
  const { fine } = {
    fine: (await office.call('screening.round', { roundId: r.id })).rows.find((x) => x.applicationId !== noBank)!.applicationId,
  };
  await office.call('screening.record', { applicationId: fine, officerAnswers: ALL_YES });
  await panel.call('screening.record', { applicationId: fine, officerAnswers: ALL_YES });

  // The office settles it: its screening supersedes both.
  await office.call('screening.record', {
    applicationId: noBank,
    officerAnswers: ALL_YES,
    overrides: [{ check: 'bank', reason: 'An umbrella body holds the money' }],
  });
  await send(office, panel);
  await send(panel, office);
  for (const c of [office, panel]) {
    expect(screeningOf(c.ctx.db, noBank)).toMatchObject({ result: 'eligible', disputed: false });
    expect(screeningOf(c.ctx.db, fine)).toMatchObject({ result: 'eligible', disputed: false });
    expect((await c.call('screening.round', { roundId: r.id })).counts).toMatchObject({ screened: 2, disputed: 0 });
    expect(await c.call('screening.disputed', {})).toEqual([]);
  }
  expect(projectionSnapshot(office.ctx.db)).toEqual(projectionSnapshot(panel.ctx.db));
  // A rebuild from the log gives the same tables.
  const held = projectionSnapshot(office.ctx.db);
  office.ctx.projection.rebuild();
  expect(projectionSnapshot(office.ctx.db)).toEqual(held);
});

test('a lying laptop’s screening: a bad payload is refused; one by a panel member changes nothing; one backdated over a later one is raised for a person', async () => {
  const a = laptop(() => new Date('2026-11-27T12:00:00.000Z'));
  const { noBank } = await round(a);
  const first = await a.call('screening.record', { applicationId: noBank, officerAnswers: ALL_YES });
  const f = keyFrom('panel F');
  await a.call('devices.trust', { publicKey: f.publicKey, name: 'Other laptop' });
  const screening = (payload: Record<string, unknown>, hlc: string, actor?: string) => ({
    type: 'screening.recorded',
    entity: `screening:${noBank}`,
    payload,
    hlc,
    ...(actor ? { actor } : {}),
  });
  const good = {
    applicationId: noBank,
    supersedes: [first.id],
    result: 'eligible',
    checks: first.checks.map((x) => ({ ...x, passed: true })),
    toldApplicant: '',
  };
  const send = async (specs: Parameters<typeof chain>[1]) => {
    const bundle = join(tempDir(), `f${++n}.gpbundle`);
    await forgeBundle(bundle, { signer: f, events: chain(f.deviceId, [officerSetUp(f.deviceId), ...specs]) });
    return bundle;
  };
  const unchanged = async (bundle: string, why: RegExp) => {
    const before = { events: events(a), tables: projectionSnapshot(a.ctx.db) };
    expect(await a.dispatch('bundles.import', { file: bundle })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(why) },
    });
    expect({ events: events(a), tables: projectionSnapshot(a.ctx.db) }).toEqual(before);
  };
  // Calling eligible what its own checks fail; a result of its own invention; misfiled under another application.
  await unchanged(
    await send([screening({ ...good, checks: first.checks }, '2026-11-27T11:00:00.000Z-0000')]),
    /screening\.recorded: result must be ineligible, as its checks say/,
  );
  await unchanged(await send([screening({ ...good, result: 'maybe' }, '2026-11-27T11:00:00.000Z-0000')]), /screening\.recorded: result/);
  await unchanged(
    await send([{ ...screening(good, '2026-11-27T11:00:00.000Z-0000'), entity: 'screening:another' }]),
    /is filed under "screening:another"/,
  );

  // Well formed, but written as a panel member (who may not screen): kept in the log, not applied.
  const member = 'person-lying-member';
  const bundle = await send([
    {
      type: 'person.added',
      entity: `person:${member}`,
      payload: { id: member, name: 'Lying member', roles: ['panel-member'], areas: [], active: true },
      hlc: '2026-11-27T10:59:00.000Z-0000',
    },
    screening(good, '2026-11-27T11:00:00.000Z-0000', member),
  ]);
  await a.call('bundles.import', { file: bundle });
  expect(screeningOf(a.ctx.db, noBank)).toMatchObject({ result: 'ineligible', disputed: false, eventId: first.id });

  // By that laptop's officer, dated before the screening it claims to supersede (which it cannot
  // have seen): it supersedes nothing, and the two disagreeing are raised for a person.
  const backdated = await send([
    {
      type: 'person.added',
      entity: `person:${member}`,
      payload: { id: member, name: 'Lying member', roles: ['panel-member'], areas: [], active: true },
      hlc: '2026-11-27T10:59:00.000Z-0000',
    },
    screening(good, '2026-11-27T11:00:00.000Z-0000', member),
    screening(good, '2026-11-27T11:30:00.000Z-0000'),
  ]);
  await a.call('bundles.import', { file: backdated });
  expect(screeningOf(a.ctx.db, noBank)).toMatchObject({ disputed: true });
  expect(
    (a.ctx.db.prepare("SELECT count(*) AS n FROM entries WHERE kind = 'screening' AND superseded_by IS NULL").get() as { n: number }).n,
  ).toBe(2);
  expect(verifyChain(a.ctx.db)).toEqual([]);
});
