// A real core on real SQLite in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import type { Input, MethodName, Output } from '../../shared/contract';

export interface TestCore extends Core {
  dataDir: string;
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  dispose(): void;
}

export function tempDir(prefix = 'grantpanel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeCore(dataDir = tempDir(), now?: () => Date): TestCore {
  const core = openCore({ dataDir, logError: process.env.GP_TEST_LOG ? (m) => console.error(m) : () => {}, ...(now ? { now } : {}) });
  return {
    ...core,
    dataDir,
    async call(method, input) {
      const result = await core.dispatch(method, input);
      if (!result.ok)
        throw new Error(`${method}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? [])}`);
      return result.value as never;
    },
    dispose() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
