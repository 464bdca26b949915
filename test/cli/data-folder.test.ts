// A data folder whose device key and database do not belong together: the CLI and browser mode
// refuse to start, print what happened and what to do, and exit 1 with the folder unchanged.
import { afterAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../electron/core/app';
import { cliIn } from '../support/cli-in';
import { builtCommand } from '../support/built-cli';
import { tempDir } from '../support/core';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A laptop set up and used, whose database was then lost: a zero-byte file beside its key. */
function lostDatabase(): string {
  const dataDir = tempDir('grantpanel-cli-folder-');
  temps.push(dataDir);
  openCore({ dataDir }).close();
  for (const f of readdirSync(dataDir)) if (f.startsWith('grantpanel.sqlite')) rmSync(join(dataDir, f));
  writeFileSync(join(dataDir, 'grantpanel.sqlite'), '');
  return dataDir;
}
const contents = (dataDir: string) =>
  Object.fromEntries(readdirSync(dataDir).map((f) => [f, readFileSync(join(dataDir, f)).toString('hex')]));

test('grantpanel refuses a zero-byte database beside the device key: the message on stderr, exit 1, nothing re-seeded', async () => {
  const dataDir = lostDatabase();
  const before = contents(dataDir);
  const r = await cliIn(dataDir)('init');
  expect(r).toMatchObject({ code: 1, out: '' });
  expect(r.err).toMatch(/^The database \(grantpanel\.sqlite\) in .* is missing or empty, but this laptop’s device key/);
  expect(r.err).toContain('Restore grantpanel.sqlite from a backup');
  expect(contents(dataDir)).toEqual(before);
});

describe('the built commands', () => {
  const grantpanel = builtCommand('grantpanel-cli-folder-test');
  const serve = builtCommand('grantpanel-serve-folder-test', 'serve');

  test('grantpanel: exit 1 with the message, no stack trace', async () => {
    const dataDir = lostDatabase();
    const r = await grantpanel(['--data-dir', dataDir, 'list', 'funds']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is missing or empty, but this laptop’s device key');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('browser mode: says it could not start and why, exits 1 without serving', async () => {
    const dataDir = lostDatabase();
    const before = contents(dataDir);
    const r = await serve(['--data-dir', dataDir, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^GrantPanel could not start: The database \(grantpanel\.sqlite\) .* is missing or empty/);
    expect(r.err).toContain('move the whole folder aside');
    expect(contents(dataDir)).toEqual(before);
  });
});
