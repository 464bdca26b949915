// The 'owner-only' merge rule: a record only the person it belongs to writes. The event's author
// must be that person, and the laptop that vouched for the event (its signed head binds the
// event's device) must be that person's; anyone else's version is ignored. Projected in clock
// order, the owner's later version wins, and the earlier stays in the log.
import type { Db } from '../db/open';
import type { StoredEvent } from '../../../shared/events/event';
import { madeBy, type Projector } from '../events/project';
import { officerOf } from '../context';

/** Whether this laptop vouches for this person: until people sign in (issue 10), each laptop has one, its officer. */
export function laptopVouchesFor(deviceId: string, personId: string): boolean {
  return personId === officerOf(deviceId);
}

/** A projector that applies an event only when its author owns the record it writes. */
export function ownerOnly<P>(owner: (payload: P) => string, apply: (db: Db, payload: P, event: StoredEvent) => void): Projector {
  return madeBy('owner-only', (db, event) => {
    const payload = event.payload as P;
    const id = owner(payload);
    if (event.actor !== id || !laptopVouchesFor(event.deviceId, id)) return;
    apply(db, payload, event);
  });
}
