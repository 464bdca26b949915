// `grantpanel --data-dir DIR ARGS` run in-process, in that folder, its output captured.
import { run } from '../../electron/core/cli/run';
import type { Ran } from './built-cli';

export function cliIn(dataDir: string): (...args: string[]) => Promise<Ran> {
  return async (...args) => {
    let out = '';
    let err = '';
    const code = await run(['--data-dir', dataDir, ...args], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: {},
      cwd: dataDir,
    });
    return { code, out, err };
  };
}
