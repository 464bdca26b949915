// Bundles at scale: export and import of N events (BENCH_EVENTS, default 100,000), beside two raw
// better-sqlite3 inserts of the same rows measured in the same run: into a bare table with only the
// primary key, and into the real `events` table and its indexes (from the migrations' own SQL) with the
// import's page cache. The ≤ 8× target is judged against the first, the physical floor a laptop pays
// for storing the rows at all. Part of `npm run bench`.
// The import runs in a child process of its own (this file again, with `--import-child`), so its
// peak RSS is the import's alone, not this process's copy of the rows made for the raw baseline.
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../electron/core/app';
import { write } from '../electron/core/context';
import { openSignedIn } from './bench-data';
import type { EventRow } from '../electron/core/events/log';
import { MIGRATIONS } from '../electron/core/db/migrations';

/** The whole schema as migrated: the real events table and its indexes (the other tables stay empty). */
const schemaSql = MIGRATIONS.map((m) => m.sql).join('\n');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CHILD = '--import-child';
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const mb = (bytes: number) => fmt(bytes / 1024 / 1024);

interface ChildReport {
  importMs: number;
  newEvents: number;
  /** Resident memory once the core is open and the signer trusted, just before the import. */
  rssBefore: number;
  /** The child's peak resident memory over its whole life (the import included). */
  maxRss: number;
}

