// Bundles at scale: export and import of N events (BENCH_EVENTS, default 100,000), beside a raw
// better-sqlite3 insert of the same rows measured in the same run. Part of `npm run bench`.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../electron/core/app';
import type { EventRow } from '../electron/core/events/log';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

async function call(core: Core, method: string, input: unknown) {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-bundles-'));
  try {
    console.log(`\nBundles — ${fmt(EVENTS)} events\n`);
    const office = openCore({ dataDir: join(dir, 'office') });
    // Many small catalogue edits: real events through the real log, quickly made.
    let t = performance.now();
    office.ctx.db.transaction(() => {
      for (let i = 0; i < EVENTS; i++) {
        const id = `area-${i % 5000}`;
        office.ctx.log.append(office.ctx.person.id, 'area.saved', `area:${id}`, {
          id,
          name: `Area ${i}`,
          onsCode: null,
          localAuthority: 'Bench',
        });
      }
    })();
    console.log(`made ${fmt(EVENTS)} events in ${fmt(performance.now() - t)} ms`);
    const total = (office.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const rows = office.ctx.db.prepare('SELECT * FROM events').all() as EventRow[];

    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(
      'CREATE TABLE events (device_id TEXT, seq INTEGER, hlc TEXT, actor TEXT, type TEXT, entity TEXT, payload TEXT, prev_hash TEXT, hash TEXT, PRIMARY KEY (device_id, seq)) WITHOUT ROWID',
    );
    const insert = raw.prepare('INSERT INTO events VALUES (@device_id, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash)');
    t = performance.now();
    raw.transaction(() => rows.forEach((r) => insert.run(r)))();
    const rawMs = performance.now() - t;
    raw.close();
    rows.length = 0;
    console.log(`raw better-sqlite3 insert of the same ${fmt(total)} rows: ${fmt(rawMs)} ms`);

    const file = join(dir, 'office.gpbundle');
    t = performance.now();
    await call(office, 'bundles.export', { file });
    const exportMs = performance.now() - t;
    console.log(
      `export (write, sign, zip, read back and verify): ${fmt(exportMs)} ms — ${fmt(total / (exportMs / 1000))} events/s, ${fmt(statSync(file).size / 1024 / 1024)} MB`,
    );
    const session = (await call(office, 'session.current', {})) as { device: { publicKey: string } };

    const panel = openCore({ dataDir: join(dir, 'panel') });
    await call(panel, 'devices.trust', { publicKey: session.device.publicKey, name: 'Office' });
    peak = 0;
    t = performance.now();
    const result = await call(panel, 'bundles.import', { file });
    const importMs = performance.now() - t;
    console.log(
      `import (verify, insert, project, one transaction): ${fmt(importMs)} ms — ${fmt(Number(result.newEvents) / (importMs / 1000))} events/s — ${fmt(importMs / rawMs)}× the raw insert (target ≤ 8×)`,
    );
    console.log(`peak RSS during the import: ${fmt(peak / 1024 / 1024)} MB (target < 400 MB)`);
    office.close();
    panel.close();
  } finally {
    clearInterval(sample);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
