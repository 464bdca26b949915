// Helpers for tests where several laptops exchange bundles: trusting, exporting, and comparing what
// each laptop holds (every projection table, every event) independently of row order.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { PROJECTED_TABLES } from '../../shared/domain/kinds';
import { tempDir, type TestCore } from './core';

type Db = Database.Database;

/** `who` trusts `whom`'s key, as a grants officer would after comparing fingerprints. */
export async function trustLaptop(who: TestCore, whom: TestCore, name = 'Another laptop'): Promise<void> {
  const { device } = await whom.call('session.current', {});
  await who.call('devices.trust', { publicKey: device.publicKey, name });
}

/** Every projection table, each as its rows in canonical text, sorted: equal iff the tables hold the same rows. */
export function projectionSnapshot(db: Db): Record<string, string[]> {
  return Object.fromEntries(
    PROJECTED_TABLES.map((t) => [
      t,
      db
        .prepare(`SELECT * FROM ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/** Every event as "device/seq/hash", sorted. */
export function eventKeys(db: Db): string[] {
  return db
    .prepare<[], { device_id: string; seq: number; hash: string }>('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq')
    .all()
    .map((r) => `${r.device_id}/${r.seq}/${r.hash}`);
}

export function countRows(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * A new data folder that will start under `core`'s key with a database of its own: the fork that
 * re-seeding a lost database used to make, which GrantPanel now refuses to make. Made by hand, as
 * an unfinished first run leaves it (the key not yet under its final name), so tests can prove that
 * other laptops refuse such a fork too.
 */
export function forkedDataFolder(core: TestCore): string {
  const dir = tempDir();
  copyFileSync(join(core.dataDir, 'device-key.json'), join(dir, 'device-key.json.pending'));
  return dir;
}

let bundleNumber = 0;

/** Exports every event `core` holds to a new bundle in `dir`. */
/** An open bundle, or sealed to a laptop's key (`sealRecipient`): then it carries personal data and sealed sign-ins too. */
export async function exportBundleTo(
  core: TestCore,
  dir: string,
  label = 'laptop',
  sealedTo?: string,
): Promise<{ file: string; eventCount: number }> {
  const file = join(dir, `${label}-${++bundleNumber}.gpbundle${sealedTo ? '.age' : ''}`);
  const info = await core.call('bundles.export', sealedTo ? { file, to: [sealedTo] } : { file });
  return { file, eventCount: info.eventCount };
}
