// Concurrent edits: field by field, what two laptops changed alike or apart merges by itself; the
// same field changed to different values is a conflict a person resolves, the same on every laptop.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { validDraft } from '../support/drafts';
import { draftOf } from '../../shared/domain/application';
import { steppingClock } from '../support/clock';
import { decodeHlc } from '../../shared/events/hlc';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

/** Two laptops, each trusting the other, holding the same register. */
async function pair() {
  const clock = steppingClock();
  const office = makeCore(tempDir(), clock);
  const panel = makeCore(tempDir(), clock);
  cores.push(office, panel);
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office');
  await send(office, panel);
  await send(panel, office);
  return { office, panel };
}

let n = 0;
async function send(from: TestCore, to: TestCore): Promise<void> {
  const file = join(tempDir(), `b${++n}.gpbundle`);
  await from.call('bundles.export', { file });
  await to.call('bundles.import', { file });
}

/** An ACF round, Winter 2026, with these area budgets. */
const winterRound = (c: TestCore, budgets: { areaId: string; amountPence: number }[] = []) =>
  c.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Winter 2026',
    opens: '2026-11-01',
    closes: '2026-12-31',
    budgets,
  });
const acf = async (c: TestCore) => (await c.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('the same field changed to different values on two laptops is one conflict, listed alike on both with both versions', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveFund', { ...(await acf(office)), maxAwardPence: 400_000 });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), maxAwardPence: 300_000 });
  await send(panel, office);
  await send(office, panel);

  const [a, b] = [await office.call('conflicts.list', {}), await panel.call('conflicts.list', {})];
  expect(a.open).toBe(1);
  // The earlier change (the office's) holds until a person decides, on both laptops.
  expect((await acf(office)).maxAwardPence).toBe(400_000);
  expect((await acf(panel)).maxAwardPence).toBe(400_000);
  expect(a.conflicts[0]).toMatchObject({
    kind: 'fund',
    label: 'Active Citizens Fund',
    fields: [{ field: 'maxAwardPence', label: 'Maximum award', kept: '£4,000.00', incoming: '£3,000.00' }],
    resolvedAt: null,
  });
  expect(b.conflicts.map((c) => [c.id, c.fields])).toEqual(a.conflicts.map((c) => [c.id, c.fields]));
  expect(a.conflicts[0]?.versions).toMatchObject({
    kept: { yours: true, on: 'this laptop', thisLaptop: true },
    incoming: { yours: false, on: 'Coventry panel laptop', thisLaptop: false },
  });
  expect(b.conflicts[0]?.versions).toMatchObject({
    kept: { yours: false, on: 'Office', thisLaptop: false },
    incoming: { yours: true, on: 'this laptop', thisLaptop: true },
  });
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});

for (const order of ['the earlier change imported after the later one', 'the later change imported after the earlier one'] as const) {
  test(`both versions of a title are named by person, laptop and time, the earlier in the register: ${order}`, async () => {
    const { office, panel } = await pair();
    const round = await winterRound(office);
    const { id } = await office.call('applications.create', validDraft(round.id));
    await send(office, panel);
    const retitle = async (c: TestCore, projectTitle: string) =>
      c.call('applications.update', { id, application: { ...draftOf(await c.call('applications.get', { id })), projectTitle } });
    // The panel laptop changes the title first; the office changes it a little later, not knowing.
    await retitle(panel, 'Friday night football');
    await retitle(office, 'Friday football');
    const changedAt = (c: TestCore) => {
      const row = c.ctx.db.prepare("SELECT hlc FROM events WHERE type = 'application.changed' AND device_id = ?").get(c.ctx.device.id);
      return new Date(decodeHlc((row as { hlc: string }).hlc).millis).toISOString();
    };
    const [panelAt, officeAt] = [changedAt(panel), changedAt(office)];
    expect(panelAt < officeAt).toBe(true);
    if (order === 'the earlier change imported after the later one') {
      await send(panel, office); // the issue: this laptop's own later change, then the other's earlier one arrives
      await send(office, panel);
    } else {
      await send(office, panel);
      await send(panel, office);
    }

    const panelVersion = { by: panel.ctx.person.name, on: 'Coventry panel laptop', at: panelAt };
    const officeVersion = { by: office.ctx.person.name, on: 'Office', at: officeAt };
    for (const [c, mine, theirs, mineIsKept] of [
      [office, officeVersion, panelVersion, false],
      [panel, panelVersion, officeVersion, true],
    ] as const) {
      // The earlier change (the panel's) is in the register on both laptops, whatever order the bundles met.
      expect((await c.call('applications.get', { id })).projectTitle).toBe('Friday night football');
      const { conflicts } = await c.call('conflicts.list', {});
      expect(conflicts).toHaveLength(1);
      const yours = { ...mine, on: 'this laptop', thisLaptop: true, yours: true };
      const other = { ...theirs, thisLaptop: false, yours: false };
      expect(conflicts[0]).toMatchObject({
        fields: [{ field: 'projectTitle', label: 'Project title', kept: 'Friday night football', incoming: 'Friday football' }],
        versions: mineIsKept ? { kept: yours, incoming: other } : { kept: other, incoming: yours },
      });
    }
    expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
  });
}

