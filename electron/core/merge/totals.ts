// The totals rule, for every kind that declares a `total`: records that must keep a limit
// together (allocations within an area's budget in a round). A laptop refuses its own entry that
// would pass the limit (`wouldPass`); but two laptops each allocating within it, concurrently, can
// pass it together. Then both entries are kept and the group is raised for a person while its
// total passes the limit — never a silent overspend, never a silently dropped allocation.
import type { StoredEvent } from '../../../shared/events/event';
import type { KindName } from '../../../shared/domain/kinds';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { Projection, Projector } from '../events/project';

export interface TotalRule<P> {
  kind: KindName;
  /**
   * The group whose total is limited: "round-1/coventry". Read from what the log holds (an
   * allocation's round and area are its application's), never trusted from the payload; null
   * when the entry belongs to no group.
   */
  group(payload: P, db: Db): string | null;
  /** The limit as held now; null when there is none. */
  limit(db: Db, group: string): number | null;
  /** The group's total as held now, this entry included once it is applied. */
  total(db: Db, group: string): number;
}

export interface Breach {
  group: string;
  total: number;
  limit: number;
  raisedAt: string;
  raisedDevice: string;
}

/** Whether adding `amount` to the group now would pass its limit: for refusing a local write. */
export function wouldPass<P>(db: Db, rule: TotalRule<P>, group: string, amount: number): boolean {
  const limit = rule.limit(db, group);
  return limit !== null && rule.total(db, group) + amount > limit;
}

/** Applies the entry, then raises its group if the total passes the limit, or clears it if no longer. */
export function withinTotal<P>(rule: TotalRule<P>, apply: Projector): Projector {
  const keeping = (db: Db, event: StoredEvent, projection: Projection) => {
    apply(db, event, projection);
    const group = rule.group(event.payload as P, db);
    if (group !== null) checkTotal(db, rule, group, event);
  };
  return Object.assign(keeping, { rule: apply.rule, keepsTotal: true });
}

export function checkTotal<P>(db: Db, rule: TotalRule<P>, group: string, event: StoredEvent): void {
  const limit = rule.limit(db, group);
  const total = rule.total(db, group);
  if (limit === null || total <= limit) {
    statement(db, 'DELETE FROM total_breaches WHERE kind = ? AND grp = ?').run(rule.kind, group);
    return;
  }
  // Raised when first passed; while it stays passed, the total shown is the latest.
  statement(
    db,
    `INSERT INTO total_breaches (kind, grp, total, limit_amount, raised_at, raised_device) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, grp) DO UPDATE SET total = excluded.total, limit_amount = excluded.limit_amount`,
  ).run(rule.kind, group, total, limit, event.hlc, event.deviceId);
}

/** Groups of a kind whose total passes its limit, for a person to settle. */
export function breaches(db: Db, kind: KindName): Breach[] {
  return statement<[string], { grp: string; total: number; limit_amount: number; raised_at: string; raised_device: string }>(
    db,
    'SELECT grp, total, limit_amount, raised_at, raised_device FROM total_breaches WHERE kind = ? ORDER BY raised_at',
  )
    .all(kind)
    .map((b) => ({ group: b.grp, total: b.total, limit: b.limit_amount, raisedAt: b.raised_at, raisedDevice: b.raised_device }));
}
