// Contract methods over IPC: one handler per method, answering only the app's own page.
import { METHOD_NAMES, type Result } from '../../shared/contract';
import { isAppUrl } from './origin';

/** The slice of Electron's IpcMainInvokeEvent the check needs. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The slice of Electron's ipcMain this module uses, so it can be tested without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What the core offers: validates the input against the contract and never throws. */
export interface ContractDispatcher {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
}

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the GrantPanel window.' },
};

const internal: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in GrantPanel.' } };

export function registerIpc(ipcMain: IpcMainLike, core: ContractDispatcher): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, async (event, input) => {
      // A frame that navigated elsewhere, or a destroyed one (null), must not reach the core.
      if (!isAppUrl(event.senderFrame?.url)) return forbidden;
      try {
        return await core.dispatch(name, input);
      } catch {
        // The core promises never to throw; if it does, the renderer still gets an envelope.
        return internal;
      }
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(name);
  };
}
