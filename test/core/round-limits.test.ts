// A round's own total and over-allocation tolerance (issue 12): optional, read back as saved,
// changed field by field like the rest of the round, and refused with the field named when wrong.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';

let core: TestCore;
beforeEach(() => {
  core = makeCore(undefined, () => new Date('2026-11-28T10:00:00Z'));
});
afterEach(() => core.dispose());

const input = {
  fundId: 'acf',
  planId: 'pcp-2025-2029',
  name: 'ACF winter',
  opens: '2026-11-01',
  closes: '2026-12-31',
  budgets: [{ areaId: 'coventry', amountPence: 4_500_000 }],
};
const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a round has no total and no tolerance unless given; given, they read back', async () => {
  const plain = await core.call('rounds.create', input);
  expect([plain.totalPence, plain.tolerancePercent]).toEqual([null, 0]);
  const limited = await core.call('rounds.create', { ...input, name: 'ACF spring', totalPence: 30_000_000, tolerancePercent: 10 });
  const read = (await core.call('rounds.list', {})).find((r) => r.id === limited.id)!;
  expect([read.totalPence, read.tolerancePercent]).toEqual([30_000_000, 10]);
});

test('changing the tolerance records that field alone, from the value it replaces', async () => {
  const round = await core.call('rounds.create', input);
  await core.call('rounds.update', { id: round.id, changes: { ...input, tolerancePercent: 5 } });
  const last = core.ctx.db.prepare("SELECT payload FROM events WHERE type = 'round.changed' ORDER BY seq DESC LIMIT 1").get() as {
    payload: string;
  };
  expect(JSON.parse(last.payload).changes).toEqual({ tolerancePercent: { from: 0, to: 5 } });
});

test('a tolerance over 50% or a total in part-pence is refused, naming the field, and nothing is written', async () => {
  await core.ready();
  const before = eventCount();
  const tooMuch = await core.dispatch('rounds.create', { ...input, tolerancePercent: 60 });
  expect(tooMuch.ok ? null : tooMuch.error.details).toEqual([{ field: 'tolerancePercent', message: 'The tolerance can be at most 50%' }]);
  const part = await core.dispatch('rounds.create', { ...input, totalPence: 10.5 });
  expect(part.ok ? null : part.error.details).toEqual([{ field: 'totalPence', message: 'Enter the round total in whole pence' }]);
  expect(eventCount()).toBe(before);
});
