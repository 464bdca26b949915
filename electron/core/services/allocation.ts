// Allocation: amounts for the panels' recommended applications within each area's budget (plus the
// round's tolerance) and the round's total. "Suggest allocation" fills an area in rank order
// (shared/domain/allocation.ts); an officer then changes any amount, giving a reason for a reduced
// one (it appears in the offer letter). Every write is one transaction; a refusal writes nothing.
import type { ParsedInput } from '../../../shared/contract';
import type { Overspend, SuggestedAmount } from '../../../shared/contract/allocation';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { suggestAllocation, type SuggestedAward } from '../../../shared/domain/allocation';
import { formatPence } from '../../../shared/domain/money';
import { authorise, can } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import { statement } from '../db/statements';
import type { Db } from '../db/open';
import { breaches, wouldPass } from '../merge/totals';
import { allocatedInArea, allocatedInRound, allocationOf, allocationTotal, areaLimit, groupOf } from '../allocation/allocations';
import { areaName, recommendedIn, roundOf, workspace, type Recommended } from '../allocation/workspace';

/** "over its budget of £45,000.00 plus 10% (£49,500.00)" */
function limitText(budgetPence: number, tolerancePercent: number, ceilingPence: number): string {
  return tolerancePercent > 0
    ? `over its budget of ${formatPence(budgetPence)} plus ${tolerancePercent}% (${formatPence(ceilingPence)})`
    : `over its budget of ${formatPence(budgetPence)}`;
}

function refuse(field: string, message: string): never {
  throw new DomainError('VALIDATION', message, [{ field, message }]);
}

/** Why changing this application's amount by `delta` would pass a limit (area, then round); or null. */
function overLimit(db: Db, roundId: string, areaId: string, delta: number): string | null {
  if (delta <= 0) return null;
  const limit = areaLimit(db, roundId, areaId);
  const name = areaName(db, areaId);
  if (limit.budgetPence === null) return `The round has no budget for ${name} — add one on the round form first`;
  if (wouldPass(db, allocationTotal, groupOf(roundId, areaId), delta))
    return `This takes ${name} to ${formatPence(allocatedInArea(db, roundId, areaId) + delta)}, ${limitText(limit.budgetPence, limit.tolerancePercent, limit.ceilingPence)}`;
  const round = roundOf(db, roundId);
  const inRound = allocatedInRound(db, roundId) + delta;
  if (round.total_pence !== null && inRound > round.total_pence)
    return `This takes ${round.name} to ${formatPence(inRound)}, over its round total of ${formatPence(round.total_pence)}`;
  return null;
}

const REASONS: Partial<
  Record<SuggestedAward['basis'], (r: Recommended, amount: number, ctx: { min: number | null; max: number | null }) => string>
> = {
  capped: (_, __, f) => `The fund’s maximum award is ${formatPence(f.max ?? 0)}`,
  partial: (r, amount) => `The area’s budget had ${formatPence(amount)} left after higher-ranked applications`,
  'not-funded': () => 'The area’s budget was used by higher-ranked applications',
  'below-minimum': (_, __, f) => `Less than the fund’s minimum award of ${formatPence(f.min ?? 0)}`,
};

export function suggest(ctx: CoreContext, input: ParsedInput<'allocation.suggest'>): { written: number; amounts: SuggestedAmount[] } {
  authorise(ctx, 'allocate');
  const { roundId, areaId, confirmed } = input;
  const round = roundOf(ctx.db, roundId);
  const limit = areaLimit(ctx.db, roundId, areaId);
  const name = areaName(ctx.db, areaId);
  if (limit.budgetPence === null) refuse('areaId', `The round has no budget for ${name} — add one on the round form first`);
  const recommended = recommendedIn(ctx.db, roundId, areaId);
  if (recommended.length === 0) refuse('areaId', `The panels have recommended no application in ${name} yet`);
  // What the round's other areas hold, including amounts here for applications no longer recommended.
  const heldHere = recommended.reduce((t, r) => t + (allocationOf(ctx.db, r.applicationId)?.amountPence ?? 0), 0);
  const elsewhere = allocatedInRound(ctx.db, roundId) - heldHere;
  const strayHere = allocatedInArea(ctx.db, roundId, areaId) - heldHere;
  const allocation = suggestAllocation(
    recommended.map((r) => ({ applicationId: r.applicationId, requestedPence: r.recommendedPence })),
    {
      budgetPence: Math.max(0, limit.budgetPence - strayHere),
      tolerancePercent: limit.tolerancePercent,
      roundRemainingPence: round.total_pence === null ? null : Math.max(0, round.total_pence - elsewhere),
      minAwardPence: round.min_award_pence,
      maxAwardPence: round.max_award_pence,
    },
  );
  const fund = { min: round.min_award_pence, max: round.max_award_pence };
  const byId = new Map(recommended.map((r) => [r.applicationId, r]));
  const changes = allocation.awards.flatMap((award) => {
    const r = byId.get(award.applicationId)!;
    const held = allocationOf(ctx.db, award.applicationId);
    const reason =
      award.amountPence >= r.requestedPence
        ? null
        : award.basis === 'in-full'
          ? r.panelReason // the panel's lower amount, in full
          : (REASONS[award.basis]?.(r, award.amountPence, fund) ?? null);
    if (held && held.amountPence === award.amountPence && held.reason === reason) return [];
    return [{ award, r, held, reason }];
  });
  const replaced: FieldProblem[] = changes
    .filter((c) => c.held !== null)
    .map((c) => ({
      field: `amounts.${c.award.applicationId}`,
      message: `${c.r.reference} ${c.r.organisationName}: ${formatPence(c.held!.amountPence)} would become ${formatPence(c.award.amountPence)}`,
    }));
  if (replaced.length > 0 && !confirmed)
    throw new DomainError('NEEDS_CONFIRMATION', 'The suggestion would replace amounts already set — check them, then confirm', replaced);
  if (changes.length > 0)
    write(ctx, () => {
      for (const c of changes)
        ctx.log.append(ctx.person.id, 'allocation.set', `allocation:${c.award.applicationId}`, {
          applicationId: c.award.applicationId,
          amountPence: c.award.amountPence,
          reason: c.reason,
        });
    });
  return {
    written: changes.length,
    amounts: allocation.awards.map((a) => ({ applicationId: a.applicationId, amountPence: a.amountPence, basis: a.basis })),
  };
}

