// `grantpanel --data-dir DIR ARGS` run in-process, in that folder, its output captured. It acts
// as the test officer (`--as "Grants officer" --passphrase-file …`), setting the folder up first.
import { run } from '../../electron/core/cli/run';
import type { CliIo } from '../../electron/core/cli/command';
import { TEST_PASSPHRASE_LOG_N } from './core';
import { officerArgs, type Ran } from './built-cli';

export interface CliInOptions {
  /** Who to act as: the test officer when omitted; null for no --as at all. */
  as?: { name: string; passphraseFile: string } | null;
  /** A fake terminal that answers passphrase prompts; none (as in a script) when omitted. */
  readSecret?: CliIo['readSecret'];
}

export function cliIn(dataDir: string, options: CliInOptions = {}): (...args: string[]) => Promise<Ran> {
  let signIn: Promise<string[]> | undefined;
  const who = () =>
    options.as === null
      ? Promise.resolve([])
      : options.as
        ? Promise.resolve(['--as', options.as.name, '--passphrase-file', options.as.passphraseFile])
        : (signIn ??= officerArgs(dataDir));
  return async (...args) => {
    let out = '';
    let err = '';
    const code = await run(['--data-dir', dataDir, ...(await who()), ...args], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: {},
      cwd: dataDir,
      // People added in tests use the tests' cheap scrypt cost, as makeCore's officer does.
      passphraseLogN: TEST_PASSPHRASE_LOG_N,
      ...(options.readSecret ? { readSecret: options.readSecret } : {}),
    });
    return { code, out, err };
  };
}
