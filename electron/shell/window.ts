// The main window: a locked-down, sandboxed page on app://grantpanel.
import { BrowserWindow } from 'electron';
import path from 'node:path';
import { guardNavigation } from './navigation';
import { START_URL } from './origin';

export function createMainWindow(distDir: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'GrantPanel',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    // Every setting spelled out, so a changed Electron default cannot loosen any of them. Kept
    // as a literal here, where electronegativity can read it; test/shell/window.test.ts pins it.
    webPreferences: {
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
      preload: path.join(distDir, 'preload.cjs'),
    },
  });
  guardNavigation(window.webContents);
  // Shown once painted, so panel members never see a blank white flash.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(START_URL);
  return window;
}
