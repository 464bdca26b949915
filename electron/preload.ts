// The renderer's only door to the core: one named function per contract method, frozen.
// No ipcRenderer and no generic invoke(channel) is ever exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/contract/names';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}

contextBridge.exposeInMainWorld('grantpanel', Object.freeze(api));
