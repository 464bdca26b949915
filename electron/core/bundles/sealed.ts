// Sealed bundles (.gpbundle.age): opened to a private temporary file (owner-only) in the data folder
// with this laptop's age key or a passphrase, read as any bundle, and the plain copy removed whatever
// happens — or, if the process was killed first, when the core next opens the data folder.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import { isAgeFile, openSealedFile, SealError } from '../crypto/seal';
import { loadOrCreateSealIdentity } from '../crypto/seal-identity';

// A zip needs random access, so the plain bundle is a file: named for the process that opened it.
/** Plain copies of sealed bundles, and the plain parts of one being made: `.opening-PID-…`. */
export const PLAIN_COPY_PREFIX = '.opening-';
const PLAIN_COPY = /^\.opening-(?:(\d+)-)?/;

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the plain copies of sealed bundles (and their partial files) that a killed process left in
 * the data folder; a copy a running process is still reading (a CLI beside the app) is left to it.
 */
export function removeLeftoverPlainCopies(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = PLAIN_COPY.exec(name);
    if (!match || (match[1] && isRunning(Number(match[1])))) continue;
    try {
      rmSync(join(dataDir, name), { force: true });
    } catch {
      // Held open elsewhere (Windows): removed at the next start.
    }
  }
}

function startOf(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('NOT_FOUND', `There is no file at ${file}`);
    throw error;
  }
  try {
    const bytes = Buffer.alloc(64);
    const n = readSync(fd, bytes, 0, 64, 0);
    return bytes.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export async function withPlainBundle<T>(
  ctx: CoreContext,
  file: string,
  passphrase: string | undefined,
  use: (plain: string, sealed: boolean) => Promise<T>,
): Promise<T> {
  if (!isAgeFile(startOf(file))) return use(file, false);
  const plain = join(ctx.dataDir, `${PLAIN_COPY_PREFIX}${process.pid}-${randomBytes(8).toString('hex')}.gpbundle`);
  try {
    const key = passphrase ? { passphrase } : { identities: [(await loadOrCreateSealIdentity(ctx.dataDir)).identity] };
    try {
      await openSealedFile(file, plain, key);
    } catch (error) {
      if (error instanceof SealError) {
        // The field the person can put right: the passphrase they typed, or the file they chose.
        const field = error.reason === 'WRONG_PASSPHRASE' || (error.reason === 'NO_MATCHING_KEY' && passphrase) ? 'passphrase' : 'file';
        throw new DomainError('BUNDLE_INVALID', error.message, [{ field, message: error.message }]);
      }
      throw error;
    }
    return await use(plain, true);
  } finally {
    rmSync(plain, { force: true });
  }
}
