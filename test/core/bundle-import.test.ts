// Importing bundles that arrive out of order: gaps are reported from what the log holds, a later
// bundle links to the events on both sides of a gap, and the tables always equal a rebuild of the log.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { verifyChain } from '../../electron/core/events/verify';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};
const topSeq = (c: TestCore, deviceId: string) =>
  (c.ctx.db.prepare('SELECT max(seq) AS n FROM events WHERE device_id = ?').get(deviceId) as { n: number }).n;

/** The tables as imports left them equal the tables a rebuild of the whole log gives. */
function expectTablesAsRebuilt(c: TestCore): void {
  const live = projectionSnapshot(c.ctx.db);
  c.ctx.projection.rebuild();
  expect(projectionSnapshot(c.ctx.db)).toEqual(live);
}

/** Exports everything `c` holds to a new file and answers its path. */
async function exportTo(c: TestCore, name: string): Promise<string> {
  const file = join(tempDir(), name);
  await c.call('bundles.export', { file });
  return file;
}

test('a later stretch imported first reports the missing one; the full bundle then fills it; newer events project in order', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(office, panel);
  await trustLaptop(panel, office);
  await panel.call('bundles.import', { file: await exportTo(office, 'a.gpbundle') });
  // The panel's bundle tells the office what the panel holds, so the next export for it is a delta.
  await office.call('bundles.import', { file: await exportTo(panel, 'p.gpbundle') });
  const acknowledged = topSeq(office, office.ctx.device.id);
  await office.call('demo.load', {});
  const deltaFile = join(tempDir(), 'delta.gpbundle');
  const delta = await office.call('bundles.export', { file: deltaFile, for: panel.ctx.device.id });
  const fullFile = join(tempDir(), 'full.gpbundle');
  const full = await office.call('bundles.export', { file: fullFile });

  const newcomer = laptop();
  await trustLaptop(newcomer, office);
  const first = await newcomer.call('bundles.import', { file: deltaFile });
  expect(first).toMatchObject({
    newEvents: delta.eventCount,
    knownEvents: 0,
    gaps: [`changes 1–${acknowledged} from Another laptop are missing`],
  });
  expectTablesAsRebuilt(newcomer);

  const second = await newcomer.call('bundles.import', { file: fullFile });
  expect(second).toMatchObject({ newEvents: full.eventCount - delta.eventCount, knownEvents: delta.eventCount, gaps: [] });
  expect(verifyChain(newcomer.ctx.db)).toEqual([]);
  expectTablesAsRebuilt(newcomer);

  // Made after everything the newcomer holds: projected one by one, in clock order, not rebuilt.
  const acf = (await office.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
  await office.call('catalogue.saveFund', { ...acf, maxAwardPence: 300_000, confirmed: true });
  await office.call('catalogue.saveFund', { ...acf, maxAwardPence: 400_000 });
  const latestFile = join(tempDir(), 'latest.gpbundle');
  await office.call('bundles.export', { file: latestFile });
  const third = await newcomer.call('bundles.import', { file: latestFile });
  expect(third).toMatchObject({ newEvents: 2, gaps: [] });
  expect((await newcomer.call('catalogue.funds', {})).find((f) => f.id === 'acf')?.maxAwardPence).toBe(400_000);
  expect(verifyChain(newcomer.ctx.db)).toEqual([]);
  expectTablesAsRebuilt(newcomer);
});
