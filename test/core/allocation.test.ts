// Allocation in the core: the workspace in rank order, "Suggest allocation" filling the budget and
// asking before it replaces amounts set by hand, an amount set by hand with its reason, refusals
// naming the field and writing nothing, two laptops overspending an area together (kept, raised,
// settled by a person), and what a lying laptop could try.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { makeCore, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { allocationRound, CHAIR_OWN, type AllocationRound } from '../support/allocation';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { chain, forgeBundle, keyFrom, officerSetUp } from '../support/forge';
import { officerOf, write } from '../../electron/core/context';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

function clock(start: string) {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}
function laptop(): TestCore {
  const core = makeCore(tempDir(), clock('2026-11-27T09:00:00Z'));
  cores.push(core);
  return core;
}
async function signInOfficer(core: TestCore): Promise<void> {
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: officerOf(core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
}
async function ready(core = laptop()): Promise<{ core: TestCore; round: AllocationRound }> {
  await core.ready();
  return { core, round: await allocationRound(core, () => signInOfficer(core)) };
}

const events = (core: TestCore) => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const ignored = (core: TestCore) =>
  core.ctx.db.prepare('SELECT reason, sum(count) AS n FROM ignored_changes GROUP BY reason ORDER BY reason').all() as {
    reason: string;
    n: number;
  }[];

/** A call expected to be refused: its code, message and fields, and nothing written. */
async function refused(core: TestCore, method: Parameters<TestCore['dispatch']>[0], input: unknown) {
  const before = events(core);
  const answer = await core.dispatch(method, input);
  expect(answer.ok, `${method} should be refused`).toBe(false);
  expect(events(core)).toBe(before);
  if (answer.ok) throw new Error('unreachable');
  return { code: answer.error.code, message: answer.error.message, details: answer.error.details ?? [] };
}

const amounts = async (core: TestCore, roundId: string) =>
  (await core.call('allocation.workspace', { roundId, areaId: 'coventry' })).rows.map((r) => [r.organisationName, r.allocatedPence]);

test('the workspace lists the recommended applications in rank order; the suggestion fills the budget plus tolerance', async () => {
  const { core, round } = await ready();
  const view = await core.call('allocation.workspace', { roundId: round.roundId, areaId: 'coventry' });
  expect(view).toMatchObject({
    area: { id: 'coventry', name: 'Coventry' },
    budgetPence: 1_000_000,
    ceilingPence: 1_100_000,
    allocatedPence: 0,
    allocatedElsewherePence: 0,
    breach: null,
    mayAllocate: true,
  });
  // D was declined: not listed. B's recommendation is the panel's lower amount.
  expect(view.rows.map((r) => [r.organisationName, r.rankText, r.requestedPence, r.recommendedPence, r.allocatedPence])).toEqual([
    ['Group A', '1', 400_000, 400_000, null],
    ['Group B', '2', 500_000, 450_000, null],
    ['Group C', '3', 300_000, 300_000, null],
  ]);

  const suggested = await core.call('allocation.suggest', { roundId: round.roundId, areaId: 'coventry' });
  expect(suggested.written).toBe(3);
  expect(suggested.amounts.map((a) => a.basis)).toEqual(['in-full', 'in-full', 'partial']);
  const after = await core.call('allocation.workspace', { roundId: round.roundId, areaId: 'coventry' });
  expect(after.rows.map((r) => [r.allocatedPence, r.runningPence, r.remainingPence, r.reason])).toEqual([
    [400_000, 400_000, 600_000, null],
    [450_000, 850_000, 150_000, 'The minibus hire is not eligible'],
    [250_000, 1_100_000, -100_000, 'The area’s budget had £2,500.00 left after higher-ranked applications'],
  ]);
  expect(after).toMatchObject({ allocatedPence: 1_100_000, remainingPence: -100_000, round: { allocatedPence: 1_100_000 } });
  // Suggesting again changes nothing, so asks nothing.
  expect((await core.call('allocation.suggest', { roundId: round.roundId, areaId: 'coventry' })).written).toBe(0);
  // Dudley shows what Coventry has: the round's allocations elsewhere.
  expect(await core.call('allocation.workspace', { roundId: round.roundId, areaId: 'dudley' })).toMatchObject({
    rows: [],
    allocatedElsewherePence: 1_100_000,
  });
  // A rebuild from the log gives the same tables.
  const before = projectionSnapshot(core.ctx.db);
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
}, 60_000);

test('an amount set by hand: a reduced one needs a reason; the suggestion then asks before replacing it', async () => {
  const { core, round } = await ready();
  const { A, B, C, D } = round.ids;
  expect(await refused(core, 'allocation.set', { applicationId: A, amountPence: 300_000 })).toMatchObject({
    code: 'VALIDATION',
    details: [{ field: 'reason', message: expect.stringMatching(/offer letter/) }],
  });
  await core.call('allocation.set', { applicationId: A, amountPence: 300_000, reason: 'Only one term of coaching' });
  // At the panel's lower amount, the panel's reason stands.
  expect(await core.call('allocation.set', { applicationId: B, amountPence: 450_000 })).toEqual({
    applicationId: B,
    amountPence: 450_000,
    reason: 'The minibus hire is not eligible',
  });
  const field = async (input: object) => (await refused(core, 'allocation.set', input)).details;
  expect(await field({ applicationId: C, amountPence: -1 })).toEqual([
    { field: 'amountPence', message: expect.stringMatching(/negative/) },
  ]);
  expect(await field({ applicationId: C, amountPence: 100.5 })).toEqual([
    { field: 'amountPence', message: 'Enter the amount in whole pence' },
  ]);
  expect(await field({ applicationId: C, amountPence: 300_001 })).toEqual([
    { field: 'amountPence', message: expect.stringMatching(/^Enter no more than the £3,000\.00 .+ asked for$/) },
  ]);
  expect(await field({ applicationId: D, amountPence: 100_000, reason: 'x' })).toEqual([
    { field: 'amountPence', message: expect.stringMatching(/has not recommended/) },
  ]);
  expect((await refused(core, 'allocation.set', { applicationId: 'nope', amountPence: 0 })).code).toBe('NOT_FOUND');

  // The suggestion would put A back to £4,000: it asks first, naming what it replaces.
  const asked = await refused(core, 'allocation.suggest', { roundId: round.roundId, areaId: 'coventry' });
  expect(asked.code).toBe('NEEDS_CONFIRMATION');
  expect(asked.details.map((d) => d.message)).toEqual([expect.stringMatching(/Group A: £3,000\.00 would become £4,000\.00$/)]);
  await core.call('allocation.suggest', { roundId: round.roundId, areaId: 'coventry', confirmed: true });
  expect(await amounts(core, round.roundId)).toEqual([
    ['Group A', 400_000],
    ['Group B', 450_000],
    ['Group C', 250_000],
  ]);
}, 60_000);

test('an amount that would pass the area’s budget plus tolerance, or the round’s total, is refused in pounds, naming the field', async () => {
  const { core, round } = await ready();
  const { A, B, C } = round.ids;
  await core.call('allocation.set', { applicationId: A, amountPence: 400_000 });
  await core.call('allocation.set', { applicationId: B, amountPence: 450_000 });
  expect(await refused(core, 'allocation.set', { applicationId: C, amountPence: 300_000 })).toMatchObject({
    code: 'VALIDATION',
    details: [{ field: 'amountPence', message: 'This takes Coventry to £11,500.00, over its budget of £10,000.00 plus 10% (£11,000.00)' }],
  });
  await core.call('allocation.set', { applicationId: C, amountPence: 250_000, reason: 'What the budget allows' });
  // The round's own total, lower than its areas' budgets: the second ceiling.
  const held = (await core.call('rounds.list', {})).find((r) => r.id === round.roundId)!;
  const { id, fundName, planName, applicationCount, withdrawnCount, requestedPence, budgetPence, ...changes } = held;
  void [id, fundName, planName, applicationCount, withdrawnCount, requestedPence, budgetPence];
  await core.call('rounds.update', { id: round.roundId, changes: { ...changes, totalPence: 1_050_000 }, confirmed: true });
  await core.call('allocation.set', { applicationId: C, amountPence: 0, reason: 'Waiting for the round total' });
  expect(await refused(core, 'allocation.set', { applicationId: C, amountPence: 250_000, reason: 'x' })).toMatchObject({
    details: [{ field: 'amountPence', message: 'This takes ACF winter 2026 to £11,000.00, over its round total of £10,500.00' }],
  });
}, 60_000);

test('who may allocate: a grants officer; the chair reads nothing of it and writes nothing', async () => {
  const { core, round } = await ready();
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: round.chairId, passphrase: CHAIR_OWN });
  expect((await refused(core, 'allocation.set', { applicationId: round.ids.A, amountPence: 400_000 })).code).toBe('FORBIDDEN');
  expect((await refused(core, 'allocation.suggest', { roundId: round.roundId, areaId: 'coventry' })).code).toBe('FORBIDDEN');
  expect((await refused(core, 'allocation.workspace', { roundId: round.roundId, areaId: 'coventry' })).code).toBe('FORBIDDEN');
}, 60_000);

