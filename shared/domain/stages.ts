// Where an application has got to (issue 12, "Statuses"): derived from the facts the log holds,
// never typed in. Withdrawn wins; otherwise the furthest stage reached along
//   received → eligible | ineligible → scored → recommended | not recommended
//            → approved | amended | declined → offered → accepted.
// docs/statuses.md says why each rule is as it is.
import type { Decision } from './decisions';
import type { ScreeningResult } from './eligibility';
import type { Recommendation } from './panels';

export const STAGES = {
  received: 'Received',
  eligible: 'Eligible',
  ineligible: 'Not eligible',
  scored: 'Scored',
  recommended: 'Recommended',
  'not-recommended': 'Not recommended',
  approved: 'Approved',
  amended: 'Approved, amended',
  declined: 'Declined',
  offered: 'Offered',
  accepted: 'Accepted',
  withdrawn: 'Withdrawn',
} as const;
export type Stage = keyof typeof STAGES;
/** In the order of the commissioning cycle: the register's filter lists them so. */
export const STAGE_IDS = Object.keys(STAGES) as [Stage, ...Stage[]];

/** The facts of one application a stage is derived from, as the projections hold them. */
export interface StageFacts {
  withdrawn: boolean;
  /** The screening in effect (a disputed one: the earlier, until a person settles it). */
  screening: ScreeningResult | null;
  /** Whether any panel member has submitted scores for it. */
  scoresSubmitted: boolean;
  /** The latest standing moderation's recommendation. */
  recommendation: Recommendation | null;
  /** The latest standing decision (its signature checked as it was projected). */
  decision: { id: string; decision: Decision } | null;
  /** The offer recorded for that decision: an offer made under a superseded decision does not count. */
  offer: { decisionId: string; sentOn: string; acceptedOn: string | null } | null;
}

/** An application with nothing yet beyond itself: received. */
export const NOTHING_YET: StageFacts = {
  withdrawn: false,
  screening: null,
  scoresSubmitted: false,
  recommendation: null,
  decision: null,
  offer: null,
};

const OF_DECISION: Record<Decision, Stage> = { approve: 'approved', amend: 'amended', decline: 'declined' };

export function stageOf(f: StageFacts): Stage {
  if (f.withdrawn) return 'withdrawn';
  if (f.decision) {
    // An offer counts only for the decision standing now: a later decision takes the stage back to it.
    const offer = f.offer && f.offer.decisionId === f.decision.id && f.decision.decision !== 'decline' ? f.offer : null;
    if (offer?.acceptedOn) return 'accepted';
    if (offer) return 'offered';
    return OF_DECISION[f.decision.decision];
  }
  // An application screened ineligible is not scored: scores or a moderation made before the
  // screening said so do not move it on. Only the Chief Executive's decision (above) does.
  if (f.screening === 'ineligible') return 'ineligible';
  if (f.recommendation === 'fund-in-full' || f.recommendation === 'fund-lower') return 'recommended';
  if (f.recommendation === 'decline') return 'not-recommended';
  // Deferred: the panel comes back to it, so it stays scored until a later moderation.
  if (f.recommendation === 'defer' || f.scoresSubmitted) return 'scored';
  if (f.screening === 'eligible') return 'eligible';
  return 'received';
}

/** Whether an offer may be recorded under a decision: only an approval, at the amount asked or amended. */
export function decisionOffers(decision: Decision): boolean {
  return decision !== 'decline';
}
