import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronFake, FakeBrowserWindow, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

const { createMainWindow } = await import('../../electron/shell/window');
const { guardNavigation } = await import('../../electron/shell/navigation');

beforeEach(() => {
  vi.clearAllMocks();
  FakeBrowserWindow.instances.length = 0;
});

describe('main window', () => {
  it('is created with exactly the locked-down web preferences and loads the app origin', () => {
    createMainWindow('/opt/grantpanel/dist');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0];
    expect(window?.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      preload: path.join('/opt/grantpanel/dist', 'preload.cjs'),
    });
    expect(window?.loadURL).toHaveBeenCalledWith('app://grantpanel/index.html');
  });

  it('guards its own web contents and shows only once painted', () => {
    const window = createMainWindow('/opt/grantpanel/dist') as unknown as FakeBrowserWindow;
    expect(window.webContents.windowOpenHandler?.({ url: 'app://grantpanel/x' })).toStrictEqual({ action: 'deny' });
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });
});

describe('navigation guards', () => {
  function guarded(): FakeWebContents {
    const contents = new FakeWebContents();
    guardNavigation(contents as never);
    return contents;
  }

  it('denies every new window and opens only web links in the browser', () => {
    const contents = guarded();
    const deny = contents.windowOpenHandler;
    expect(deny?.({ url: 'https://www.westmidlands-pcc.gov.uk/' })).toStrictEqual({ action: 'deny' });
    expect(deny?.({ url: 'app://grantpanel/index.html' })).toStrictEqual({ action: 'deny' });
    expect(deny?.({ url: 'file:///etc/passwd' })).toStrictEqual({ action: 'deny' });
    expect(deny?.({ url: 'smb://server/share' })).toStrictEqual({ action: 'deny' });
    expect(electronFake.shell.openExternal.mock.calls).toStrictEqual([['https://www.westmidlands-pcc.gov.uk/']]);
  });

  it('prevents navigating to another origin and allows the app origin', () => {
    const contents = guarded();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///C:/Windows/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://grantpanel.evil/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://other/index.html')).toBe(true);
    expect(contents.fire('will-navigate', 'app://grantpanel/index.html#/rounds')).toBe(false);
  });

  it('keeps subframes on the app origin', () => {
    const contents = guarded();
    expect(contents.fire('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(contents.fire('will-frame-navigate', 'app://grantpanel/frame.html', false)).toBe(false);
    expect(electronFake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents redirects away from the app and never opens them', () => {
    const contents = guarded();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'app://grantpanel/index.html')).toBe(false);
    expect(electronFake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents attaching a webview', () => {
    expect(guarded().fire('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('guards each web contents once', () => {
    const contents = guarded();
    guardNavigation(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
