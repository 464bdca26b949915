// A stand-in for the 'electron' module (its binary cannot run here): records what the shell
// asks of it so tests can replay events and inspect handlers.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-style event the way Electron 45 does and says whether it was prevented. */
  fire(eventName: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    const event = { url, isMainFrame, preventDefault: () => void (prevented = true) };
    this.emit(eventName, event, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

export const fakeSession = {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
};

export const electronFake = {
  BrowserWindow: FakeBrowserWindow,
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })) },
  session: { defaultSession: fakeSession },
  app: { getVersion: () => '0.1.0', setAboutPanelOptions: vi.fn(), showAboutPanel: vi.fn() },
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
};
