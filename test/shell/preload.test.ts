import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';
import { electronFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

await import('../../electron/preload');

function exposed(): { key: string; api: Record<string, unknown> } {
  const calls = electronFake.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Record<string, unknown>][];
  expect(calls).toHaveLength(1);
  const [key, api] = calls[0] ?? ['', {}];
  return { key, api };
}

describe('preload', () => {
  it('exposes window.grantpanel with exactly one function per contract method, in sorted order, and chooseFile', () => {
    const { key, api } = exposed();
    expect(key).toBe('grantpanel');
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    expect([...METHOD_NAMES]).toStrictEqual([...METHOD_NAMES].sort());
    expect(Object.keys(api)).toStrictEqual([...METHOD_NAMES, 'chooseFile']);
    expect(Object.getOwnPropertyNames(api).sort()).toStrictEqual([...METHOD_NAMES, 'chooseFile'].sort());
    expect(Object.getOwnPropertySymbols(api)).toStrictEqual([]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it('exposes no raw IPC: no ipcRenderer, invoke, send or on', () => {
    const { api } = exposed();
    for (const name of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'postMessage']) expect(api).not.toHaveProperty(name);
  });

  it('chooseFile invokes the dialog channel with the request only, and nothing else', async () => {
    const { api } = exposed();
    electronFake.ipcRenderer.invoke.mockClear();
    const request = { purpose: 'bundle', mode: 'read' };
    await (api.chooseFile as (...args: unknown[]) => Promise<unknown>)(request, 'extra');
    expect(electronFake.ipcRenderer.invoke.mock.calls).toStrictEqual([['grantpanel:chooseFile', request]]);
  });

  it('invokes the channel named after the method, with the input only', async () => {
    const { api } = exposed();
    for (const name of METHOD_NAMES) {
      electronFake.ipcRenderer.invoke.mockClear();
      const input = { for: name };
      await (api[name] as (input: unknown) => Promise<unknown>)(input);
      expect(electronFake.ipcRenderer.invoke.mock.calls).toStrictEqual([[name, input]]);
    }
  });
});
