// The desktop's Open and Save dialogs, wired without Electron: a path a person picks becomes a
// chosen file in the core, the page gets only its id and name, and a page elsewhere gets nothing.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHOOSE_FILE_CHANNEL, registerFileDialogs, type DialogLike, type FileIpcLike } from '../../electron/shell/files';
import { ChosenFiles } from '../../electron/core/files/chosen';
import type { IpcInvokeEventLike } from '../../electron/shell/ipc';

type Listener = (event: IpcInvokeEventLike, input: unknown) => Promise<unknown>;
const fromApp: IpcInvokeEventLike = { senderFrame: { url: 'app://grantpanel/index.html#/sync' } };

function setUp(dialog: Partial<DialogLike>) {
  const handlers = new Map<string, Listener>();
  const ipcMain: FileIpcLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-dialogs-'));
  const core = { ctx: { files: new ChosenFiles(), bundlesFolder: folder } };
  const fullDialog: DialogLike = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
    ...dialog,
  };
  const unregister = registerFileDialogs(ipcMain, fullDialog, core);
  const choose = (input: unknown, event = fromApp) => handlers.get(CHOOSE_FILE_CHANNEL)!(event, input);
  return { handlers, core, folder, dialog: fullDialog, choose, unregister };
}

describe('file dialogs', () => {
  it('Open: the chosen path is registered for reading that kind of file; the page gets an id and a name only', async () => {
    const { core, choose, dialog, folder } = setUp({
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/media/usb/coventry.gpbundle.age'] })),
    });
    const answer = (await choose({ purpose: 'bundle', mode: 'read' })) as { ok: true; value: { file: string; name: string } };
    expect(answer).toEqual({
      ok: true,
      value: { file: expect.stringMatching(/^f-[\w-]{32}$/), name: 'coventry.gpbundle.age' },
      changed: [],
    });
    expect(JSON.stringify(answer)).not.toContain('/media/usb');
    expect(core.ctx.files.use(answer.value.file, 'read', 'bundle').path).toBe('/media/usb/coventry.gpbundle.age');
    expect(() => core.ctx.files.use(answer.value.file, 'write', 'bundle')).toThrow(/chosen for opening/);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Choose the bundle to open',
      defaultPath: folder,
      filters: [
        { name: 'GrantPanel bundle', extensions: ['age', 'gpbundle'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['openFile'],
    });
  });

  it('Save: opens in the bundles folder with the suggested name, asks before replacing, and adds a missing ending', async () => {
    const { core, choose, dialog, folder } = setUp({
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/media/usb/to-office' })),
    });
    const answer = (await choose({ purpose: 'bundle', mode: 'write', suggestedName: 'grantpanel-1234-2026-11-27.gpbundle.age' })) as {
      value: { file: string; name: string };
    };
    expect(answer.value.name).toBe('to-office.gpbundle.age');
    expect(core.ctx.files.use(answer.value.file, 'write', 'bundle')).toMatchObject({
      path: '/media/usb/to-office.gpbundle.age',
      origin: 'dialog',
    });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: join(folder, 'grantpanel-1234-2026-11-27.gpbundle.age'),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }),
    );
  });

  it('Save: a name typed with no ending is left alone when a file with the ending is there already (the dialog did not ask about it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantpanel-dialogs-'));
    writeFileSync(join(dir, 'office.gproster'), 'old');
    const { choose } = setUp({ showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(dir, 'office') })) });
    expect(await choose({ purpose: 'roster', mode: 'write', suggestedName: 'office.gproster' })).toMatchObject({
      value: { name: 'office' },
    });
  });

  it('a pack’s letters: the dialog chooses a folder, registered for writing letters, never a file to open', async () => {
    const { core, choose, dialog, folder } = setUp({
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/officer/Letters/Walsall'] })),
    });
    const answer = (await choose({ purpose: 'letters', mode: 'write' })) as { value: { file: string; name: string } };
    expect(answer.value.name).toBe('Walsall');
    expect(core.ctx.files.use(answer.value.file, 'write', 'letters')).toMatchObject({
      path: '/home/officer/Letters/Walsall',
      origin: 'dialog',
    });
    expect(() => core.ctx.files.use(answer.value.file, 'write', 'pdf')).toThrow(/chosen as a Folder for letters/);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Choose the folder to write the letters into',
      defaultPath: folder,
      properties: ['openDirectory', 'createDirectory'],
      buttonLabel: 'Write letters here',
    });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a cancelled dialog answers null and registers nothing', async () => {
    const { choose } = setUp({});
    expect(await choose({ purpose: 'roster', mode: 'read' })).toEqual({ ok: true, value: null, changed: [] });
    expect(await choose({ purpose: 'roster', mode: 'write', suggestedName: 'a.gproster' })).toEqual({ ok: true, value: null, changed: [] });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/' }],
    ['a destroyed frame', null],
  ])('refuses a sender from %s and opens no dialog', async (_label, senderFrame) => {
    const { choose, dialog } = setUp({});
    expect(await choose({ purpose: 'bundle', mode: 'read' }, { senderFrame })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('a page cannot pass a path or a folder through the request: it is refused and no dialog opens', async () => {
    const { choose, dialog } = setUp({});
    for (const input of [
      { purpose: 'bundle', mode: 'write', suggestedName: '../../etc/cron.d/x.gpbundle' },
      { purpose: 'bundle', mode: 'write', suggestedName: '/etc/x.gpbundle' },
      { purpose: 'secrets', mode: 'read' },
      { purpose: 'bundle', mode: 'delete' },
    ])
      expect(await choose(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('unregisters its one channel', () => {
    const { handlers, unregister } = setUp({});
    expect([...handlers.keys()]).toEqual([CHOOSE_FILE_CHANNEL]);
    unregister();
    expect(handlers.size).toBe(0);
  });
});
