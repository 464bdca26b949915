import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

const { menuTemplate } = await import('../../electron/shell/menu');

type Item = MenuItemConstructorOptions;
const submenu = (template: Item[], label: string): Item[] => (template.find((item) => item.label === label)?.submenu ?? []) as Item[];
const roles = (items: Item[]) => items.filter((item) => item.role).map((item) => [item.role, item.accelerator]);

describe('application menu', () => {
  const showAbout = vi.fn();

  it('has File, Edit, View and Help with accelerators on Windows', () => {
    const template = menuTemplate({ platform: 'win32', isDev: false, showAbout });
    expect(template.map((item) => item.label)).toStrictEqual(['File', 'Edit', 'View', 'Help']);
    expect(roles(submenu(template, 'File'))).toStrictEqual([
      ['close', 'Ctrl+W'],
      ['quit', 'Ctrl+Q'],
    ]);
    expect(roles(submenu(template, 'Edit'))).toStrictEqual([
      ['undo', 'CmdOrCtrl+Z'],
      ['redo', 'Ctrl+Y'],
      ['cut', 'CmdOrCtrl+X'],
      ['copy', 'CmdOrCtrl+C'],
      ['paste', 'CmdOrCtrl+V'],
      ['selectAll', 'CmdOrCtrl+A'],
    ]);
    expect(roles(submenu(template, 'View'))).toStrictEqual([
      ['zoomIn', 'CmdOrCtrl+='],
      ['zoomOut', 'CmdOrCtrl+-'],
      ['resetZoom', 'CmdOrCtrl+0'],
      ['togglefullscreen', 'F11'],
    ]);
    const about = submenu(template, 'Help').find((item) => item.label === 'About GrantPanel');
    (about?.click as () => void)();
    expect(showAbout).toHaveBeenCalled();
  });

  it('offers reload only in development', () => {
    const view = submenu(menuTemplate({ platform: 'linux', isDev: true, showAbout }), 'View');
    expect(view[0]).toMatchObject({ role: 'reload', accelerator: 'CmdOrCtrl+R' });
  });

  it('adds the macOS app menu on darwin', () => {
    const template = menuTemplate({ platform: 'darwin', isDev: false, showAbout });
    expect(template.map((item) => item.label)).toStrictEqual(['GrantPanel', 'File', 'Edit', 'View', 'Help']);
    const appMenu = submenu(template, 'GrantPanel');
    expect(appMenu[0]?.label).toBe('About GrantPanel');
    expect(appMenu.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Cmd+Q' });
    expect(roles(submenu(template, 'File'))).toStrictEqual([['close', 'Cmd+W']]);
  });
});