test('a conflict’s kept version, once the register moves on from it, is named by whoever made the value held now', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveFund', { ...(await acf(office)), code: 'ACF1' });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), code: 'ACF2' });
  await send(panel, office);
  await send(office, panel);
  // The panel laptop, seeing ACF1 in the register, changes it on: that change applies.
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), code: 'ACF3' });
  await send(panel, office);
  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  expect(conflict?.fields).toEqual([{ field: 'code', label: 'Code', kept: 'ACF3', incoming: 'ACF2' }]);
  expect(conflict?.versions.kept).toMatchObject({ on: 'Coventry panel laptop', yours: false });
  expect(Date.parse(conflict!.versions.kept!.at)).toBeGreaterThan(Date.parse(conflict!.versions.incoming.at));
});

test('changes to different fields, or to the same value, merge with no conflict', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveFund', { ...(await acf(office)), maxAwardPence: 450_000, name: 'Active Citizens Fund 2027' });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), maxAwardPence: 450_000, eligibility: 'Community groups only' });
  await send(panel, office);
  await send(office, panel);
  for (const c of [office, panel]) {
    expect((await c.call('conflicts.list', {})).open).toBe(0);
    expect(await acf(c)).toMatchObject({ name: 'Active Citizens Fund 2027', maxAwardPence: 450_000, eligibility: 'Community groups only' });
  }
});

test('a resolution is an event: it applies the chosen version and travels; each import order gives the same tables', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveArea', {
    id: 'coventry',
    name: 'Coventry NPU',
    onsCode: 'E08000026',
    localAuthority: 'Coventry City Council',
  });
  await panel.call('catalogue.saveArea', {
    id: 'coventry',
    name: 'Coventry (city)',
    onsCode: 'E08000026',
    localAuthority: 'Coventry City Council',
  });
  await send(panel, office);
  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  expect(conflict?.fields).toEqual([{ field: 'name', label: 'Name', kept: 'Coventry NPU', incoming: 'Coventry (city)' }]);

  const resolved = await office.call('conflicts.resolve', { id: conflict!.id, choices: { name: 'incoming' } });
  expect(resolved).toMatchObject({ resolvedBy: office.ctx.person.name, fields: [{ kept: 'Coventry (city)' }] });
  expect((await office.call('conflicts.list', {})).open).toBe(0);
  expect((await office.call('conflicts.list', { includeResolved: true })).conflicts).toHaveLength(1);

  await send(office, panel);
  expect((await panel.call('conflicts.list', {})).open).toBe(0);
  expect((await panel.call('catalogue.areas', {})).find((a) => a.id === 'coventry')?.name).toBe('Coventry (city)');
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));

  // A second resolution of the same conflict is refused, and writes nothing.
  const before = events(office);
  const again = await office.dispatch('conflicts.resolve', { id: conflict!.id, choices: { name: 'kept' } });
  expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('already resolved') } });
  expect(events(office)).toBe(before);
});

test('two people resolving the same conflict differently raise a new conflict between their choices', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveFund', { ...(await acf(office)), code: 'ACF1' });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), code: 'ACF2' });
  await send(panel, office);
  await send(office, panel);
  const id = (await office.call('conflicts.list', {})).conflicts[0]!.id;
  await office.call('conflicts.resolve', { id, choices: { code: 'kept' } });
  await panel.call('conflicts.resolve', { id, choices: { code: 'incoming' } });
  await send(panel, office);
  await send(office, panel);
  for (const c of [office, panel]) {
    const { conflicts } = await c.call('conflicts.list', {});
    expect(conflicts.map((x) => x.fields)).toEqual([[{ field: 'code', label: 'Code', kept: 'ACF1', incoming: 'ACF2' }]]);
  }
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});

