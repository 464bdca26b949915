// The 'append-only' merge rule, for every kind that declares it: entries are never changed. A
// later entry supersedes the earlier ones it names, and all stay. The entries standing on a
// subject are those nothing has superseded: that set depends only on which entries are held, not
// on the order they arrived. Two standing entries that say different things (two laptops each
// deciding without seeing the other's decision) are raised for a person, never settled silently.
import type { StoredEvent } from '../../../shared/events/event';
import type { KindName } from '../../../shared/domain/kinds';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { madeBy, type Projection, type Projector } from '../events/project';

export interface AppendOnly<P> {
  kind: KindName;
  /** What the entry is about: the conflict it settles, the application it decides. */
  subject(payload: P): string;
  /** The earlier entries (by event hash) it supersedes: those its author saw standing. */
  supersedes(payload: P): readonly string[];
  /** What it says: two standing entries with the same gist agree, and need no person. */
  gist(payload: P): string;
}

export interface AppendOnlyEffects<P> {
  /** The entry stands, alone or with others that say the same: it takes effect. */
  stand(db: Db, payload: P, event: StoredEvent, projection: Projection): void;
  /** Entries standing together say different things: the earlier effect stays, and a person is asked. */
  raise(db: Db, payload: P, event: StoredEvent, projection: Projection, standing: readonly StandingEntry[]): void;
}

export interface StandingEntry {
  id: string;
  hlc: string;
  gist: string;
}

/** The entries standing on a subject, oldest first. */
export function standingEntries(db: Db, kind: KindName, subject: string): StandingEntry[] {
  return statement<[string, string], StandingEntry>(
    db,
    'SELECT id, hlc, gist FROM entries WHERE kind = ? AND subject = ? AND superseded_by IS NULL ORDER BY hlc, id',
  ).all(kind, subject);
}

/**
 * The projector of an append-only kind's event. Only earlier entries can be superseded: an author
 * can only have seen those, so a name pointing later (a buggy or lying laptop) supersedes nothing.
 */
export function appendOnly<P>(rule: AppendOnly<P>, effects: AppendOnlyEffects<P>): Projector {
  return madeBy('append-only', (db, event, projection) => {
    const payload = event.payload as P;
    const subject = rule.subject(payload);
    statement(db, 'INSERT OR IGNORE INTO entries (kind, subject, id, hlc, gist) VALUES (?, ?, ?, ?, ?)').run(
      rule.kind,
      subject,
      event.hash,
      event.hlc,
      rule.gist(payload),
    );
    const supersede = statement(
      db,
      'UPDATE entries SET superseded_by = ? WHERE kind = ? AND subject = ? AND id = ? AND hlc < ? AND superseded_by IS NULL',
    );
    for (const earlier of rule.supersedes(payload)) supersede.run(event.hash, rule.kind, subject, earlier, event.hlc);
    const standing = standingEntries(db, rule.kind, subject);
    if (new Set(standing.map((s) => s.gist)).size > 1) effects.raise(db, payload, event, projection, standing);
    else effects.stand(db, payload, event, projection);
  });
}