test('two laptops allocating one area at once so it passes budget plus tolerance: both kept, raised for a person, settled by lowering', async () => {
  const usb = tempDir();
  const office = laptop();
  const other = laptop();
  await office.ready();
  await other.ready();
  await trustLaptop(office, other);
  await trustLaptop(other, office);
  const { round } = await ready(office);
  const send = async (from: TestCore, to: TestCore, n: number) => {
    const file = join(usb, `b${n}.gpbundle`);
    await from.call('bundles.export', { file });
    await to.call('bundles.import', { file });
  };
  await send(office, other, 1);
  // Offline, each within the limit as it sees it.
  await office.call('allocation.set', { applicationId: round.ids.A, amountPence: 400_000 });
  await office.call('allocation.set', { applicationId: round.ids.B, amountPence: 450_000 });
  await other.call('allocation.set', { applicationId: round.ids.C, amountPence: 300_000 });
  expect(await office.call('allocation.overspent', {})).toEqual([]);
  await send(other, office, 2);
  // Every amount kept; the area raised, on the Conflicts screen and the workspace.
  expect(await amounts(office, round.roundId)).toEqual([
    ['Group A', 400_000],
    ['Group B', 450_000],
    ['Group C', 300_000],
  ]);
  expect(await office.call('allocation.overspent', {})).toEqual([
    {
      roundId: round.roundId,
      roundName: 'ACF winter 2026',
      areaId: 'coventry',
      areaName: 'Coventry',
      totalPence: 1_150_000,
      limitPence: 1_100_000,
    },
  ]);
  expect((await office.call('allocation.workspace', { roundId: round.roundId, areaId: 'coventry' })).breach).toMatchObject({
    totalPence: 1_150_000,
    limitPence: 1_100_000,
  });
  // Raising the amount further is refused; lowering one settles it, on every laptop.
  expect((await refused(office, 'allocation.set', { applicationId: round.ids.B, amountPence: 460_000 })).details).toEqual([
    { field: 'amountPence', message: 'This takes Coventry to £11,600.00, over its budget of £10,000.00 plus 10% (£11,000.00)' },
  ]);
  await office.call('allocation.set', { applicationId: round.ids.C, amountPence: 250_000, reason: 'What the budget allows' });
  expect(await office.call('allocation.overspent', {})).toEqual([]);
  await send(office, other, 3);
  expect(await other.call('allocation.overspent', {})).toEqual([]);
  const allocations = (core: TestCore) => {
    const { allocations, total_breaches } = projectionSnapshot(core.ctx.db);
    return { allocations, total_breaches };
  };
  expect(allocations(other)).toEqual(allocations(office));
}, 120_000);

