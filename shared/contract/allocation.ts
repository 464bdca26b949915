import { z } from 'zod';
import type { Recommendation } from '../domain/panels';
import type { AwardBasis } from '../domain/allocation';
import { allocationReason } from '../domain/allocation';
import { method } from './method';

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

/** One application in the allocation workspace, in the panel's rank order. */
export interface AllocationRow {
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  /** "1", "=2"; "" when not ranked. */
  rankText: string;
  requestedPence: number;
  /** The panel's moderated recommendation; null when it is no longer recommended but still holds an amount. */
  recommendation: Extract<Recommendation, 'fund-in-full' | 'fund-lower'> | null;
  /** What the panel recommended: everything asked for, or its lower amount. */
  recommendedPence: number | null;
  /** The panel's reason for a lower amount. */
  panelReason: string | null;
  /** The amount set, or null when none has been. */
  allocatedPence: number | null;
  reason: string | null;
  setBy: string | null;
  /** Allocated so far down the ranking, this row included, and what that leaves of the budget. */
  runningPence: number;
  remainingPence: number;
}

export interface AllocationWorkspace {
  round: { id: string; name: string; totalPence: number | null; tolerancePercent: number; allocatedPence: number };
  area: { id: string; name: string };
  /** The round's areas with a budget, for choosing one. */
  areas: { id: string; name: string; budgetPence: number }[];
  budgetPence: number | null;
  /** Budget plus tolerance: what the area's allocations may reach. */
  ceilingPence: number;
  allocatedPence: number;
  /** Budget less allocated: negative when the tolerance is in use. */
  remainingPence: number;
  /** What the round's other areas are allocated. */
  allocatedElsewherePence: number;
  fund: { name: string; minAwardPence: number | null; maxAwardPence: number | null };
  rows: AllocationRow[];
  /** Two laptops' allocations that together pass budget plus tolerance: for a person to lower. */
  breach: { totalPence: number; limitPence: number; raisedAt: string } | null;
  mayAllocate: boolean;
}

/** An area whose allocations, from two laptops, together pass its budget plus tolerance. */
export interface Overspend {
  roundId: string;
  roundName: string;
  areaId: string;
  areaName: string;
  totalPence: number;
  limitPence: number;
}

export interface SuggestedAmount {
  applicationId: string;
  amountPence: number;
  basis: AwardBasis;
}

export const allocationSetSchema = z
  .object({
    applicationId: id('an application'),
    amountPence: z
      .number('Enter the amount in pounds and pence')
      .int('Enter the amount in whole pence')
      .min(0, 'The amount cannot be negative — enter £0 not to fund it')
      .max(100_000_000_000, 'Enter a smaller amount'),
    reason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), allocationReason.nullable()).default(null),
  })
  .strict();

export const allocation = {
  'allocation.workspace': method<AllocationWorkspace>()(z.object({ roundId: id('a round'), areaId: id('an area') })),
  /** Fills the area's budget in rank order; refused until `confirmed` where it would replace amounts already set. */
  'allocation.suggest': method<{ written: number; amounts: SuggestedAmount[] }>()(
    z.object({ roundId: id('a round'), areaId: id('an area'), confirmed: z.boolean().default(false) }),
  ),
  'allocation.set': method<{ applicationId: string; amountPence: number; reason: string | null }>()(allocationSetSchema),
  /** Areas whose allocations pass budget plus tolerance, for the Conflicts screen. */
  'allocation.overspent': method<Overspend[]>()(z.object({})),
};
