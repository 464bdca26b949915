// Panels: who scores a round's applications in which areas, who chairs, how many must score each.
// Declarations of interest and scores belong to one member and one application.
import { z } from 'zod';
import { freeText, singleLine } from './text';

export interface Panel {
  id: string;
  roundId: string;
  name: string;
  /** A member of the panel who moderates; none yet is allowed while it is set up. */
  chairId: string | null;
  /** The fewest members who must score an application for its scores to count. */
  quorum: number;
  areaIds: string[];
  memberIds: string[];
}

export const MAX_PANEL_MEMBERS = 30;

export const panelName = singleLine(
  z.string('Enter the panel’s name').trim().min(1, 'Enter the panel’s name').max(120, 'The panel’s name must be 120 characters or fewer'),
  'The panel’s name',
);
export const quorumSchema = z
  .number('Enter the quorum as a whole number')
  .int('Enter the quorum as a whole number')
  .min(1, 'The quorum must be 1 or more')
  .max(MAX_PANEL_MEMBERS, `The quorum must be ${MAX_PANEL_MEMBERS} or fewer`);

/** What a member declares about one application before reading it in full. */
export const interestNature = freeText(
  z.string().trim().max(500, 'The nature of the interest must be 500 characters or fewer'),
  'The nature of the interest',
);

/** A score's comment: required at the lowest and the highest level. */
export const scoreComment = freeText(z.string().trim().max(2000, 'A comment must be 2,000 characters or fewer'), 'The comment');

/** Whether a level needs a comment: the lowest and the highest of the scale. */
export function commentRequired(level: number | null, scale: number): boolean {
  return level === 0 || level === scale;
}

/** A gate is answered as a level: 1 passes, 0 fails. */
export const GATE_PASS = 1;
export const GATE_FAIL = 0;

export const RECOMMENDATIONS = {
  'fund-in-full': 'Fund in full',
  'fund-lower': 'Fund a lower amount',
  decline: 'Decline',
  defer: 'Defer',
} as const;
export type Recommendation = keyof typeof RECOMMENDATIONS;
export const RECOMMENDATION_IDS = Object.keys(RECOMMENDATIONS) as [Recommendation, ...Recommendation[]];

/** What the chair records for one application: moderated levels and gates, rationales, and the recommendation. */
export interface Moderation {
  applicationId: string;
  panelId: string;
  rubricVersion: number;
  /** A level for every criterion. */
  levels: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  /** Why a moderated level differs from the members' mean, by criterion. */
  rationales: Record<string, string>;
  recommendation: Recommendation;
  /** For fund-lower: the amount recommended, in pence. */
  amountPence: number | null;
  /** Required for fund-lower and decline. */
  reason: string;
}

export const moderationReason = freeText(z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer'), 'The reason');
export const rationaleText = freeText(z.string().trim().max(2000, 'A rationale must be 2,000 characters or fewer'), 'The rationale');

/** Whether a moderated level needs a rationale: it is not one of the whole numbers either side of the members' mean. */
export function rationaleRequired(level: number, meanLevel: number | null): boolean {
  if (meanLevel === null) return false;
  return level !== Math.floor(meanLevel) && level !== Math.ceil(meanLevel);
}