test('a lying laptop: an allocation without the capability is ignored and counted; beyond the request or of no application, ignored', async () => {
  const { core, round } = await ready();
  const forge = (payload: object, entity = `allocation:${(payload as { applicationId: string }).applicationId}`) =>
    write(core.ctx, () => core.ctx.log.append(core.ctx.person.id, 'allocation.set', entity, payload));
  // The chair, on a tampered build, writes an allocation: in the log, not applied.
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: round.chairId, passphrase: CHAIR_OWN });
  forge({ applicationId: round.ids.A, amountPence: 400_000, reason: null });
  await signInOfficer(core);
  // An officer's tampered build: more than asked for, and an application not in the register.
  forge({ applicationId: round.ids.C, amountPence: 300_001, reason: null });
  forge({ applicationId: 'never-received', amountPence: 100, reason: null });
  // Negative, part-penny, or naming its own area: the payload is refused, nothing is written.
  const before = events(core);
  expect(() => forge({ applicationId: round.ids.A, amountPence: -5, reason: null })).toThrow(/amountPence/);
  expect(() => forge({ applicationId: round.ids.A, amountPence: 10.5, reason: null })).toThrow(/amountPence/);
  expect(() => forge({ applicationId: round.ids.A, amountPence: 10, reason: null, areaId: 'dudley' })).toThrow(/areaId/);
  expect(events(core)).toBe(before);
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM allocations').get()).toEqual({ n: 0 });
  expect(ignored(core)).toEqual([
    { reason: 'allocated an application that is not in the register', n: 1 },
    { reason: 'allocated more than the application asked for', n: 1 },
    { reason: 'beyond what its author’s roles allowed', n: 1 },
  ]);
  core.ctx.projection.rebuild();
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM allocations').get()).toEqual({ n: 0 });
}, 60_000);

test('a forged bundle’s part-penny allocation is refused whole, naming the field', async () => {
  const { core, round } = await ready();
  const f = keyFrom('laptop F');
  await core.call('devices.trust', { publicKey: f.publicKey, name: 'Laptop F' });
  const bundle = join(tempDir(), 'forged.gpbundle');
  const allocation = (amountPence: number) => ({
    type: 'allocation.set',
    entity: `allocation:${round.ids.A}`,
    payload: { applicationId: round.ids.A, amountPence, reason: null },
    hlc: '2026-11-27T10:00:00.000Z-0000',
    actor: `officer-${f.deviceId}`,
  });
  await forgeBundle(bundle, { signer: f, events: chain(f.deviceId, [officerSetUp(f.deviceId), allocation(99.5)]) });
  const before = projectionSnapshot(core.ctx.db);
  expect(await core.dispatch('bundles.import', { file: bundle })).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/allocation\.set: amountPence/) },
  });
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
}, 60_000);
