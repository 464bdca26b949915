// Opening the database: pragmas, integrity check, migrations; a newer database opens read-only.
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  /** Why the database is read-only, or null when it can be written. */
  readOnly: string | null;
}

export class DatabaseOpenError extends Error {}

function versionOf(file: string): number {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

export function openDatabase(file: string): OpenedDb {
  let existing: number;
  try {
    existing = versionOf(file);
  } catch {
    existing = 0; // a new file
  }
  const readOnly =
    existing > SCHEMA_VERSION
      ? `This data was saved by a newer version of GrantPanel (schema ${existing}; this version knows ${SCHEMA_VERSION}). It is open read-only: update GrantPanel to make changes.`
      : null;
  const db = new Database(file, { readonly: readOnly !== null });
  try {
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new DatabaseOpenError(`The database failed its integrity check (${String(check)}). Restore it from a backup.`);
    if (!readOnly) migrate(db);
    return { db, readOnly };
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
