import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The main process runs at import time, so each test re-imports it against fresh fakes.
const fake = vi.hoisted(() => ({
  order: [] as string[],
  lock: true,
  core: { dispatch: vi.fn(), close: vi.fn() },
  openCore: vi.fn(),
}));

vi.mock('electron', async () => {
  const base = (await import('./fake-electron')).electronFake;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(() => void fake.order.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => fake.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn((name: string) => `/home/panel/.config/GrantPanel#${name}`),
    whenReady: vi.fn(() => new Promise<void>((resolve) => setImmediate(() => (fake.order.push('ready'), resolve())))),
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
  });
  base.protocol.registerSchemesAsPrivileged.mockImplementation(() => void fake.order.push('registerScheme'));
  return { ...base, app, ipcMain: { handle: vi.fn(), removeHandler: vi.fn() }, dialog: { showErrorBox: vi.fn() } };
});
vi.mock('../../electron/core/app', () => ({ openCore: fake.openCore }));

const electron = await import('electron');
const { FakeBrowserWindow } = await import('./fake-electron');
const app = electron.app as unknown as EventEmitter & Record<string, ReturnType<typeof vi.fn>>;

async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../electron/shell/main');
  // The fake's whenReady resolves on a setImmediate queued as main loaded; one queued after it runs
  // once main's ready work has: no guessing how long that takes on a busy machine.
  await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  vi.clearAllMocks();
  app.removeAllListeners();
  FakeBrowserWindow.instances.length = 0;
  fake.order.length = 0;
  fake.lock = true;
  fake.openCore.mockReturnValue(fake.core);
  delete process.env.GRANTPANEL_DATA_DIR;
});

describe('main process', () => {
  it('sandboxes every renderer and registers app:// before the app is ready', async () => {
    await startMain();
    expect(fake.order).toStrictEqual(['enableSandbox', 'registerScheme', 'ready']);
  });

  it('opens the core in GRANTPANEL_DATA_DIR, else in userData, with bundles in Documents', async () => {
    const bundlesFolder = '/home/panel/.config/GrantPanel#documents/GrantPanel bundles';
    process.env.GRANTPANEL_DATA_DIR = '/srv/panel-data';
    await startMain();
    expect(fake.openCore).toHaveBeenCalledWith({ dataDir: '/srv/panel-data', bundlesFolder });
    delete process.env.GRANTPANEL_DATA_DIR;
    app.removeAllListeners();
    await startMain();
    expect(fake.openCore).toHaveBeenLastCalledWith({ dataDir: '/home/panel/.config/GrantPanel#userData', bundlesFolder });
  });

  it('when ready: denies permissions, serves app://, wires every IPC method and opens one window', async () => {
    await startMain();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle).toHaveBeenCalled();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('guards every web contents the app creates', async () => {
    await startMain();
    const contents = new (await import('./fake-electron')).FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toStrictEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://example.org/')).toBe(true);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    const window = Object.assign(FakeBrowserWindow.instances[0] as object, { isMinimized: () => true, restore: vi.fn(), focus: vi.fn() });
    app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('closes the core on quit', async () => {
    await startMain();
    expect(fake.core.close).not.toHaveBeenCalled();
    app.emit('will-quit');
    expect(fake.core.close).toHaveBeenCalledOnce();
  });

  it('quits without opening the data when another instance holds the lock', async () => {
    fake.lock = false;
    await startMain();
    expect(app.quit).toHaveBeenCalled();
    expect(fake.openCore).not.toHaveBeenCalled();
  });

  it('explains and exits when the data cannot be opened', async () => {
    fake.openCore.mockImplementation(() => {
      throw new Error('database is locked');
    });
    await startMain();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'GrantPanel cannot open its data',
      expect.stringContaining('database is locked'),
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
