// The CLI's session with the core: the same openCore() and dispatch() the app uses, so every
// command is validated and authorised exactly as the app's screens are.
import { openCore, type Core } from '../app';
import { choosePathFor } from '../files/chosen';
import type { ContractError } from '../../../shared/contract';
import { Rejected, problemLine, type Caller, type CliIo } from './command';

/** The core said no: its message, and one line per detail. */
export class CallRejected extends Rejected {
  constructor(
    readonly method: string,
    readonly error: ContractError,
  ) {
    super(
      error.message,
      (error.details ?? []).map((p) => problemLine(p)),
    );
    this.name = 'CallRejected';
  }
}

export interface CliSession {
  core: Core;
  call: Caller;
  close(): void;
}

export function openSession(dataDir: string, io: CliIo): CliSession {
  const core = openCore({
    dataDir,
    ...(io.now ? { now: io.now } : {}),
    ...(io.passphraseLogN !== undefined ? { passphraseLogN: io.passphraseLogN } : {}),
    logError: (message) => io.stderr(`grantpanel: ${message.split('\n')[0] ?? ''}\n`),
  });
  const call: Caller = async (method, input) => {
    // A path typed here was chosen by the person typing it.
    const result = await core.dispatch(method, choosePathFor(core.ctx.files, method, input));
    if (!result.ok) throw new CallRejected(method, result.error);
    return result.value as never;
  };
  return { core, call, close: () => core.close() };
}