export function setAllocation(
  ctx: CoreContext,
  input: ParsedInput<'allocation.set'>,
): { applicationId: string; amountPence: number; reason: string | null } {
  authorise(ctx, 'allocate');
  const { applicationId, amountPence } = input;
  const app = statement<[string], { round_id: string; area_id: string; amount_requested: number; status: string; reference: string }>(
    ctx.db,
    'SELECT round_id, area_id, amount_requested, status, reference FROM applications WHERE id = ?',
  ).get(applicationId);
  if (!app) throw new DomainError('NOT_FOUND', 'That application is not in the register');
  if (app.status === 'withdrawn' && amountPence > 0) refuse('amountPence', `${app.reference} has been withdrawn — it cannot be funded`);
  const round = roundOf(ctx.db, app.round_id);
  const recommended = recommendedIn(ctx.db, app.round_id, app.area_id).find((r) => r.applicationId === applicationId);
  if (amountPence > 0 && !recommended)
    refuse('amountPence', `The panel has not recommended ${app.reference} for funding — only recommended applications are allocated`);
  if (amountPence > app.amount_requested)
    refuse('amountPence', `Enter no more than the ${formatPence(app.amount_requested)} ${app.reference} asked for`);
  if (amountPence > 0 && round.min_award_pence !== null && amountPence < round.min_award_pence)
    refuse('amountPence', `Enter at least the fund’s minimum award of ${formatPence(round.min_award_pence)}, or £0 not to fund it`);
  if (round.max_award_pence !== null && amountPence > round.max_award_pence)
    refuse('amountPence', `Enter no more than the fund’s maximum award of ${formatPence(round.max_award_pence)}`);
  const recommendedPence = recommended?.recommendedPence ?? app.amount_requested;
  // A reason is needed below the panel's recommendation; at it, the panel's own reason for a lower amount stands.
  let reason = amountPence >= app.amount_requested ? null : input.reason;
  if (amountPence < recommendedPence && reason === null)
    refuse('reason', 'Say why the amount is lower than recommended — the reason appears in the offer letter');
  if (reason === null && amountPence < app.amount_requested) reason = recommended?.panelReason ?? null;
  const held = allocationOf(ctx.db, applicationId);
  const over = overLimit(ctx.db, app.round_id, app.area_id, amountPence - (held?.amountPence ?? 0));
  if (over) refuse('amountPence', over);
  const result = { applicationId, amountPence, reason };
  if (held && held.amountPence === amountPence && held.reason === reason) return result;
  write(ctx, () => ctx.log.append(ctx.person.id, 'allocation.set', `allocation:${applicationId}`, result));
  return result;
}

function overspent(db: Db): Overspend[] {
  return breaches(db, 'allocation').map((b) => {
    const at = b.group.lastIndexOf('/');
    const roundId = b.group.slice(0, at);
    const areaId = b.group.slice(at + 1);
    const round = statement<[string], { name: string }>(db, 'SELECT name FROM rounds WHERE id = ?').get(roundId);
    const area = statement<[string], { name: string }>(db, 'SELECT name FROM areas WHERE id = ?').get(areaId);
    return { roundId, roundName: round?.name ?? roundId, areaId, areaName: area?.name ?? areaId, totalPence: b.total, limitPence: b.limit };
  });
}

export const allocationHandlers: Handlers<'allocation.workspace' | 'allocation.suggest' | 'allocation.set' | 'allocation.overspent'> = {
  'allocation.workspace': ({ roundId, areaId }, ctx) => {
    authorise(ctx, 'read-scores');
    return workspace(ctx.db, roundId, areaId, can(ctx.person, 'allocate'));
  },
  'allocation.suggest': (input, ctx) => suggest(ctx, input),
  'allocation.set': (input, ctx) => setAllocation(ctx, input),
  'allocation.overspent': (_, ctx) => {
    authorise(ctx, 'read-register');
    return overspent(ctx.db);
  },
};
