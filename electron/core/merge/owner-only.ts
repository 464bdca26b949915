// The 'owner-only' merge rule: a record only the person it belongs to writes (a member's scores).
// Their sign-in on the laptop that made it is checked for every event (people/vouching.ts); here,
// that its author is the owner, with the capability the record needs, or someone the kind lets
// write on the owner's behalf (an officer typing in a paper sheet). Projected in clock order, the
// owner's latest version wins and the earlier stay in the log. Any other version is kept in the
// log, counted as not applied, and changes nothing.
import type { Db } from '../db/open';
import type { StoredEvent } from '../../../shared/events/event';
import type { Capability } from '../../../shared/domain/people';
import { madeBy, type Projection, type Projector } from '../events/project';
import { ignore } from '../people/vouching';

export interface OwnerOnly<P> {
  owner(payload: P): string;
  /** What the owner's roles must allow. */
  needs: Capability;
  /** Whether someone else may write this one for the owner. */
  onBehalf?(payload: P, event: StoredEvent, projection: Projection): boolean;
}

/** Why this event may not write the record, or null. */
export function notOwners<P>(rule: OwnerOnly<P>, event: StoredEvent, projection: Projection): string | null {
  const payload = event.payload as P;
  if (rule.onBehalf?.(payload, event, projection)) return null;
  if (event.actor !== rule.owner(payload)) return 'written in someone else’s name';
  if (!projection.can(event.actor, rule.needs)) return 'beyond what its author’s roles allowed';
  return null;
}

export function ownerOnly<P>(rule: OwnerOnly<P>, apply: (db: Db, payload: P, event: StoredEvent) => void): Projector {
  return madeBy('owner-only', (db, event, projection) => {
    const why = notOwners(rule, event, projection);
    if (why) return ignore(db, event, why);
    apply(db, event.payload as P, event);
  });
}