test('an application edited on two laptops: different fields merge, the same field conflicts, withdrawals clash only on the reason', async () => {
  const { office, panel } = await pair();
  const round = await winterRound(office);
  const { id } = await office.call('applications.create', validDraft(round.id));
  await send(office, panel);

  const edit = async (c: TestCore, changes: object) =>
    c.call('applications.update', { id, application: { ...draftOf(await c.call('applications.get', { id })), ...changes } });
  await edit(office, { projectTitle: 'Friday football', summary: 'Floodlit five-a-side.' });
  await edit(panel, { projectTitle: 'Friday night football', expectedBeneficiaries: 80 });
  await office.call('applications.withdraw', { id, reason: 'Group folded' });
  await panel.call('applications.withdraw', { id, reason: 'Funded elsewhere' });
  await send(panel, office);
  await send(office, panel);

  for (const c of [office, panel]) {
    const a = await c.call('applications.get', { id });
    expect(a).toMatchObject({
      projectTitle: 'Friday football',
      summary: 'Floodlit five-a-side.',
      expectedBeneficiaries: 80,
      status: 'withdrawn',
      withdrawnReason: 'Group folded',
      openConflicts: 2,
    });
    const { conflicts } = await c.call('conflicts.list', {});
    expect(conflicts.map((x) => x.fields.map((f) => [f.label, f.kept, f.incoming]))).toEqual([
      [['Project title', 'Friday football', 'Friday night football']],
      [['Reason for withdrawal', 'Group folded', 'Funded elsewhere']],
    ]);
    expect(conflicts[0]?.label).toMatch(/^ACF-\d{4}-0001 /);
  }
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});

test('editing an application: reference and round stay, new contact details are held apart, no change writes no event', async () => {
  const office = makeCore();
  cores.push(office);
  const round = await winterRound(office);
  const { id } = await office.call('applications.create', validDraft(round.id));
  const draft = draftOf(await office.call('applications.get', { id }));
  const before = events(office);

  await office.call('applications.update', { id, application: draft });
  expect(events(office)).toBe(before);

  const refused = await office.dispatch('applications.update', {
    id,
    application: { ...draft, reference: 'OTHER-1', amountRequested: 900_000, budgetLines: [{ item: 'All', amount: 900_000 }] },
  });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: expect.arrayContaining([
        { field: 'reference', message: 'An application keeps its reference' },
        { field: 'amountRequested', message: expect.stringContaining('£5,000.00 or less') },
      ]),
    },
  });
  expect(events(office)).toBe(before);

  // A lowered fund maximum does not stop a correction elsewhere in an application over it.
  await office.call('catalogue.saveFund', { ...(await acf(office)), maxAwardPence: 100_000, confirmed: true });
  const updated = await office.call('applications.update', { id, application: { ...draft, contactEmail: 'new@example.org' } });
  expect(updated).toMatchObject({ contactEmail: 'new@example.org', contactName: draft.contactName });
  const payload = office.ctx.db.prepare("SELECT payload FROM events WHERE type = 'application.changed'").get() as { payload: string };
  expect(Object.keys(JSON.parse(payload.payload).changes)).toEqual(['contactDigest']);
  expect(payload.payload).not.toContain('new@example.org');

  await office.call('applications.withdraw', { id, reason: 'Asked to withdraw' });
  const afterWithdrawal = events(office);
  expect(await office.dispatch('applications.update', { id, application: { ...draft, projectTitle: 'Too late' } })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: expect.stringContaining('is withdrawn, so it can no longer be changed') },
  });
  expect(events(office)).toBe(afterWithdrawal);
});

test('a conflict resolution with a field missing or unknown is refused with the field named, and nothing is written', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.saveFund', { ...(await acf(office)), code: 'ACF1', name: 'One' });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), code: 'ACF2', name: 'Two' });
  await send(panel, office);
  const id = (await office.call('conflicts.list', {})).conflicts[0]!.id;
  const before = events(office);
  const result = await office.dispatch('conflicts.resolve', { id, choices: { code: 'kept', colour: 'incoming' } });
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [
        { field: 'name', message: 'Choose which name to keep' },
        { field: 'colour', message: 'colour is not in conflict here' },
      ],
    },
  });
  expect(await office.dispatch('conflicts.resolve', { id: 'f'.repeat(64), choices: {} })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await office.dispatch('conflicts.resolve', { id: 'nope', choices: {} })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
  expect(events(office)).toBe(before);
});

