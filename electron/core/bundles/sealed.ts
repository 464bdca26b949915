// Sealed bundles (.gpbundle.age): opened to a private temporary file with this laptop's age key
// or a passphrase, read as any bundle, and the plain copy removed whatever happens.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import { isAgeFile, openSealedFile, SealError } from '../crypto/seal';
import { loadOrCreateSealIdentity } from '../crypto/seal-identity';

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
  const plain = join(ctx.dataDir, `.opening-${randomBytes(8).toString('hex')}.gpbundle`);
  try {
    const key = passphrase ? { passphrase } : { identities: [(await loadOrCreateSealIdentity(ctx.dataDir)).identity] };
    try {
      await openSealedFile(file, plain, key);
    } catch (error) {
      if (error instanceof SealError) throw new DomainError('BUNDLE_INVALID', error.message);
      throw error;
    }
    return await use(plain, true);
  } finally {
    rmSync(plain, { force: true });
  }
}
