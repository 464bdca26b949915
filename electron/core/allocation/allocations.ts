// Allocations as every laptop projects them: one amount per application, the latest in clock order
// standing, kept within its area's budget plus the round's tolerance by the totals rule (merge/totals.ts).
// An allocation's round and area are always its application's as the log holds it: a payload naming
// another would be believed by nothing here. A lying laptop's allocation to an application the log
// does not hold, or of more than it asked for, is ignored and counted like any change beyond its author.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { withinTotal, type TotalRule } from '../merge/totals';
import { ignore } from '../people/vouching';
import type { AllocationSet } from '../../../shared/events/records';
import { ceilingOf } from '../../../shared/domain/allocation';

interface ApplicationPlace {
  round_id: string;
  area_id: string;
  amount_requested: number;
}

export function placeOf(db: Db, applicationId: string): ApplicationPlace | undefined {
  return statement<[string], ApplicationPlace>(db, 'SELECT round_id, area_id, amount_requested FROM applications WHERE id = ?').get(
    applicationId,
  );
}

/** "round-id/area-id": round ids are uuids and area ids slugs, so the last slash divides them. */
export const groupOf = (roundId: string, areaId: string) => `${roundId}/${areaId}`;
function ofGroup(group: string): { roundId: string; areaId: string } {
  const at = group.lastIndexOf('/');
  return { roundId: group.slice(0, at), areaId: group.slice(at + 1) };
}

export interface AreaLimit {
  budgetPence: number | null;
  tolerancePercent: number;
  /** Budget plus tolerance: what the area's allocations may reach (0 where it has no budget). */
  ceilingPence: number;
}

export function areaLimit(db: Db, roundId: string, areaId: string): AreaLimit {
  const row = statement<[string, string], { tolerance_percent: number; amount_pence: number | null }>(
    db,
    `SELECT r.tolerance_percent, b.amount_pence FROM rounds r
       LEFT JOIN round_budgets b ON b.round_id = r.id AND b.area_id = ?
     WHERE r.id = ?`,
  ).get(areaId, roundId);
  const budgetPence = row?.amount_pence ?? null;
  const tolerancePercent = row?.tolerance_percent ?? 0;
  return { budgetPence, tolerancePercent, ceilingPence: ceilingOf({ budgetPence: budgetPence ?? 0, tolerancePercent }) };
}

/** What the area's applications (withdrawn ones left out) are allocated, in pence. */
export function allocatedInArea(db: Db, roundId: string, areaId: string): number {
  return (
    statement<[string, string], { total: number }>(
      db,
      `SELECT coalesce(sum(al.amount_pence), 0) AS total FROM applications a
         JOIN allocations al ON al.application_id = a.id
       WHERE a.round_id = ? AND a.area_id = ? AND a.status != 'withdrawn'`,
    ).get(roundId, areaId)?.total ?? 0
  );
}

/** What the whole round's applications (withdrawn ones left out) are allocated, in pence. */
export function allocatedInRound(db: Db, roundId: string): number {
  return (
    statement<[string], { total: number }>(
      db,
      `SELECT coalesce(sum(al.amount_pence), 0) AS total FROM applications a
         JOIN allocations al ON al.application_id = a.id
       WHERE a.round_id = ? AND a.status != 'withdrawn'`,
    ).get(roundId)?.total ?? 0
  );
}

/** An area's allocations in a round must stay within its budget plus the round's tolerance. */
export const allocationTotal: TotalRule<AllocationSet> = {
  kind: 'allocation',
  group: (p, db) => {
    const place = placeOf(db, p.applicationId);
    return place ? groupOf(place.round_id, place.area_id) : null;
  },
  limit: (db, group) => {
    const { roundId, areaId } = ofGroup(group);
    return areaLimit(db, roundId, areaId).ceilingPence;
  },
  total: (db, group) => {
    const { roundId, areaId } = ofGroup(group);
    return allocatedInArea(db, roundId, areaId);
  },
};

export const allocationKind: CoreKinds['allocation'] = {
  projectors: {
    'allocation.set': withinTotal(allocationTotal, (db, event) => {
      const p = event.payload as AllocationSet;
      const place = placeOf(db, p.applicationId);
      if (!place) return ignore(db, event, 'allocated an application that is not in the register');
      if (p.amountPence > place.amount_requested) return ignore(db, event, 'allocated more than the application asked for');
      statement(db, 'INSERT OR REPLACE INTO allocations (application_id, amount_pence, reason, set_at, set_by) VALUES (?, ?, ?, ?, ?)').run(
        p.applicationId,
        p.amountPence,
        p.reason,
        event.hlc,
        event.actor,
      );
    }),
  },
};

export interface HeldAllocation {
  amountPence: number;
  reason: string | null;
  setAt: string;
  setBy: string;
}

export function allocationOf(db: Db, applicationId: string): HeldAllocation | null {
  const row = statement<[string], { amount_pence: number; reason: string | null; set_at: string; set_by: string }>(
    db,
    'SELECT amount_pence, reason, set_at, set_by FROM allocations WHERE application_id = ?',
  ).get(applicationId);
  return row ? { amountPence: row.amount_pence, reason: row.reason, setAt: row.set_at, setBy: row.set_by } : null;
}
