// The grantpanel command as users run it: the built dist/cli.cjs when it is newer than the
// sources, otherwise the same esbuild bundle made for the test. Call inside a describe block.
import { beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { common } from '../../scripts/esbuild-common.mjs';
import { makeCore, TEST_OFFICER } from './core';
import { officerOf } from '../../electron/core/context';

let officerFile: string | undefined;

/** The test officer's passphrase in a file outside every data folder, for --passphrase-file. */
export function officerPassphraseFile(): string {
  if (!officerFile) {
    officerFile = join(mkdtempSync(join(tmpdir(), 'grantpanel-passphrase-')), 'officer.txt');
    writeFileSync(officerFile, `${TEST_OFFICER.passphrase}\n`, { mode: 0o600 });
  }
  return officerFile;
}

/**
 * Sets a data folder up with the test officer (in-process, at the tests' cheap scrypt cost, so the
 * CLI signs in quickly) unless it is already, and gives the options that sign in as them.
 * A folder the core cannot open is left alone: the command run in it says why. `now`: the clock the
 * commands run with (a laptop's own events are never ahead of its clock).
 */
export async function officerArgs(dataDir: string, now?: () => Date, options: { byId?: boolean } = {}): Promise<string[]> {
  let core;
  try {
    core = makeCore(dataDir, now);
  } catch {
    return ['--as', TEST_OFFICER.name, '--passphrase-file', officerPassphraseFile()];
  }
  try {
    await core.ready();
    // By id where another laptop's test officer, of the same name, may arrive in a sealed bundle.
    const who = options.byId ? officerOf(core.ctx.device.id) : TEST_OFFICER.name;
    return ['--as', who, '--passphrase-file', officerPassphraseFile()];
  } finally {
    core.close();
  }
}

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** `entry`: the command's source in electron/core, `cli` (grantpanel) or `serve` (browser mode). */
export function builtCommand(cacheName: string, entry: 'cli' | 'serve' = 'cli'): (args: string[]) => Promise<Ran> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let bundle = '';
  beforeAll(async () => {
    const newest = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
        0,
      );
    const dist = join(root, 'dist', `${entry}.cjs`);
    if (existsSync(dist) && statSync(dist).mtimeMs > Math.max(newest(join(root, 'electron', 'core')), newest(join(root, 'shared')))) {
      bundle = dist;
      return;
    }
    bundle = join(root, 'node_modules', '.cache', cacheName, `${entry}.cjs`);
    // Bundled as scripts/build.mjs bundles it (loaders for .sql and fonts, pdfkit's CommonJS build).
    await build({ ...common, sourcemap: false, entryPoints: [join(root, 'electron', 'core', `${entry}.ts`)], outfile: bundle });
  });
  return (args) =>
    new Promise<Ran>((resolve) => {
      // Browser mode runs until stopped: one still running after 20 s is stopped (and reports no refusal).
      const timeout = entry === 'serve' ? 20_000 : 0;
      execFile(process.execPath, [bundle, ...args], { env: { ...process.env, GRANTPANEL_DATA_DIR: '' }, timeout }, (error, out, err) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });
}
