// A real core on real SQLite in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { choosePathFor } from '../../electron/core/files/chosen';
import type { Input, MethodName, Output } from '../../shared/contract';

export interface TestCore extends Core {
  dataDir: string;
  /** dispatch as the page reaches it: a path given as `file` is refused, as from any page. */
  pageDispatch: Core['dispatch'];
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  dispose(): void;
}

export function tempDir(prefix = 'grantpanel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeCore(dataDir = tempDir(), now?: () => Date): TestCore {
  const core = openCore({ dataDir, logError: process.env.GP_TEST_LOG ? (m) => console.error(m) : () => {}, ...(now ? { now } : {}) });
  // Most tests are about bundles, not about choosing files: a path they give is chosen for them,
  // as the CLI chooses a path typed at the terminal. test/core/chosen-files.test.ts covers choosing.
  const dispatch: Core['dispatch'] = (method, input) => core.dispatch(method, choosePathFor(core.ctx.files, method, input));
  return {
    ...core,
    dataDir,
    dispatch,
    pageDispatch: core.dispatch,
    async call(method, input) {
      const result = await dispatch(method, input);
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
