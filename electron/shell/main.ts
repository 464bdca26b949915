// Electron's main process: one instance, one window, the core behind IPC, nothing else.
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import path from 'node:path';
import { openCore } from '../core/app';
import { registerIpc } from './ipc';
import { registerFileDialogs } from './files';
import { installMenu } from './menu';
import { guardNavigation } from './navigation';
import { denyAllPermissions } from './permissions';
import { handleAppScheme, registerAppScheme } from './protocol';
import { createMainWindow } from './window';

// Bundled to dist/main.cjs, so __dirname is dist/ (next to preload.cjs and renderer/).
const distDir = __dirname;
const isDev = !app.isPackaged;

function openCoreOrExit(dataDir: string): ReturnType<typeof openCore> | null {
  try {
    return openCore({ dataDir, bundlesFolder: path.join(app.getPath('documents'), 'GrantPanel bundles') });
  } catch (error) {
    // Say why rather than crash with a stack trace: a locked or damaged database is fixable.
    dialog.showErrorBox('GrantPanel cannot open its data', `${dataDir}\n\n${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
    return null;
  }
}

function start(core: ReturnType<typeof openCore>): void {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core.close());

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    handleAppScheme(path.join(distDir, 'renderer'));
    registerIpc(ipcMain, core);
    // Dialogs open over the focused window, so they are modal to GrantPanel rather than floating free.
    registerFileDialogs(
      ipcMain,
      {
        showOpenDialog: (options) => {
          const parent = BrowserWindow.getFocusedWindow();
          return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
        },
        showSaveDialog: (options) => {
          const parent = BrowserWindow.getFocusedWindow();
          return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
        },
      },
      core,
    );
    installMenu(isDev);
    mainWindow = createMainWindow(distDir);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}

// Every renderer sandboxed, whatever a window asks for; both must happen before `ready`.
app.enableSandbox();
registerAppScheme();
// Any web contents ever created (windows, popups that slip through) gets the same guards.
app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the same SQLite file: the first one keeps it.
  app.quit();
} else {
  const core = openCoreOrExit(process.env.GRANTPANEL_DATA_DIR || app.getPath('userData'));
  if (core) start(core);
}
