import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';
import { registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/shell/ipc';

type Listener = (event: IpcInvokeEventLike, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const fromApp: IpcInvokeEventLike = { senderFrame: { url: 'app://grantpanel/index.html#/rounds' } };
const method = METHOD_NAMES[0] as string;

describe('IPC', () => {
  it('registers exactly one handler per contract method, and removes them', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipcMain, { dispatch: vi.fn() });
    expect([...handlers.keys()].sort()).toStrictEqual([...METHOD_NAMES]);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes calls from the app origin to core.dispatch and returns its answer', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const answer = { ok: true as const, value: { id: 'x' }, changed: ['applications' as const] };
    const dispatch = vi.fn(async () => answer);
    registerIpc(ipcMain, { dispatch });
    const input = { any: 'thing' };
    await expect(handlers.get(method)?.(fromApp, input)).resolves.toBe(answer);
    expect(dispatch).toHaveBeenCalledWith(method, input);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/' }],
    ['a look-alike host', { url: 'app://grantpanel.evil/index.html' }],
    ['a file page', { url: 'file:///C:/Users/panel/evil.html' }],
    ['a blank frame', { url: 'about:blank' }],
    ['a destroyed frame', null],
  ])('refuses a sender from %s with FORBIDDEN', async (_label, senderFrame) => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpc(ipcMain, { dispatch });
    const result = await handlers.get(method)?.({ senderFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers INTERNAL rather than rejecting if the core throws', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, { dispatch: vi.fn(async () => Promise.reject(new Error('secret path /home/x'))) });
    const result = await handlers.get(method)?.(fromApp, {});
    expect(result).toStrictEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in GrantPanel.' } });
  });
});
