// Browser mode's files: an upload is streamed to the data folder's `incoming` folder (never held
// whole in memory, refused past its kind's limit), and a file to download is written by the core to
// `outgoing`; both are chosen files the page knows only by id. Both folders are emptied when the
// core opens, so nothing a person uploaded or saved outlives the run that used it.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../shared/contract/result';
import { FILE_KINDS, fileName, hasEnding, type ChosenFileInfo, type FilePurpose } from '../../../shared/contract/files';
import type { ChosenFiles } from './chosen';
import { isRunning } from '../bundles/sealed';

export const INCOMING_FOLDER = 'incoming';
export const OUTGOING_FOLDER = 'outgoing';

const inMb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;

/**
 * Removes what earlier runs left in the folders for uploads and downloads (made when first needed);
 * files of a process still running (a CLI beside the app) are left to it.
 */
export function clearTransferFolders(dataDir: string): void {
  for (const folder of [INCOMING_FOLDER, OUTGOING_FOLDER]) {
    const path = join(dataDir, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path)) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      if (pid && pid !== process.pid && isRunning(pid)) continue;
      rmSync(join(path, name), { recursive: true, force: true });
    }
  }
}

/** A name a person gave a file, checked as a name alone: no folder, one of its kind's endings. */
export function checkedName(name: string, purpose: FilePurpose): string {
  const parsed = fileName.safeParse(name);
  const problem = parsed.success
    ? hasEnding(parsed.data, purpose)
      ? null
      : FILE_KINDS[purpose].wrongEnding
    : (parsed.error.issues[0]?.message ?? 'That file name is not valid');
  if (problem) throw new DomainError('VALIDATION', problem, [{ field: 'file', message: problem }]);
  return (parsed.data as string).trim();
}

function tooLarge(purpose: FilePurpose): DomainError {
  const { label, maxUploadBytes } = FILE_KINDS[purpose];
  return new DomainError('TOO_LARGE', `That file is too large: the largest ${label} GrantPanel takes is ${inMb(maxUploadBytes)}`);
}

/** A private path in one of the transfer folders: this process's, under a random prefix so two files of one name never meet. */
function transferPath(dataDir: string, folder: string, name: string): string {
  return join(dataDir, folder, `${process.pid}-${randomBytes(8).toString('hex')}-${name}`);
}

/**
 * Streams an upload to `incoming` and registers it for reading. Over the kind's limit (declared or
 * as counted), or cut short, the partial file is deleted and nothing is registered.
 */
export async function receiveUpload(
  files: ChosenFiles,
  dataDir: string,
  body: Readable,
  purpose: FilePurpose,
  name: string,
  declaredBytes?: number,
): Promise<ChosenFileInfo> {
  const shown = checkedName(name, purpose);
  const limit = FILE_KINDS[purpose].maxUploadBytes;
  if (declaredBytes !== undefined && declaredBytes > limit) throw tooLarge(purpose);
  const path = transferPath(dataDir, INCOMING_FOLDER, shown);
  mkdirSync(join(dataDir, INCOMING_FOLDER), { recursive: true, mode: 0o700 });
  let size = 0;
  // Past the limit the rest is read and dropped, not written: the sender still gets its answer.
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, size > limit ? undefined : chunk);
    },
  });
  try {
    await pipeline(body, count, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch {
    rmSync(path, { force: true });
    throw new DomainError('VALIDATION', 'The upload was cut short: choose the file again', [
      { field: 'file', message: 'The upload was cut short: choose the file again' },
    ]);
  }
  if (size > limit) {
    rmSync(path, { force: true });
    throw tooLarge(purpose);
  }
  return files.info(files.choose(path, 'read', purpose, 'upload', shown));
}

/** A new file in `outgoing` for the core to write and the page to download: browser mode's Save. */
export function createOutgoing(files: ChosenFiles, dataDir: string, purpose: FilePurpose, name: string): ChosenFileInfo {
  const shown = checkedName(name, purpose);
  mkdirSync(join(dataDir, OUTGOING_FOLDER), { recursive: true, mode: 0o700 });
  return files.info(files.choose(transferPath(dataDir, OUTGOING_FOLDER, shown), 'write', purpose, 'outgoing', shown));
}
