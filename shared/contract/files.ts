// Files are chosen, never typed: every file the core reads or writes for a person is named in the
// contract by an opaque id the core handed out when the person chose it (a system Open or Save
// dialog, a browser upload, a file the core made for a download, a path typed at the terminal).
// The page never gives the core a path, so even a page holding the token cannot make it read or
// write anywhere else. See docs/architecture.md, "Chosen files".
import { z } from 'zod';
import { method } from './method';
import { hasControlCharacters } from '../domain/text';
import { MAX_IMPORT_BYTES } from '../formats/applications-csv';

/** What a file is for: it decides the endings a dialog offers, the largest upload, and which calls may use it. */
export const FILE_PURPOSES = ['bundle', 'roster', 'csv', 'pdf', 'letters'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export type FileMode = 'read' | 'write';

const MiB = 1024 * 1024;

export interface FileKind {
  /** How a dialog's filter names it. */
  label: string;
  /** Said when a file's name has none of the endings. */
  wrongEnding: string;
  /** Endings a file of this kind may have, lower case, longest first. */
  endings: string[];
  /** The largest upload accepted in browser mode. */
  maxUploadBytes: number;
  /** The content type a download is served with. */
  contentType: string;
}

export const FILE_KINDS: Record<FilePurpose, FileKind> = {
  // A sealed bundle of a million changes packs to well under this.
  bundle: {
    label: 'GrantPanel bundle',
    wrongEnding: 'Bundle files end in .gpbundle, or .gpbundle.age when protected',
    endings: ['.gpbundle.age', '.gpbundle'],
    maxUploadBytes: 2048 * MiB,
    contentType: 'application/octet-stream',
  },
  roster: {
    label: 'GrantPanel roster',
    wrongEnding: 'Roster files end in .gproster',
    endings: ['.gproster'],
    maxUploadBytes: 2 * MiB,
    contentType: 'application/octet-stream',
  },
  csv: {
    label: 'CSV file',
    wrongEnding: 'Choose a CSV file: its name ends in .csv',
    endings: ['.csv'],
    maxUploadBytes: MAX_IMPORT_BYTES,
    contentType: 'text/csv; charset=utf-8',
  },
  // Written by the core only: never uploaded.
  pdf: {
    label: 'PDF document',
    wrongEnding: 'A PDF file’s name ends in .pdf',
    endings: ['.pdf'],
    maxUploadBytes: 0,
    contentType: 'application/pdf',
  },
  // A pack's letters: a folder chosen in the desktop's dialog, or one zip to download in browser mode.
  letters: {
    label: 'Folder for letters',
    wrongEnding: 'A zip file’s name ends in .zip',
    endings: ['.zip'],
    maxUploadBytes: 0,
    contentType: 'application/zip',
  },
};

/** Whether a file name has one of its kind's endings. */
export function hasEnding(name: string, purpose: FilePurpose): boolean {
  const lower = name.toLowerCase();
  return FILE_KINDS[purpose].endings.some((e) => lower.endsWith(e));
}

/** The id the core gave for a chosen file: 32 random characters, unguessable, valid for this run only. */
export const FILE_ID = /^f-[A-Za-z0-9_-]{32}$/;
export const fileId = z
  .string('Choose the file')
  .min(1, 'Choose the file')
  .regex(FILE_ID, 'Choose the file again: GrantPanel takes only files chosen in its Open or Save window, or uploaded');

/** A file name with no folder in it, as a download or a Save dialog suggests it. */
export const fileName = z
  .string('Give the file a name')
  .trim()
  .min(1, 'Give the file a name')
  .max(120, 'Use a file name of 120 characters or fewer')
  .regex(/^[^\\/:*?"<>|]+$/, 'A file name cannot contain a folder or any of \\ / : * ? " < > |')
  .refine((n) => !n.startsWith('.'), 'A file name cannot start with a full stop')
  .refine((n) => !hasControlCharacters(n), 'A file name cannot contain control characters');

/** A chosen file as the page knows it: its id, and its name to show. */
export interface ChosenFileInfo {
  file: string;
  name: string;
}

export const files = {
  /**
   * A new file in the data folder's outgoing folder, for the core to write and the page then to
   * download (browser mode's Save). Nothing outside the data folder can be named.
   */
  'files.create': method<ChosenFileInfo>()(
    z
      .object({ purpose: z.enum(FILE_PURPOSES), name: fileName })
      .refine((x) => hasEnding(x.name, x.purpose), { path: ['name'], message: 'That file name does not end as this kind of file does' }),
  ),
  /** Forgets a chosen file; one the core made (an upload, a download) is deleted too. */
  'files.forget': method<{ forgotten: boolean }>()(z.object({ file: fileId })),
};

/** A call's field naming a file, and what it does with what kind of file. */
export interface FileUse {
  field: string;
  mode: FileMode;
  purpose: FilePurpose;
}

const use = (mode: FileMode, purpose: FilePurpose, field = 'file'): FileUse[] => [{ field, mode, purpose }];

/** Which calls read or write files, and what kind: the CLI and the tests choose files for them by this. */
export const FILE_USES: Partial<Record<string, FileUse[]>> = {
  'bundles.export': use('write', 'bundle'),
  'bundles.verify': use('read', 'bundle'),
  'bundles.import': use('read', 'bundle'),
  'roster.export': use('write', 'roster'),
  'roster.verify': use('read', 'roster'),
  'roster.import': use('read', 'roster'),
  'imports.preview': use('read', 'csv'),
  'imports.commit': use('read', 'csv'),
  'imports.start': use('read', 'csv'),
  'scores.preview': use('read', 'csv'),
  'scores.commit': use('read', 'csv'),
  'session.checkJoin': use('read', 'roster', 'roster'),
  'session.join': [...use('read', 'roster', 'roster'), ...use('read', 'bundle', 'bundle')],
  'documents.scoreSheet': use('write', 'pdf'),
  'documents.panelPack': use('write', 'pdf'),
  'documents.panelReport': use('write', 'pdf'),
  'documents.interestsCsv': use('write', 'csv'),
  'letters.write': use('write', 'pdf'),
  'letters.batch': use('write', 'letters'),
  'letterTemplates.preview': use('write', 'pdf'),
  'documents.decisionNotice': use('write', 'pdf'),
};
