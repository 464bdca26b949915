// The data folder holds applicants' contact details and this laptop's private keys: readable by
// its owner only, however it was made (by hand, by an older version, restored from a backup).
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_KEY_FILE, PENDING_KEY_FILE } from './crypto/keys';
import { DATABASE_FILE } from './identity';

/** Every file GrantPanel keeps in the data folder (bundles are elsewhere). */
const PRIVATE_FILES = [
  DATABASE_FILE,
  `${DATABASE_FILE}-wal`,
  `${DATABASE_FILE}-shm`,
  `${DATABASE_FILE}-journal`,
  DEVICE_KEY_FILE,
  PENDING_KEY_FILE,
  'seal-key.txt',
];

function ownerOnly(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Makes the folder if need be, and closes it to other users (POSIX; Windows keeps the profile's ACL). */
export function secureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') ownerOnly(dataDir, 0o700);
}

/** Each of the folder's files that exists: 0600. Called again once the database has made its -wal and -shm. */
export function secureDataFiles(dataDir: string): void {
  if (process.platform === 'win32') return;
  for (const name of PRIVATE_FILES) ownerOnly(join(dataDir, name), 0o600);
}
