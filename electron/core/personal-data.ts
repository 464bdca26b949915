// The store of personal data beside the event log (see migration 0002): written in the same
// transaction as the event that refers to it, read back by digest, erasable on its own.
import { randomBytes } from 'node:crypto';
import { personalDigest } from '../../shared/events/personal';
import type { Db } from './db/open';
import { statement } from './db/statements';

/** Keeps the details and answers the digest an event should carry instead of them. */
export function holdPersonalData(db: Db, body: Record<string, string>): string {
  const salt = randomBytes(16).toString('hex');
  const digest = personalDigest(salt, body);
  statement(db, 'INSERT INTO personal_data (digest, salt, body) VALUES (?, ?, ?)').run(digest, salt, JSON.stringify(body));
  return digest;
}

/** The details behind a digest, or null where this laptop does not hold them. */
export function personalData(db: Db, digest: string): Record<string, string> | null {
  const row = statement<[string], { body: string }>(db, 'SELECT body FROM personal_data WHERE digest = ?').get(digest);
  return row ? (JSON.parse(row.body) as Record<string, string>) : null;
}
