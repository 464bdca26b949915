// The store of personal data beside the event log (see migration 0002): written in the same
// transaction as the event that refers to it, read back by digest, erasable on its own — and
// erased as soon as nothing refers to it, so replaced contact details do not linger or travel.
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../shared/events/canonical';
import type { Db } from './db/open';
import { statement } from './db/statements';

const SALT_BYTES = 16;
/** Salts are cut from a pool of random bytes, refilled as it runs out: one call for many salts. */
let saltPool = Buffer.alloc(0);
let saltAt = 0;
function freshSalt(): string {
  if (saltAt + SALT_BYTES > saltPool.length) {
    saltPool = randomBytes(SALT_BYTES * 256);
    saltAt = 0;
  }
  const salt = saltPool.toString('hex', saltAt, saltAt + SALT_BYTES);
  // Each salt is used once: its bytes are wiped as they are taken.
  saltPool.fill(0, saltAt, (saltAt += SALT_BYTES));
  return salt;
}

/**
 * shared/events/personal.ts's personalDigest, SHA-256(salt bytes ‖ canonical JSON), with Node's
 * native SHA-256: the same digest, without the pure-JS hash (a test holds them equal).
 */
export function nativePersonalDigest(saltHex: string, body: Record<string, string>): string {
  return createHash('sha256').update(Buffer.from(saltHex, 'hex')).update(canonicalJson(body), 'utf8').digest('hex');
}

/** Keeps the details and answers the digest an event should carry instead of them. */
export function holdPersonalData(db: Db, body: Record<string, string>): string {
  const salt = freshSalt();
  const digest = nativePersonalDigest(salt, body);
  statement(db, 'INSERT INTO personal_data (digest, salt, body) VALUES (?, ?, ?)').run(digest, salt, JSON.stringify(body));
  return digest;
}

/** The details behind a digest, or null where this laptop does not hold them. */
export function personalData(db: Db, digest: string): Record<string, string> | null {
  const row = statement<[string], { body: string }>(db, 'SELECT body FROM personal_data WHERE digest = ?').get(digest);
  return row ? (JSON.parse(row.body) as Record<string, string>) : null;
}

/**
 * SQL true when the digest in `column` is still in use: an application's current contact details,
 * a person's sealed secret, or a version an open conflict offers (a person may yet choose it). Any other row is a leftover.
 */
export function stillReferred(column: string): string {
  return `(EXISTS (SELECT 1 FROM applications WHERE contact_digest = ${column})
    OR EXISTS (SELECT 1 FROM credentials WHERE secret = ${column})
    OR EXISTS (SELECT 1 FROM conflicts c, json_each(c.fields) f WHERE c.resolved_at IS NULL
      AND ${column} IN (json_extract(f.value, '$.kept'), json_extract(f.value, '$.incoming'))))`;
}

/**
 * Erases the details behind a digest once nothing refers to them. Called by projections when a
 * record moves off them, so every laptop erases the same rows, and a rebuild, replaying the same
 * moves, erases nothing it still needs: a digest let go is never referred to again.
 */
export function releasePersonalData(db: Db, digest: unknown): void {
  if (typeof digest !== 'string') return;
  statement(db, `DELETE FROM personal_data WHERE digest = @digest AND NOT ${stillReferred('@digest')}`).run({ digest });
}