test('people are changed only by a grants officer, and a laptop’s own officer is made only by that laptop', async () => {
  const { office, panel } = await pair();
  const officeOfficer = office.ctx.person;
  const member = await panel.call('people.add', {
    name: 'Ola Member',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'temporary passphrase 2',
  });
  const name = (c: TestCore, id: string) =>
    (c.ctx.db.prepare('SELECT name FROM people WHERE id = ?').get(id) as { name: string } | undefined)?.name;
  // A lying panel laptop writes as its panel member (no right to change people), and adds another laptop's officer.
  panel.ctx.db.transaction(() => {
    panel.ctx.log.append(member.id, 'person.changed', `person:${member.id}`, {
      id: member.id,
      changes: { roles: { from: ['panel-member'], to: ['grants-officer'] } },
    });
    panel.ctx.log.append(panel.ctx.person.id, 'person.added', `person:${officerOfficeTwin(office)}`, {
      id: officerOfficeTwin(office),
      name: 'Forged officer',
      roles: ['grants-officer'],
      areas: [],
      active: true,
    });
  })();
  await send(panel, office);
  for (const c of [panel, office]) {
    expect((await c.call('people.list', {})).find((p) => p.id === member.id)?.roles).toEqual(['panel-member']);
    expect(name(c, officerOfficeTwin(office))).toBeUndefined();
  }
  expect(name(office, officeOfficer.id)).toBe(officeOfficer.name);
});

/** An officer id belonging to no laptop here: what a lying laptop would invent. */
const officerOfficeTwin = (c: TestCore) => `officer-${c.ctx.device.id.split('').reverse().join('')}`;

test('contact details changed on two laptops conflict as a whole, shown where this laptop holds them', async () => {
  const { office, panel } = await pair();
  const round = await winterRound(office);
  const { id } = await office.call('applications.create', validDraft(round.id));
  const officeKey = (await office.call('session.current', {})).device.sealRecipient;
  const sealed = async (from: TestCore, to: TestCore, recipient: string) => {
    const file = join(tempDir(), `s${++n}.gpbundle.age`);
    await from.call('bundles.export', { file, to: [recipient] });
    await to.call('bundles.import', { file });
  };
  await sealed(office, panel, (await panel.call('session.current', {})).device.sealRecipient);
  const edit = async (c: TestCore, contactEmail: string) =>
    c.call('applications.update', { id, application: { ...draftOf(await c.call('applications.get', { id })), contactEmail } });
  await edit(office, 'office@example.org');
  await edit(panel, 'panel@example.org');
  await sealed(panel, office, officeKey);
  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  expect(conflict?.fields).toEqual([
    {
      field: 'contactDigest',
      label: 'Contact details',
      kept: 'Amira Khan, office@example.org, 0121 496 0000',
      incoming: 'Amira Khan, panel@example.org, 0121 496 0000',
    },
  ]);
  await office.call('conflicts.resolve', { id: conflict!.id, choices: { contactDigest: 'incoming' } });
  expect(await office.call('applications.get', { id })).toMatchObject({ contactEmail: 'panel@example.org' });
});

test('a round’s budgets merge area by area: different areas both apply, the same area changed differently conflicts', async () => {
  const { office, panel } = await pair();
  const round = await winterRound(office, [
    { areaId: 'coventry', amountPence: 2_000_000 },
    { areaId: 'dudley', amountPence: 1_000_000 },
  ]);
  await send(office, panel);
  const budgets = (rest: { areaId: string; amountPence: number }[]) => {
    const { id: _, ...fields } = round;
    return { ...fields, budgets: rest };
  };
  await office.call('rounds.update', {
    id: round.id,
    changes: budgets([
      { areaId: 'coventry', amountPence: 2_500_000 },
      { areaId: 'dudley', amountPence: 1_000_000 },
      { areaId: 'walsall', amountPence: 500_000 },
    ]),
  });
  await panel.call('rounds.update', {
    id: round.id,
    changes: budgets([
      { areaId: 'coventry', amountPence: 2_200_000 },
      { areaId: 'dudley', amountPence: 1_200_000 },
    ]),
  });
  await send(panel, office);
  await send(office, panel);
  for (const c of [office, panel]) {
    const held = (await c.call('rounds.list', {})).find((r) => r.id === round.id);
    expect(held?.budgets).toEqual([
      { areaId: 'coventry', amountPence: 2_500_000 },
      { areaId: 'dudley', amountPence: 1_200_000 },
      { areaId: 'walsall', amountPence: 500_000 },
    ]);
    const { conflicts } = await c.call('conflicts.list', {});
    expect(conflicts.map((x) => x.fields)).toEqual([
      [{ field: 'budget:coventry', label: 'Budget for Coventry', kept: '£25,000.00', incoming: '£22,000.00' }],
    ]);
  }
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});
