// The allocation workspace for one area of a round: the panels' recommended applications in rank
// order with what each asked for, was recommended and is allocated, the running total against the
// area's budget, and what the round has allocated elsewhere. Reads only; arithmetic is shared/domain's.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { DomainError } from '../../../shared/contract/result';
import type { AllocationRow, AllocationWorkspace } from '../../../shared/contract/allocation';
import { panelsOfRound } from '../panels/panels';
import { readRubric } from '../panels/rubrics';
import { panelStandings } from '../panels/standings';
import { breaches } from '../merge/totals';
import { allocatedInArea, allocatedInRound, allocationOf, areaLimit, groupOf } from './allocations';

/** A recommended application as the panels' ranking gives it. */
export interface Recommended {
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  rankText: string;
  requestedPence: number;
  recommendation: 'fund-in-full' | 'fund-lower';
  recommendedPence: number;
  panelReason: string | null;
}

interface RoundRow {
  id: string;
  name: string;
  total_pence: number | null;
  tolerance_percent: number;
  fund_name: string | null;
  min_award_pence: number | null;
  max_award_pence: number | null;
}

export function roundOf(db: Db, roundId: string): RoundRow {
  const round = statement<[string], RoundRow>(
    db,
    `SELECT r.id, r.name, r.total_pence, r.tolerance_percent, f.name AS fund_name, f.min_award_pence, f.max_award_pence
       FROM rounds r LEFT JOIN funds f ON f.id = r.fund_id WHERE r.id = ?`,
  ).get(roundId);
  if (!round) throw new DomainError('NOT_FOUND', 'That round does not exist — choose a round from the list');
  return round;
}

export function areaName(db: Db, areaId: string): string {
  const area = statement<[string], { name: string }>(db, 'SELECT name FROM areas WHERE id = ?').get(areaId);
  if (!area) throw new DomainError('NOT_FOUND', 'That area does not exist — choose an area from the list');
  return area.name;
}

/**
 * The area's applications the panels recommend funding (in full, or a lower amount), in rank
 * order: the ranking of the panel that scored each, ranked ones first, best first. An application
 * whose standing moderations disagree is not recommended until the chair settles them.
 */
export function recommendedIn(db: Db, roundId: string, areaId: string): Recommended[] {
  const rubric = readRubric(db, roundId);
  if (!rubric) return [];
  const inArea = new Set(
    statement<[string, string], { id: string }>(db, 'SELECT id FROM applications WHERE round_id = ? AND area_id = ?')
      .all(roundId, areaId)
      .map((r) => r.id),
  );
  const found: (Recommended & { rank: number; order: number })[] = [];
  for (const panel of panelsOfRound(db, roundId)) {
    for (const row of panelStandings(db, panel, rubric).rows) {
      const m = row.moderation;
      if (!inArea.has(row.id) || !m || (m.recommendation !== 'fund-in-full' && m.recommendation !== 'fund-lower')) continue;
      found.push({
        applicationId: row.id,
        reference: row.reference,
        organisationName: row.organisationName,
        projectTitle: row.projectTitle,
        rankText: row.ranking.rankText,
        requestedPence: row.amountRequested,
        recommendation: m.recommendation,
        recommendedPence: m.recommendation === 'fund-lower' && m.amountPence !== null ? m.amountPence : row.amountRequested,
        panelReason: m.recommendation === 'fund-lower' ? m.reason || null : null,
        rank: row.ranking.rank ?? Number.MAX_SAFE_INTEGER,
        order: found.length,
      });
    }
  }
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ rank, order, ...r }) => (void rank, void order, r));
}

export function workspace(db: Db, roundId: string, areaId: string, mayAllocate: boolean): AllocationWorkspace {
  const round = roundOf(db, roundId);
  const name = areaName(db, areaId);
  const limit = areaLimit(db, roundId, areaId);
  const names = new Map(
    statement<[], { id: string; name: string }>(db, 'SELECT id, name FROM people')
      .all()
      .map((p) => [p.id, p.name]),
  );
  const recommended = recommendedIn(db, roundId, areaId);
  const listed = new Set(recommended.map((r) => r.applicationId));
  // Amounts held for applications no longer recommended still count: listed after, to be lowered.
  const stray = statement<
    [string, string],
    { id: string; reference: string; organisation_name: string; project_title: string; amount_requested: number }
  >(
    db,
    `SELECT a.id, a.reference, a.organisation_name, a.project_title, a.amount_requested FROM applications a
       JOIN allocations al ON al.application_id = a.id
     WHERE a.round_id = ? AND a.area_id = ? AND a.status != 'withdrawn' AND al.amount_pence > 0 ORDER BY a.reference`,
  )
    .all(roundId, areaId)
    .filter((a) => !listed.has(a.id));
  let running = 0;
  const budget = limit.budgetPence ?? 0;
  const row = (r: Omit<AllocationRow, 'allocatedPence' | 'reason' | 'setBy' | 'runningPence' | 'remainingPence'>): AllocationRow => {
    const held = allocationOf(db, r.applicationId);
    running += held?.amountPence ?? 0;
    return {
      ...r,
      allocatedPence: held?.amountPence ?? null,
      reason: held?.reason ?? null,
      setBy: held ? (names.get(held.setBy) ?? held.setBy) : null,
      runningPence: running,
      remainingPence: budget - running,
    };
  };
  const rows = [
    ...recommended.map(row),
    ...stray.map((a) =>
      row({
        applicationId: a.id,
        reference: a.reference,
        organisationName: a.organisation_name,
        projectTitle: a.project_title,
        rankText: '',
        requestedPence: a.amount_requested,
        recommendation: null,
        recommendedPence: null,
        panelReason: null,
      }),
    ),
  ];
  const allocated = allocatedInArea(db, roundId, areaId);
  const inRound = allocatedInRound(db, roundId);
  const breach = breaches(db, 'allocation').find((b) => b.group === groupOf(roundId, areaId));
  return {
    round: {
      id: round.id,
      name: round.name,
      totalPence: round.total_pence,
      tolerancePercent: round.tolerance_percent,
      allocatedPence: inRound,
    },
    area: { id: areaId, name },
    areas: statement<[string], { id: string; name: string; amount_pence: number }>(
      db,
      `SELECT b.area_id AS id, coalesce(a.name, b.area_id) AS name, b.amount_pence FROM round_budgets b
         LEFT JOIN areas a ON a.id = b.area_id WHERE b.round_id = ? ORDER BY 2`,
    )
      .all(roundId)
      .map((a) => ({ id: a.id, name: a.name, budgetPence: a.amount_pence })),
    budgetPence: limit.budgetPence,
    ceilingPence: limit.ceilingPence,
    allocatedPence: allocated,
    remainingPence: budget - allocated,
    allocatedElsewherePence: inRound - allocated,
    fund: { name: round.fund_name ?? '', minAwardPence: round.min_award_pence, maxAwardPence: round.max_award_pence },
    rows,
    breach: breach ? { totalPence: breach.total, limitPence: breach.limit, raisedAt: breach.raisedAt } : null,
    mayAllocate,
  };
}