async function call(core: Core, method: string, input: unknown) {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

/** In the child: open a fresh laptop, trust the office, import, and report. */
async function importChild(dataDir: string, file: string, publicKey: string): Promise<ChildReport> {
  const panel = await openSignedIn(dataDir);
  await call(panel, 'devices.trust', { publicKey, name: 'Office' });
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  // The file as the CLI chooses one typed at the terminal.
  const result = await call(panel, 'bundles.import', { file: panel.ctx.files.choose(file, 'read', 'bundle', 'terminal').id });
  const importMs = performance.now() - t;
  panel.close();
  // maxRSS is in kilobytes.
  return { importMs, newEvents: Number(result.newEvents), rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 };
}

function runChild(dataDir: string, file: string, publicKey: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    // fork passes on this process's node flags, so `node --cpu-prof` profiles the import too.
    const child = fork(process.argv[1]!, [CHILD, dataDir, file, publicKey], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | undefined;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the import process failed (exit ${code})`))));
  });
}

const BARE_EVENTS =
  'CREATE TABLE events (device_id TEXT, seq INTEGER, hlc TEXT, actor TEXT, type TEXT, entity TEXT, payload TEXT, prev_hash TEXT, hash TEXT, PRIMARY KEY (device_id, seq)) WITHOUT ROWID';

/**
 * The page cache the import sets on its connection (IMPORT_CACHE_KIB in electron/core/bundles/import.ts,
 * not exported): baseline (b) gets it too. With the default 16 MB, SQLite spills and rereads the
 * randomly filled hash index's pages, and the baseline takes about twice as long at a million rows:
 * measured against that, the import would look better than it is.
 */
const IMPORT_CACHE_KIB = -64 * 1024;

/**
 * A plain better-sqlite3 insert of the same rows: WAL, synchronous=FULL, one transaction, into a
 * fresh file whose schema is made by `schema` (not timed); `cacheKib` sets the page cache if given.
 */
function rawInsert(file: string, rows: EventRow[], schema: string, cacheKib?: number): number {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  if (cacheKib !== undefined) raw.pragma(`cache_size = ${cacheKib}`);
  raw.exec(schema);
  const insert = raw.prepare('INSERT INTO events VALUES (@device_id, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash)');
  const t = performance.now();
  raw.transaction(() => rows.forEach((r) => insert.run(r)))();
  const ms = performance.now() - t;
  raw.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return ms;
}

interface Baselines {
  /** The bare table, only the primary key, default page cache (as before): the faster of two runs. */
  bareMs: number;
  /** The real `events` table (0001-register.sql: hash UNIQUE, events_in_order, events_by_entity), the import's page cache: the faster of two. */
  realMs: number;
  runs: { bare: number[]; real: number[] };
}

/** Each baseline twice, alternated (bare, real, bare, real), keeping the faster of each: the machine is noisy. */
function rawBaselines(dir: string, rows: EventRow[]): Baselines {
  const runs = { bare: [] as number[], real: [] as number[] };
  for (let i = 0; i < 2; i++) {
    runs.bare.push(rawInsert(join(dir, `raw-bare-${i}.sqlite`), rows, BARE_EVENTS));
    runs.real.push(rawInsert(join(dir, `raw-real-${i}.sqlite`), rows, schemaSql, IMPORT_CACHE_KIB));
  }
  return { bareMs: Math.min(...runs.bare), realMs: Math.min(...runs.real), runs };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-bundles-'));
  try {
    console.log(`\nBundles — ${fmt(EVENTS)} events\n`);
    const office = await openSignedIn(join(dir, 'office'));
    // Many small catalogue edits: real events through the real log, quickly made.
    let t = performance.now();
    write(office.ctx, () => {
      for (let i = 0; i < EVENTS; i++) {
        const id = `area-${i % 5000}`;
        office.ctx.log.append(office.ctx.person.id, 'area.saved', `area:${id}`, {
          id,
          name: `Area ${i}`,
          onsCode: null,
          localAuthority: 'Bench',
        });
      }
    });
    console.log(`made ${fmt(EVENTS)} events in ${fmt(performance.now() - t)} ms`);

    let rows = office.ctx.db.prepare('SELECT * FROM events').all() as EventRow[];
    const total = rows.length;
    const raw = rawBaselines(dir, rows);
    rows = [];
    const both = (ms: number[]) => ms.map((m) => `${fmt(m)} ms`).join(', ');
    console.log(
      `raw better-sqlite3 insert of the same ${fmt(total)} rows (WAL, synchronous=FULL, one transaction; each run twice, the faster kept):`,
    );
    console.log(`  (a) bare table, primary key only, default page cache: ${fmt(raw.bareMs)} ms (runs: ${both(raw.runs.bare)})`);
    console.log(
      `  (b) the real events table and its indexes (as migrated), the import's 64 MiB page cache: ${fmt(raw.realMs)} ms (runs: ${both(raw.runs.real)})`,
    );

    const file = join(dir, 'office.gpbundle');
    t = performance.now();
    await call(office, 'bundles.export', { file: office.ctx.files.choose(file, 'write', 'bundle', 'terminal').id });
    const exportMs = performance.now() - t;
    console.log(
      `export (write, sign, zip, read back and verify): ${fmt(exportMs)} ms — ${fmt(total / (exportMs / 1000))} events/s, ${mb(statSync(file).size)} MB`,
    );
    const session = (await call(office, 'session.current', {})) as { device: { publicKey: string } };
    office.close();

    const r = await runChild(join(dir, 'panel'), file, session.device.publicKey);
    console.log(
      `import (verify, insert, project, one transaction): ${fmt(r.importMs)} ms — ${fmt(r.newEvents / (r.importMs / 1000))} events/s`,
    );
    console.log(
      `  ${fmt(r.importMs / raw.bareMs)}× raw insert (a), the bare table — the target (≤ 8× at a million events) is judged against this`,
    );
    console.log(`  ${fmt(r.importMs / raw.realMs)}× raw insert (b), the same rows into the same table (for comparison)`);
    console.log(
      `peak RSS of the import process: ${mb(r.maxRss)} MB (target < 400 MB; ${mb(r.rssBefore)} MB before the import, with the core open)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fail = (e: Error) => {
  console.error(e.message);
  process.exit(1);
};

if (process.argv[2] === CHILD) {
  const [dataDir, file, publicKey] = process.argv.slice(3) as [string, string, string];
  // Run by hand (no parent to tell), it prints its report: handy for profiling the import alone.
  importChild(dataDir, file, publicKey)
    .then((report) => (process.send ? process.send(report, () => process.exit(0)) : console.log(JSON.stringify(report))))
    .catch(fail);
} else {
  main().catch(fail);
}
