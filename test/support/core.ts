// A real core on real SQLite in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { choosePathFor } from '../../electron/core/files/chosen';
import type { Input, MethodName, Output } from '../../shared/contract';
import type { SessionInfo } from '../../shared/contract/session';
import { officerOf } from '../../electron/core/context';

export interface TestCore extends Core {
  dataDir: string;
  /** dispatch as the page reaches it: a path given as `file` is refused, as from any page. */
  pageDispatch: Core['dispatch'];
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Resolves once the test officer is signed in (every call waits for it). */
  ready(): Promise<void>;
  dispose(): void;
}

export function tempDir(prefix = 'grantpanel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every test core's grants officer, set up on first use (a cheap scrypt cost: tests only). */
export const TEST_OFFICER = { name: 'Grants officer', passphrase: 'correct horse battery staple' };
export const TEST_PASSPHRASE_LOG_N = 10;

/** Whoever is signed in signs out, and this person signs in: a laptop passed across the table. */
export async function switchPerson(core: TestCore, personId: string, passphrase: string): Promise<void> {
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId, passphrase });
}

/**
 * Signs in the laptop's grants officer: setting the laptop up (or naming a data folder's officer
 * from before people signed in) on first use. Most tests are about something else.
 */
export async function signInOfficer(core: Core): Promise<void> {
  const session = await core.dispatch('session.current', {});
  if (!session.ok) throw new Error(session.error.message);
  const { state } = session.value as SessionInfo;
  const answer =
    state === 'set-up'
      ? await core.dispatch('session.setUp', TEST_OFFICER)
      : state === 'claim'
        ? await core.dispatch('session.claim', TEST_OFFICER)
        : state === 'signed-in'
          ? session
          : await core.dispatch('session.signIn', { personId: officerOf(core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  if (!answer.ok) throw new Error(`signing in the test officer: ${answer.error.message}`);
}

export interface MakeCoreOptions {
  /** Leave nobody signed in: for tests about signing in. */
  signedOut?: boolean;
}

export function makeCore(dataDir = tempDir(), now?: () => Date, options: MakeCoreOptions = {}): TestCore {
  const core = openCore({
    dataDir,
    logError: process.env.GP_TEST_LOG ? (m) => console.error(m) : () => {},
    passphraseLogN: TEST_PASSPHRASE_LOG_N,
    ...(now ? { now } : {}),
  });
  let signedIn: Promise<void> | null = options.signedOut ? Promise.resolve() : null;
  const ready = () => (signedIn ??= signInOfficer(core));
  // Most tests are about bundles, not about choosing files: a path they give is chosen for them,
  // as the CLI chooses a path typed at the terminal. test/core/chosen-files.test.ts covers choosing.
  const dispatch: Core['dispatch'] = async (method, input) => {
    await ready();
    return core.dispatch(method, choosePathFor(core.ctx.files, method, input));
  };
  return {
    ...core,
    dataDir,
    dispatch,
    pageDispatch: async (method, input) => {
      await ready();
      return core.dispatch(method, input);
    },
    ready,
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
