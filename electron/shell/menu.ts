// The native menu bar. Roles give each platform its own labels and standard shortcuts; the
// accelerators are written out so each is explicit and pinned by test/shell/menu.test.ts.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload is offered only while developing: in use it would drop unsaved form input. */
  isDev: boolean;
  showAbout: () => void;
}

export function menuTemplate({ platform, isDev, showAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About GrantPanel', click: showAbout };
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'GrantPanel',
      submenu: [
        about,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', accelerator: 'Cmd+Q' },
      ],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: isMac
        ? [{ role: 'close', accelerator: 'Cmd+W' }]
        : [{ role: 'close', accelerator: 'Ctrl+W' }, { type: 'separator' }, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { role: 'redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y' },
        { type: 'separator' },
        { role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(isDev ? ([{ role: 'reload', accelerator: 'CmdOrCtrl+R' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
      ],
    },
    { label: 'Help', role: 'help', submenu: [about] },
  );
  return template;
}

export function installMenu(isDev: boolean): void {
  app.setAboutPanelOptions({
    applicationName: 'GrantPanel',
    applicationVersion: app.getVersion(),
    copyright: 'Office of the West Midlands Police and Crime Commissioner',
  });
  const template = menuTemplate({ platform: process.platform, isDev, showAbout: () => app.showAboutPanel() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
