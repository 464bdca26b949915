// Which laptop a data folder is: its device key (device-key.json) and the database holding its
// log (grantpanel.sqlite) belong together. Other laptops already hold this device's events 1..n, so
// a new database under the same key, or a new key over the same database, would fork its log —
// its next bundle refused everywhere as equivocation. So GrantPanel never re-seeds or re-keys on its
// own: it refuses to start and says what to restore.
//
// First run is crash-safe: the key is saved as a pending file, the database commits this device's
// first events, and only then does the key take its final name. A pending key has signed nothing,
// so a start that finds one either finishes that first run or begins it again with that key.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commitPendingKey, createPendingKey, readDeviceKey, readPendingKey, type DeviceIdentity } from './crypto/keys';

export const DATABASE_FILE = 'grantpanel.sqlite';

/** The data folder cannot be used as it is; the message says what happened and what to do. */
export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

export interface Identity {
  device: DeviceIdentity;
  /** True on a first run: call `commitPendingKey` once this device's first events are committed. */
  firstRun: boolean;
}

/** The devices whose events the database holds; empty for a database with no log yet, null when there is no database. */
function devicesIn(file: string): string[] | null {
  if (!existsSync(file) || statSync(file).size === 0) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!hasLog) return [];
    return db
      .prepare<[], { device_id: string }>('SELECT DISTINCT device_id FROM events')
      .all()
      .map((r) => r.device_id);
  } finally {
    db.close();
  }
}

const lostDatabase = (dataDir: string) =>
  new DataFolderError(
    `The database (${DATABASE_FILE}) in ${dataDir} is missing or empty, but this laptop’s device key (device-key.json) is still there. ` +
      'Other laptops may already hold this laptop’s work, so GrantPanel will not start a new database under the same key: its bundles would be refused everywhere. ' +
      `Restore ${DATABASE_FILE} from a backup into that folder; or, to set this laptop up as a new device, move the whole folder aside and start GrantPanel again.`,
  );

const lostKey = (dataDir: string) =>
  new DataFolderError(
    `This laptop’s device key (device-key.json) is missing from ${dataDir}, but its database holds this laptop’s work. ` +
      'A new key would make it a different laptop, and other laptops would refuse its changes. ' +
      'Restore device-key.json from a backup into that folder and start GrantPanel again.',
  );

const wrongKey = (dataDir: string, keyDevice: string) =>
  new DataFolderError(
    `The device key (device-key.json) in ${dataDir} belongs to device ${keyDevice}, but the database there was made by another laptop. ` +
      'Put back the device-key.json that belongs with this database, from a backup, and start GrantPanel again.',
  );

/** This data folder's device, checked against its database before anything is opened for writing. */
export function checkIdentity(dataDir: string): Identity {
  const devices = devicesIn(join(dataDir, DATABASE_FILE));
  const key = readDeviceKey(dataDir);
  if (key) {
    if (devices === null || devices.length === 0) throw lostDatabase(dataDir);
    if (!devices.includes(key.id)) throw wrongKey(dataDir, key.id);
    return { device: key, firstRun: false };
  }
  const pending = readPendingKey(dataDir);
  if (devices !== null && devices.length > 0) {
    // A first run that committed its database but stopped before the key took its name: finish it.
    if (pending && devices.includes(pending.id)) {
      commitPendingKey(dataDir);
      return { device: pending, firstRun: false };
    }
    throw lostKey(dataDir);
  }
  return { device: pending ?? createPendingKey(dataDir), firstRun: true };
}
