// Allocation arithmetic: turning an area's ranked recommendations into amounts within its budget.
// Pure and in whole pence, so every laptop, the CLI and the tests suggest the same allocation.
//
// "Suggest allocation" goes down the ranking: each bid gets what it asked for (no more than the
// fund's maximum) while that fits; the first bid that does not fit whole is offered what remains,
// if that is at least the fund's minimum; every bid after it gets nothing. So a lower-ranked bid is
// never funded ahead of a higher-ranked one, and the total never passes the budget plus tolerance.
import { z } from 'zod';
import { freeText } from './text';

/** Why an application is given less than recommended or asked for: it appears in the offer letter. */
export const allocationReason = freeText(
  z.string().trim().min(1, 'Say why the amount is lower').max(1000, 'The reason must be 1,000 characters or fewer'),
  'The reason',
);

/** A recommended application, in rank order (the panel's ranking: first is best). */
export interface Bid {
  applicationId: string;
  requestedPence: number;
}

export interface AllocationLimits {
  /** The area's budget in the round. */
  budgetPence: number;
  /** How far over budget the round may allocate, where underspend is expected: whole percent, 0 by default. */
  tolerancePercent: number;
  /** What is left of the round's own total, where it has one: a second ceiling. */
  roundRemainingPence?: number | null;
  minAwardPence: number | null;
  maxAwardPence: number | null;
}

export type AwardBasis =
  /** Everything asked for. */
  | 'in-full'
  /** Asked for more than the fund's maximum: the maximum. */
  | 'capped'
  /** The first bid that did not fit whole: what remained. */
  | 'partial'
  /** Nothing: the budget was used up, or what remained was below the fund's minimum. */
  | 'not-funded'
  /** Nothing: it asks for less than the fund's minimum award. */
  | 'below-minimum';

export interface SuggestedAward {
  applicationId: string;
  amountPence: number;
  basis: AwardBasis;
}

export interface Allocation {
  awards: SuggestedAward[];
  /** Budget plus tolerance, and no more than the round's remaining total: what the awards may reach. */
  ceilingPence: number;
  allocatedPence: number;
  /** What remains against the budget itself (negative when the tolerance is in use). */
  remainingPence: number;
}

/** Budget plus tolerance (rounded down to the penny), never above what the round has left. */
export function ceilingOf(limits: Pick<AllocationLimits, 'budgetPence' | 'tolerancePercent' | 'roundRemainingPence'>): number {
  const withTolerance = limits.budgetPence + Math.floor((limits.budgetPence * limits.tolerancePercent) / 100);
  const round = limits.roundRemainingPence;
  return Math.max(0, round === null || round === undefined ? withTolerance : Math.min(withTolerance, round));
}

export function suggestAllocation(bids: readonly Bid[], limits: AllocationLimits): Allocation {
  const ceiling = ceilingOf(limits);
  const minimum = Math.max(1, limits.minAwardPence ?? 1);
  let left = ceiling;
  let stopped = false;
  const awards = bids.map((bid): SuggestedAward => {
    const wanted = limits.maxAwardPence === null ? bid.requestedPence : Math.min(bid.requestedPence, limits.maxAwardPence);
    const none: SuggestedAward = { applicationId: bid.applicationId, amountPence: 0, basis: 'not-funded' };
    // Less than the fund gives at all (screening should have caught it): passed over, not a stop.
    if (wanted < minimum) return { ...none, basis: 'below-minimum' };
    if (stopped) return none;
    if (wanted <= left) {
      left -= wanted;
      return { applicationId: bid.applicationId, amountPence: wanted, basis: wanted < bid.requestedPence ? 'capped' : 'in-full' };
    }
    // The first bid that does not fit whole ends the run down the ranking.
    stopped = true;
    if (left < minimum) return none;
    const amount = left;
    left = 0;
    return { applicationId: bid.applicationId, amountPence: amount, basis: 'partial' };
  });
  const allocated = ceiling - left;
  return { awards, ceilingPence: ceiling, allocatedPence: allocated, remainingPence: limits.budgetPence - allocated };
}
