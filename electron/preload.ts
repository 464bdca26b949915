// The renderer's only door to the core: one named function per contract method, and chooseFile,
// which opens the system's Open or Save dialog and answers only the chosen file's id and name.
// Frozen. No ipcRenderer and no generic invoke(channel) is ever exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../shared/contract/names';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}

// The channel is spelled out, not imported: shell/files.ts carries zod, which stays out of the sandboxed page.
api.chooseFile = (request: unknown) => ipcRenderer.invoke('grantpanel:chooseFile', request);

contextBridge.exposeInMainWorld('grantpanel', Object.freeze(api));
