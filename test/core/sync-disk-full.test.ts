// Disk full during a bundle import: SQLite's max_page_count stands in for a full disk, so the import
// runs out of room partway. With a little room and then a little more, the import must fail at
// different points, each time with an error envelope and the database exactly as it was; once there
// is room, the same import must succeed.
import { afterEach, expect, test } from 'vitest';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { csvFile, templateRow, toCsv } from '../support/csv';
import { countRows, exportBundleTo, projectionSnapshot, trustLaptop } from '../support/laptops';
import { verifyChain } from '../../electron/core/events/verify';
import type Database from 'better-sqlite3';

const cores: TestCore[] = [];
const teardown: (() => void)[] = [];
const onTeardown = (f: () => void) => teardown.push(f);
afterEach(() => {
  cores.splice(0).forEach((c) => c.dispose());
  teardown.splice(0).forEach((f) => f());
});
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};

/** Every table in the database, rows in canonical text, sorted: the whole stored state. */
function everything(db: Database.Database): Record<string, string[]> {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

function copyFolder(from: string, to: string): void {
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
}

const pages = (db: Database.Database) => db.pragma('page_count', { simple: true }) as number;

test('an import that runs out of disk fails cleanly at any point, leaves the database unchanged, and succeeds once there is room', async () => {
  const sender = laptop();
  await sender.call('demo.load', {});
  const round = await sender.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Bulk round',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  const text = 'Sessions run by volunteers with the neighbourhood team. '.repeat(40);
  const rows = Array.from({ length: 200 }, (_, i) =>
    templateRow({ 'Organisation name': `Group ${i}`, 'Project title': `Project ${i}`, 'Project summary': `${i}: ${text}` }),
  );
  await sender.call('imports.commit', { roundId: round.id, file: csvFile(toCsv(rows), 'bulk.csv') });
  const bundleDir = tempDir();
  onTeardown(() => rmSync(bundleDir, { recursive: true, force: true }));
  const { file, eventCount } = await exportBundleTo(sender, bundleDir, 'sender');

  // Two copies of the same receiving laptop: a probe learns how many pages the import needs; the
  // subject is then given less room than that, by a little and by a lot.
  const receiverDir = tempDir();
  const setUp = makeCore(receiverDir);
  await trustLaptop(setUp, sender);
  setUp.close();
  const probeDir = tempDir();
  copyFolder(receiverDir, probeDir);
  // One clock for both, stopped now, so each records the same sign-in with its first change.
  const stopped = new Date();
  const clock = () => stopped;
  const probe = makeCore(probeDir, clock);
  cores.push(probe);
  const probePages = pages(probe.ctx.db);
  await probe.call('bundles.import', { file });
  const needed = pages(probe.ctx.db) - probePages;
  expect(needed).toBeGreaterThan(100);

  const receiver = makeCore(receiverDir, clock);
  cores.push(receiver);
  const db = receiver.ctx.db;
  const before = everything(db);
  const eventsBefore = countRows(db, 'events');
  const ceiling = db.pragma('max_page_count', { simple: true }) as number;
  expect(pages(db)).toBe(probePages);

  // Room for 0, 1, 2, 4, … pages, and for just short of what the import needs: it runs out early,
  // midway and at the very end.
  const rooms = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096].filter((r) => r < needed / 2);
  rooms.push(Math.floor((needed * 3) / 4), needed - 16, needed - 8, needed - 3, needed - 2, needed - 1);
  const codes: Record<string, number> = {};
  for (const room of rooms) {
    db.pragma(`max_page_count = ${pages(db) + room}`);
    const label = `with room for ${room} of the ${needed} pages the import needs`;
    const result = await receiver.dispatch('bundles.import', { file });
    expect(result, label).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    if (!result.ok) {
      codes[result.error.code] = (codes[result.error.code] ?? 0) + 1;
      // A full disk is this laptop's problem, never blamed on the bundle.
      expect(result.error.message, label).toMatch(/disk is full/);
    }
    expect(db.inTransaction, label).toBe(false);
    expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok');
    expect(everything(db), label).toEqual(before);
  }

  // With exactly the room it needs, the same import succeeds.
  db.pragma(`max_page_count = ${pages(db) + needed}`);
  expect(await receiver.call('bundles.import', { file })).toMatchObject({ newEvents: eventCount, knownEvents: 0, gaps: [] });
  // And the receiver's sign-in, recorded with its first change of the session.
  expect(countRows(db, 'events')).toBe(eventsBefore + eventCount + 1);
  expect(countRows(db, 'applications')).toBe(countRows(sender.ctx.db, 'applications'));
  expect(countRows(db, 'bundle_imports')).toBe(1);
  expect(verifyChain(db)).toEqual([]);
  expect(projectionSnapshot(db)).toEqual(projectionSnapshot(probe.ctx.db));

  // With the disk's room restored, the register works as before: the same bundle is already held.
  db.pragma(`max_page_count = ${ceiling}`);
  expect(await receiver.call('bundles.import', { file })).toMatchObject({ newEvents: 0, knownEvents: eventCount });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(everything(db)).toEqual({ ...everything(probe.ctx.db), bundle_imports: expect.any(Array) });
  console.log(
    `sync-disk-full: ${eventCount} events needing ${needed} pages; the import failed cleanly with room for ${rooms.join(', ')}; error codes ${JSON.stringify(codes)}`,
  );
});
