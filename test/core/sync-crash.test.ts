// Crash safety of bundle import: the built `grantpanel import-bundle` runs in a child process on a
// fresh copy of a laptop's data folder and is killed (SIGKILL, no chance to clean up) at a random
// moment within the import. Whatever the moment, the database must pass SQLite's integrity check and
// hold the bundle wholly or not at all — events, tables and the import ledger agreeing — and a normal
// import afterwards must complete with the full result. A sealed import killed the same way leaves
// its decrypted copy (contact details) only until the core next opens the folder.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { makeCore, tempDir, TEST_OFFICER } from '../support/core';
import { officerPassphraseFile } from '../support/built-cli';
import { csvFile, templateRow, toCsv } from '../support/csv';
import { countRows, exportBundleTo, trustLaptop } from '../support/laptops';
import { verifyChain } from '../../electron/core/events/verify';

// GRANTPANEL_TEST_CLI points the test at another build of the command (default: the one npm run build makes).
const CLI = resolve(process.env.GRANTPANEL_TEST_CLI ?? 'dist/cli.cjs');
const BULK_APPLICATIONS = 800;
// Long texts make each event a few kilobytes, so an import outgrows SQLite's page cache and writes
// uncommitted pages to the WAL before it commits: the state a crash must not expose.
const LONG_TEXT = 'Weekly sessions run by local volunteers with the neighbourhood policing team. '.repeat(38);
const KILLS = 20;

interface Fixture {
  work: string;
  bundle: string;
  /** The same work sealed to the receiving laptop's office key, contact details and all. */
  sealedBundle: string;
  bundleEvents: number;
  /** Of those, the changes (not sign-ins and sign-outs). */
  bundleChanges: number;
  senderApplications: number;
  /** The receiving laptop's data folder after it trusted the sender, never opened again. */
  pristine: string;
  /** The receiving laptop's changes (not sign-ins and sign-outs). */
  eventsBefore: number;
  applicationsBefore: number;
}
let fx: Fixture;
let work: string | undefined;

function copyDataDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  // grantpanel.sqlite, its -wal and -shm if present, device-key.json: the folder's files as they are.
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
  /** The largest the data folder's WAL was seen to grow while the command ran. */
  walMax: number;
  /** The WAL's size when the kill was sent, or null if the command was not killed. */
  walAtKill: number | null;
}

const walBytes = (dataDir: string) => {
  try {
    return statSync(join(dataDir, 'grantpanel.sqlite-wal')).size;
  } catch {
    return 0;
  }
};

/**
 * Runs the built command on a data folder, watching its WAL every millisecond. With `kill`, sends
 * SIGKILL after `afterMs`, as soon as the WAL reaches `walBytes`, or as soon as `when` holds,
 * whichever comes first.
 */
function cli(dataDir: string, args: string[], kill: { afterMs?: number; walBytes?: number; when?: () => boolean } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    // As the laptop's test officer, whom makeCore set up.
    const asOfficer = ['--as', TEST_OFFICER.name, '--passphrase-file', officerPassphraseFile()];
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...asOfficer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let walMax = 0;
    let walAtKill: number | null = null;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killNow = () => {
      if (walAtKill !== null || child.exitCode !== null) return;
      walAtKill = walBytes(dataDir);
      child.kill('SIGKILL');
    };
    const timer = kill.afterMs === undefined ? undefined : setTimeout(killNow, kill.afterMs);
    const watch = setInterval(() => {
      const size = walBytes(dataDir);
      walMax = Math.max(walMax, size);
      if ((kill.walBytes !== undefined && size >= kill.walBytes) || kill.when?.()) killNow();
    }, 1);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      done({ code, signal, ms: performance.now() - started, stdout, stderr, walMax, walAtKill: signal ? walAtKill : null });
    });
  });
}

/** Why the built command may disagree with the sources: the newest source changed after it was built. */
function stale(): string {
  const built = statSync(CLI).mtimeMs;
  const newer = ['electron', 'shared'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).mtimeMs > built),
  );
  return newer.length === 0
    ? ''
    : `(${CLI} is older than ${newer.length} source files, like ${newer[0]}: run "npm run build" — npm test does — and try again)`;
}

