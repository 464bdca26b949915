// Chosen files: the only paths the core reads or writes for a person. Each was chosen by a person
// (a system Open or Save dialog, a path typed at the terminal) or made by the core inside the data
// folder (an upload, a file to download), and is known to the page only by an unguessable id that
// lives as long as this run. An id the core never gave, or one used for the wrong kind of file or
// the wrong way round (reading what was chosen for saving), is refused.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { DomainError } from '../../../shared/contract/result';
import { FILE_ID, FILE_KINDS, FILE_USES, type ChosenFileInfo, type FileMode, type FilePurpose } from '../../../shared/contract/files';

/** Where a chosen file came from: decides whether the core may delete it and whether the page may download it. */
export type FileOrigin = 'dialog' | 'terminal' | 'folder' | 'upload' | 'outgoing';

export interface ChosenFile {
  id: string;
  path: string;
  mode: FileMode;
  purpose: FilePurpose;
  /** The name a person sees. */
  name: string;
  origin: FileOrigin;
}

const CHOOSE_AGAIN = 'Choose the file again: GrantPanel no longer knows that one (it forgets chosen files when it restarts)';

function refused(message: string): DomainError {
  return new DomainError('VALIDATION', message, [{ field: 'file', message }]);
}

export class ChosenFiles {
  private readonly byId = new Map<string, ChosenFile>();

  constructor(private readonly random: () => string = () => randomBytes(24).toString('base64url')) {}

  /** Registers a path a person chose (or the core made) and answers its new id. The path must be absolute. */
  choose(path: string, mode: FileMode, purpose: FilePurpose, origin: FileOrigin, name = basename(path)): ChosenFile {
    if (!isAbsolute(path) || path.includes('\0')) throw new Error('A chosen file needs an absolute path');
    // One id per file and use, so listing a folder again does not grow the list.
    for (const f of this.byId.values()) if (f.path === path && f.mode === mode && f.purpose === purpose && f.origin === origin) return f;
    const id = `f-${this.random()}`;
    if (!FILE_ID.test(id)) throw new Error('A chosen file id must be 32 random characters');
    const file: ChosenFile = { id, path, mode, purpose, name, origin };
    this.byId.set(id, file);
    return file;
  }

  /** The file behind an id, for reading or writing one kind of file; refused with a plain message otherwise. */
  use(id: string, mode: FileMode, purpose: FilePurpose): ChosenFile {
    const file = this.byId.get(id);
    if (!file) throw refused(CHOOSE_AGAIN);
    if (file.purpose !== purpose)
      throw refused(
        `That file was chosen as a ${FILE_KINDS[file.purpose].label}, not a ${FILE_KINDS[purpose].label}: choose the file again`,
      );
    if (file.mode !== mode)
      throw refused(
        mode === 'read'
          ? 'That file was chosen for saving, not opening: choose the file to open'
          : 'That file was chosen for opening, not saving: choose where to save',
      );
    return file;
  }

  /** The file behind an id whatever its use, or undefined. */
  get(id: string): ChosenFile | undefined {
    return this.byId.get(id);
  }

  /**
   * Takes a file the core wrote for download out of use at once, so a second request for it finds
   * nothing even while the first is still being sent; the caller deletes the file when done.
   */
  claimDownload(id: string): ChosenFile | undefined {
    const file = this.byId.get(id);
    if (!file || file.origin !== 'outgoing') return undefined;
    this.byId.delete(id);
    return file;
  }

  /** Forgets an id; a file the core made (an upload, a download) is deleted with it. */
  forget(id: string): boolean {
    const file = this.byId.get(id);
    if (!file) return false;
    this.byId.delete(id);
    if (file.origin === 'upload' || file.origin === 'outgoing') rmSync(file.path, { force: true });
    return true;
  }

  info(file: ChosenFile): ChosenFileInfo {
    return { file: file.id, name: file.name };
  }
}

/**
 * For the CLI, where a person types paths: each of a call's file fields given as a path becomes the
 * id of that path chosen for the call's use (FILE_USES). Anything else passes unchanged.
 */
export function choosePathFor(files: ChosenFiles, method: string, input: unknown): unknown {
  const uses = FILE_USES[method];
  if (!uses || typeof input !== 'object' || input === null) return input;
  const chosen: Record<string, unknown> = { ...input };
  for (const { field, mode, purpose } of uses) {
    const path = chosen[field];
    if (typeof path === 'string' && isAbsolute(path)) chosen[field] = files.choose(path, mode, purpose, 'terminal').id;
  }
  return chosen;
}
