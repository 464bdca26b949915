// The system's Open and Save dialogs: the desktop app's one way for a person to choose a file.
// The path a person picks goes straight to the core's chosen files, outside the contract; the page
// gets back only an id and a name, so it can never name a path itself.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { FILE_KINDS, FILE_PURPOSES, fileName, hasEnding, type ChosenFileInfo, type FilePurpose } from '../../shared/contract/files';
import type { ChosenFiles } from '../core/files/chosen';
import { isAppUrl } from './origin';
import type { IpcInvokeEventLike } from './ipc';

export const CHOOSE_FILE_CHANNEL = 'grantpanel:chooseFile';

const request = z.object({
  purpose: z.enum(FILE_PURPOSES),
  mode: z.enum(['read', 'write']),
  suggestedName: fileName.optional(),
});
export type ChooseFileRequest = z.infer<typeof request>;

/** The slices of Electron's dialog and ipcMain used here, so the wiring is tested without Electron. */
export interface DialogLike {
  showOpenDialog(options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
}
interface Filter {
  name: string;
  extensions: string[];
}
export interface OpenOptions {
  title: string;
  defaultPath?: string;
  filters?: Filter[];
  properties: ['openFile'] | ['openDirectory', 'createDirectory'];
  buttonLabel?: string;
}
export interface SaveOptions {
  title: string;
  defaultPath: string;
  filters: Filter[];
  properties: ['showOverwriteConfirmation', 'createDirectory'];
}
export interface FileIpcLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface FileCore {
  ctx: { files: ChosenFiles; bundlesFolder: string };
}

const TITLES: Record<FilePurpose, { read: string; write: string }> = {
  bundle: { read: 'Choose the bundle to open', write: 'Save the bundle' },
  roster: { read: 'Choose the roster to open', write: 'Save the roster' },
  csv: { read: 'Choose the CSV file', write: 'Save the CSV file' },
  pdf: { read: 'Choose the PDF', write: 'Save the PDF' },
  letters: { read: 'Choose the folder of letters', write: 'Choose the folder to write the letters into' },
};

/** Dialog filters take single endings: ".gpbundle.age" is offered as "age". */
function filtersFor(purpose: FilePurpose): Filter[] {
  const kind = FILE_KINDS[purpose];
  const extensions = [...new Set(kind.endings.map((e) => e.split('.').at(-1) as string))];
  return [
    { name: kind.label, extensions },
    { name: 'All files', extensions: ['*'] },
  ];
}

/**
 * A saved name without its kind's ending gets the suggested one (the Linux dialog adds none),
 * unless a file of that name is there already: the dialog asked about the name typed, not that one.
 */
function withEnding(path: string, purpose: FilePurpose, suggestedName: string | undefined): string {
  if (hasEnding(basename(path), purpose)) return path;
  const ending = FILE_KINDS[purpose].endings.find((e) => suggestedName?.toLowerCase().endsWith(e)) ?? FILE_KINDS[purpose].endings.at(-1);
  const ended = `${path}${ending ?? ''}`;
  return existsSync(ended) ? path : ended;
}

export async function chooseFile(dialog: DialogLike, core: FileCore, input: unknown): Promise<ChosenFileInfo | null> {
  const { purpose, mode, suggestedName } = request.parse(input);
  const folder = core.ctx.bundlesFolder;
  let path: string | undefined;
  if (purpose === 'letters' && mode === 'write') {
    // A pack's letters go into a folder: one PDF each, never over a file already there (the core checks).
    const chosen = await dialog.showOpenDialog({
      title: TITLES.letters.write,
      defaultPath: existsSync(folder) ? folder : dirname(folder),
      properties: ['openDirectory', 'createDirectory'],
      buttonLabel: 'Write letters here',
    });
    path = chosen.canceled ? undefined : chosen.filePaths[0];
  } else if (mode === 'read') {
    const chosen = await dialog.showOpenDialog({
      title: TITLES[purpose].read,
      ...(purpose === 'csv' ? {} : { defaultPath: folder }),
      filters: filtersFor(purpose),
      properties: ['openFile'],
    });
    path = chosen.canceled ? undefined : chosen.filePaths[0];
  } else {
    const chosen = await dialog.showSaveDialog({
      title: TITLES[purpose].write,
      defaultPath: join(existsSync(folder) ? folder : dirname(folder), suggestedName ?? ''),
      filters: filtersFor(purpose),
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    path = chosen.canceled || !chosen.filePath ? undefined : withEnding(chosen.filePath, purpose, suggestedName);
  }
  if (!path) return null;
  return core.ctx.files.info(core.ctx.files.choose(path, mode, purpose, 'dialog'));
}

/** One handler, answering only the app's own page: a dialog, then the chosen file's id (null if cancelled). */
export function registerFileDialogs(ipcMain: FileIpcLike, dialog: DialogLike, core: FileCore): () => void {
  ipcMain.handle(CHOOSE_FILE_CHANNEL, async (event, input) => {
    if (!isAppUrl(event.senderFrame?.url))
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the GrantPanel window.' } };
    try {
      return { ok: true, value: await chooseFile(dialog, core, input), changed: [] };
    } catch {
      return { ok: false, error: { code: 'VALIDATION', message: 'GrantPanel could not open the file window' } };
    }
  });
  return () => ipcMain.removeHandler(CHOOSE_FILE_CHANNEL);
}
