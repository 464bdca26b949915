// `npm run bench`: the register at the scale of 20,000 applications, each number beside a raw
// baseline measured in the same run on the same machine. Not part of `npm test`.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { startServer } from '../electron/core/server';
import { call, generateCsv, openSignedIn, signIn } from './bench-data';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
function rawInsert(file: string, cells: string[][]): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (reference TEXT PRIMARY KEY, organisation TEXT, title TEXT, area TEXT, amount TEXT, body TEXT)');
  const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?)');
  const t = performance.now();
  db.transaction(() => {
    // A blank reference gets the row's number, as GrantPanel would give one.
    cells.forEach((c, i) => insert.run(c[0] || `ROW-${i}`, c[1], c[10], c[12], c[14], JSON.stringify(c)));
  })();
  const ms = performance.now() - t;
  db.close();
  return ms;
}

function post(port: number, token: string, method: string, body: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${method}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'X-GrantPanel-Token': token },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** Checks and imports `rows` generated applications into a new data folder, beside a raw insert of the same rows. */
async function importRun(dir: string, rows: number, blank = false) {
  const { csv, cells } = generateCsv(rows, blank);
  const name = `${rows}${blank ? '-numbered' : ''}`;
  const rawMs = rawInsert(join(dir, `raw-${name}.sqlite`), cells);
  const dataDir = join(dir, `data-${name}`);
  const core = await openSignedIn(dataDir);
  const round = await call(core, 'rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Bench round',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  // The CSV file as the CLI chooses one typed at the terminal; the core reads it itself.
  const csvPath = join(dir, `bench-${name}.csv`);
  writeFileSync(csvPath, csv);
  const input = { roundId: round.id, file: core.ctx.files.choose(csvPath, 'read', 'csv', 'terminal').id };
  let t = performance.now();
  const preview = await call(core, 'imports.preview', input);
  const previewMs = performance.now() - t;
  if (preview.importable !== rows) throw new Error(`preview found ${String(preview.importable)} importable rows`);
  t = performance.now();
  await call(core, 'imports.commit', input);
  const importMs = performance.now() - t;
  core.close();
  return { csvMb: csv.length / 1024 / 1024, rawMs, previewMs, importMs, dataDir };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-'));
  try {
    console.log(`GrantPanel benchmark — ${ROWS.toLocaleString('en-GB')} applications\n`);
    // A quarter of the rows first: four times the rows should take about four times as long.
    const quarter = Math.round(ROWS / 4);
    const small = await importRun(dir, quarter);
    const big = await importRun(dir, ROWS);
    // The same rows without references, so GrantPanel numbers every one.
    const smallNumbered = await importRun(dir, quarter, true);
    const bigNumbered = await importRun(dir, ROWS, true);
    for (const [rows, r, how] of [
      [quarter, small, 'with references'],
      [ROWS, big, 'with references'],
      [quarter, smallNumbered, 'numbered by GrantPanel'],
      [ROWS, bigNumbered, 'numbered by GrantPanel'],
    ] as const) {
      console.log(`${fmt(rows)} rows ${how} — CSV ${fmt(r.csvMb)} MB`);
      console.log(`  raw better-sqlite3 insert of the same rows: ${fmt(r.rawMs)} ms (${fmt(rows / (r.rawMs / 1000))} rows/s)`);
      console.log(`  dry-run check: ${fmt(r.previewMs)} ms (${fmt(rows / (r.previewMs / 1000))} rows/s)`);
      console.log(
        `  import (check + events + projections, one transaction): ${fmt(r.importMs)} ms (${fmt(rows / (r.importMs / 1000))} rows/s) — ${fmt(r.importMs / r.rawMs)}× the raw insert (target ≤ 10× at 20,000)`,
      );
    }
    console.log(`4× the rows took ${fmt(big.importMs / small.importMs)}× the time (target: about 4.5× at most)`);
    console.log(`4× the rows numbered by GrantPanel took ${fmt(bigNumbered.importMs / smallNumbered.importMs)}× the time`);
    console.log(`peak RSS so far: ${fmt(process.memoryUsage().rss / 1024 / 1024)} MB`);
    const dataDir = big.dataDir;
    // Opening and the first page, not the passphrase's scrypt between them (a person signs in once).
    let t = performance.now();
    const core = openCore({ dataDir });
    let coldMs = performance.now() - t;
    await signIn(core);
    t = performance.now();
    const first = await call(core, 'applications.list', { limit: 100 });
    coldMs += performance.now() - t;
    const rawOpen = performance.now();
    const probe = new Database(join(dir, `raw-${ROWS}.sqlite`));
    probe.prepare('SELECT * FROM raw ORDER BY reference LIMIT 100').all();
    probe.close();
    const rawOpenMs = performance.now() - rawOpen;
    console.log(
      `cold start (open + migrate + integrity check + first page of ${String((first.rows as unknown[]).length)} of ${String(first.total)}): ${fmt(coldMs)} ms — raw open + first page: ${fmt(rawOpenMs)} ms`,
    );

    const server = await startServer(core, { rendererDir: join(dir, 'none') });
    const queries = [
      {},
      { areaId: 'coventry' },
      { search: 'project number 1234' },
      { priorityId: 'pcp-2025-2029:ROADS', sort: 'amountRequested', direction: 'asc' },
      { areaId: 'walsall', status: 'received', search: 'safer', sort: 'organisationName' },
      { offset: 19_900, sort: 'reference' },
    ];
    for (const q of queries) {
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const s = performance.now();
        await post(server.port, server.token, 'applications.list', { limit: 100, ...q });
        times.push(performance.now() - s);
      }
      console.log(`list ${JSON.stringify(q)}: median ${fmt(median(times))} ms over HTTP`);
    }
    await server.close();
    core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
