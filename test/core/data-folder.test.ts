// The data folder: its device key and database belong together, first run survives a crash, and
// the folder and its files are readable by their owner only.
import { afterEach, describe, expect, test } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../electron/core/app';
import { DataFolderError } from '../../electron/core/identity';
import { tempDir } from '../support/core';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = tempDir('grantpanel-folder-');
  dirs.push(d);
  return d;
};
const open = (dataDir: string) => openCore({ dataDir, logError: () => {} });

/** A laptop that has been set up and used, then closed. */
function usedFolder(): { dataDir: string; deviceId: string } {
  const dataDir = folder();
  const core = open(dataDir);
  const deviceId = core.ctx.device.id;
  core.close();
  return { dataDir, deviceId };
}

/** Every file in the folder with its bytes: to prove a refusal changed nothing. */
const contents = (dataDir: string) =>
  Object.fromEntries(readdirSync(dataDir).map((f) => [f, readFileSync(join(dataDir, f)).toString('hex')]));
const refusal = (dataDir: string) => {
  try {
    open(dataDir).close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('openCore did not refuse');
};
const removeDatabase = (dataDir: string) =>
  ['', '-wal', '-shm'].forEach((s) => rmSync(join(dataDir, `grantpanel.sqlite${s}`), { force: true }));

describe('identity', () => {
  test('a new empty folder is set up with a key and a database together, and opens as the same device again', () => {
    const { dataDir, deviceId } = usedFolder();
    expect(readdirSync(dataDir).filter((f) => !f.startsWith('grantpanel.sqlite'))).toEqual(['device-key.json']);
    const again = open(dataDir);
    expect(again.ctx.device.id).toBe(deviceId);
    again.close();
  });

  test('a zero-byte database beside the device key is refused, and nothing is re-seeded', () => {
    const { dataDir } = usedFolder();
    removeDatabase(dataDir);
    writeFileSync(join(dataDir, 'grantpanel.sqlite'), '');
    const before = contents(dataDir);
    const error = refusal(dataDir);
    expect(error).toBeInstanceOf(DataFolderError);
    expect(error.message).toMatch(/^The database \(grantpanel\.sqlite\) in .* is missing or empty, but this laptop’s device key/);
    expect(error.message).toContain('Restore grantpanel.sqlite from a backup');
    expect(error.message).toContain('move the whole folder aside');
    expect(contents(dataDir)).toEqual(before);
  });

  test('a deleted database beside the device key is refused, and no database is made', () => {
    const { dataDir } = usedFolder();
    removeDatabase(dataDir);
    const before = contents(dataDir);
    expect(refusal(dataDir).message).toMatch(/is missing or empty/);
    expect(contents(dataDir)).toEqual(before);
  });

  test('a missing device key beside a database holding events is refused, and no key is made', () => {
    const { dataDir } = usedFolder();
    rmSync(join(dataDir, 'device-key.json'));
    const database = readFileSync(join(dataDir, 'grantpanel.sqlite'));
    const error = refusal(dataDir);
    expect(error).toBeInstanceOf(DataFolderError);
    expect(error.message).toMatch(/device key \(device-key\.json\) is missing from .*, but its database holds this laptop’s work/);
    expect(error.message).toContain('Restore device-key.json from a backup');
    expect(readdirSync(dataDir).filter((f) => f.startsWith('device-key'))).toEqual([]);
    expect(readFileSync(join(dataDir, 'grantpanel.sqlite'))).toEqual(database);
  });

  test('another laptop’s key beside a database is refused', () => {
    const mine = usedFolder();
    const theirs = usedFolder();
    writeFileSync(join(mine.dataDir, 'device-key.json'), readFileSync(join(theirs.dataDir, 'device-key.json')));
    expect(refusal(mine.dataDir).message).toContain(
      `belongs to device ${theirs.deviceId}, but the database there was made by another laptop`,
    );
  });

  test('a first run stopped after its database committed finishes with the key it made', () => {
    const { dataDir, deviceId } = usedFolder();
    // As the folder is when the process dies between the commit and the key's rename.
    renameSync(join(dataDir, 'device-key.json'), join(dataDir, 'device-key.json.pending'));
    const core = open(dataDir);
    expect(core.ctx.device.id).toBe(deviceId);
    core.close();
    expect(existsSync(join(dataDir, 'device-key.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'device-key.json.pending'))).toBe(false);
  });

  test('a first run stopped before its database committed starts again with the key it made', () => {
    const { dataDir, deviceId } = usedFolder();
    removeDatabase(dataDir);
    renameSync(join(dataDir, 'device-key.json'), join(dataDir, 'device-key.json.pending'));
    const core = open(dataDir);
    expect(core.ctx.device.id).toBe(deviceId);
    expect((core.ctx.db.prepare('SELECT count(*) AS n FROM funds').get() as { n: number }).n).toBeGreaterThan(0);
    core.close();
    expect(readdirSync(dataDir).filter((f) => f.startsWith('device-key'))).toEqual(['device-key.json']);
  });
});

describe.skipIf(process.platform === 'win32')('file modes', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  test('a folder made beforehand 0755 with a database 0644 is closed to 0700 and 0600 at start', () => {
    const { dataDir } = usedFolder();
    writeFileSync(join(dataDir, 'seal-key.txt'), 'AGE-SECRET-KEY-1TEST\n', { mode: 0o644 });
    chmodSync(dataDir, 0o755);
    for (const f of readdirSync(dataDir)) chmodSync(join(dataDir, f), 0o644);
    const core = open(dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['grantpanel.sqlite', 'grantpanel.sqlite-wal', 'device-key.json', 'seal-key.txt']));
      for (const f of files) expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      core.close();
    }
  });

  test('a new data folder inside an empty folder made 0755 beforehand is 0700, its files 0600', () => {
    const dataDir = join(folder(), 'GrantPanel');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const core = open(dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const f of readdirSync(dataDir)) expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      core.close();
    }
  });
});