interface State {
  integrity: string;
  /** Every event but sign-ins and sign-outs: each command is a session of its own, recorded as it goes. */
  events: number;
  applications: number;
  ledger: number;
}

const changes = (db: Database.Database) =>
  (db.prepare("SELECT count(*) AS n FROM events WHERE type NOT LIKE 'session.%'").get() as { n: number }).n;

/** Opens the data folder's database as SQLite itself would after a crash (recovering the WAL). */
function inspect(dataDir: string): State {
  const db = new Database(join(dataDir, 'grantpanel.sqlite'));
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      events: changes(db),
      applications: countRows(db, 'applications'),
      ledger: countRows(db, 'bundle_imports'),
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run "npm run build" first (npm test does) — this test drives the built grantpanel command`);
  work = tempDir('grantpanel-crash-');
  const sender = makeCore(join(work, 'sender'));
  try {
    await sender.call('demo.load', {});
    const round = await sender.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'Bulk round',
      opens: '2026-11-01',
      closes: '2026-12-31',
    });
    const rows = Array.from({ length: BULK_APPLICATIONS }, (_, i) =>
      templateRow({
        'Organisation name': `Bulk Group ${i}`,
        'Project title': `Bulk project ${i}`,
        'Project summary': `${i}: ${LONG_TEXT}`,
        Sustainability: `${i}: ${LONG_TEXT.slice(0, 1900)}`,
      }),
    );
    const imported = await sender.call('imports.commit', { roundId: round.id, file: csvFile(toCsv(rows), 'bulk.csv') });
    expect(imported.imported).toBe(BULK_APPLICATIONS);
    const { file, eventCount } = await exportBundleTo(sender, work, 'sender');
    const pristine = join(work, 'pristine');
    const receiver = makeCore(pristine);
    await trustLaptop(receiver, sender, 'Sending laptop');
    const sealedBundle = join(work, 'sender.gpbundle.age');
    const { device } = await receiver.call('session.current', {});
    await sender.call('bundles.export', { file: sealedBundle, to: [device.sealRecipient] });
    fx = {
      work,
      bundle: file,
      sealedBundle,
      bundleEvents: eventCount,
      bundleChanges: changes(sender.ctx.db),
      senderApplications: countRows(sender.ctx.db, 'applications'),
      pristine,
      eventsBefore: changes(receiver.ctx.db),
      applicationsBefore: countRows(receiver.ctx.db, 'applications'),
    };
    receiver.close();
  } finally {
    sender.close();
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('killing import-bundle at any moment leaves the bundle wholly applied or not at all, and a later import completes', async () => {
  const full = { events: fx.eventsBefore + fx.bundleChanges, applications: fx.senderApplications, ledger: 1 };
  const none = { events: fx.eventsBefore, applications: fx.applicationsBefore, ledger: 0 };

  // One command that only opens the data folder, and one uninterrupted import: how long each takes,
  // and how far the import grows the WAL.
  const measureDir = join(fx.work, 'measure');
  copyDataDir(fx.pristine, measureDir);
  const opening = await cli(measureDir, ['device', 'show']);
  expect(opening.code, `device show failed: ${opening.stderr} ${stale()}`).toBe(0);
  const whole = await cli(measureDir, ['import-bundle', fx.bundle]);
  expect(whole.code, `an uninterrupted import failed: ${whole.stderr} ${stale()}`).toBe(0);
  expect(inspect(measureDir)).toEqual({ integrity: 'ok', ...full });
  expect(whole.walMax, 'the import should write its pages to the WAL').toBeGreaterThan(0);

  const outcomes = {
    finishedBeforeKill: 0,
    killedAfterCommit: 0,
    killedMidImportWithPagesInWal: 0,
    killedMidImportBeforeAnyPageWritten: 0,
    killedWhileOpening: 0,
  };
  let normalImportMs = 0;
  for (let i = 0; i < KILLS; i++) {
    const dir = join(fx.work, `kill-${i}`);
    copyDataDir(fx.pristine, dir);
    // Half the kills at a moment spread across the import's duration, each at a random point in its
    // slot; half when the WAL has grown to a random size up to its size at commit (robust to a busy
    // machine, and sure to land while pages are being written).
    const slot = (Math.floor(i / 2) + Math.random()) / Math.ceil(KILLS / 2);
    const kill = i % 2 === 0 ? { afterMs: slot * whole.ms * 1.1 } : { walBytes: Math.max(1, Math.floor(slot * whole.walMax)) };
    const run = await cli(dir, ['import-bundle', fx.bundle], kill);
    const state = inspect(dir);
    const label = `kill ${i} at ${JSON.stringify(kill)} (exit ${run.code}, signal ${run.signal}, WAL ${run.walAtKill} bytes): ${run.stderr}`;
    expect(state.integrity, label).toBe('ok');
    const applied = state.events !== fx.eventsBefore;
    expect({ ...state, integrity: undefined }, label).toEqual({ integrity: undefined, ...(applied ? full : none) });
    if (run.signal === null) {
      expect(run.code, label).toBe(0);
      expect(applied, label).toBe(true);
      outcomes.finishedBeforeKill++;
    } else if (applied) outcomes.killedAfterCommit++;
    else if ((run.walAtKill ?? 0) > 0) outcomes.killedMidImportWithPagesInWal++;
    else if ((kill.afterMs ?? 0) >= opening.ms) outcomes.killedMidImportBeforeAnyPageWritten++;
    else outcomes.killedWhileOpening++;

    // Afterwards, an ordinary import completes and gives the full result.
    const started = performance.now();
    const core = makeCore(dir);
    try {
      const result = await core.call('bundles.import', { file: fx.bundle });
      expect(result, label).toMatchObject({
        newEvents: applied ? 0 : fx.bundleEvents,
        knownEvents: applied ? fx.bundleEvents : 0,
        gaps: [],
      });
      expect(changes(core.ctx.db), label).toBe(full.events);
      expect(countRows(core.ctx.db, 'applications'), label).toBe(full.applications);
      expect(countRows(core.ctx.db, 'bundle_imports'), label).toBe(applied ? 2 : 1);
      expect(verifyChain(core.ctx.db), label).toEqual([]);
      expect(core.ctx.db.inTransaction).toBe(false);
    } finally {
      core.dispose();
    }
    normalImportMs += performance.now() - started;
  }
  console.log(
    `sync-crash: bundle of ${fx.bundleEvents} events; opening the data folder takes ${opening.ms.toFixed(0)} ms, ` +
      `an uninterrupted import-bundle ${whole.ms.toFixed(0)} ms growing the WAL to ${whole.walMax} bytes, ` +
      `an in-process import ${(normalImportMs / KILLS).toFixed(0)} ms. ${KILLS} kills: ${JSON.stringify(outcomes)}`,
  );
  // The kills must have reached the dangerous part: the import's pages half-written to the WAL.
  expect(outcomes.killedMidImportWithPagesInWal + outcomes.killedAfterCommit).toBeGreaterThan(0);
});

test('killing a sealed import leaves its decrypted copy only until the core next opens the folder', async () => {
  const dir = join(fx.work, 'sealed-kill');
  copyDataDir(fx.pristine, dir);
  const plainCopies = () => readdirSync(dir).filter((name) => name.startsWith('.opening-'));
  // Killed as soon as the plain copy appears: it is being written or read, and no `finally` runs.
  const run = await cli(dir, ['import-bundle', fx.sealedBundle], { when: () => plainCopies().length > 0 });
  expect(run.signal, `the import finished before the kill: ${run.stderr} ${stale()}`).toBe('SIGKILL');
  expect(plainCopies(), 'the kill should leave a plain copy behind').not.toEqual([]);

  const core = makeCore(dir);
  try {
    expect(plainCopies()).toEqual([]);
    const result = await core.call('bundles.import', { file: fx.sealedBundle });
    expect(result.newEvents + result.knownEvents).toBe(fx.bundleEvents);
    expect(changes(core.ctx.db)).toBe(fx.eventsBefore + fx.bundleChanges);
    expect(plainCopies()).toEqual([]);
  } finally {
    core.dispose();
  }
});
