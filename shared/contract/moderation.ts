import { z } from 'zod';
import type { RubricRecord } from '../domain/rubric';
import { moderationReason, rationaleText, RECOMMENDATION_IDS, type Moderation } from '../domain/panels';
import type { ApplicationScores } from '../domain/scoring';
import type { RankedRow } from '../domain/ranking';
import { method } from './method';

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

export interface CountedMember {
  memberId: string;
  name: string;
  submitted: boolean;
  /** Typed in from their paper sheet, by whom. */
  typedBy: string | null;
  levels: Record<string, number | null>;
  gates: Record<string, 'pass' | 'fail' | null>;
  comments: Record<string, string>;
}

export interface LeftOutMember {
  memberId: string;
  name: string;
  /** "Declared an interest: trustee of the group", "Has not declared", "Scored against version 1 of the rubric". */
  reason: string;
}

export interface ModeratedModeration extends Moderation {
  id: string;
  recordedAt: string;
  recordedBy: string;
}

export interface ModerationRow {
  id: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  amountRequested: number;
  /** Null where the reader takes no part (they declared an interest): nothing of its scores is shown. */
  scores: ApplicationScores | null;
  members: CountedMember[];
  /** Members who take no part: an interest, or no declaration. Their absence is recorded. */
  absent: LeftOutMember[];
  /** Scores entered but not counted: an interest declared after scoring, or scored against another rubric. */
  excluded: LeftOutMember[];
  /** The moderation standing, or null; several when two disagree (the chair records one that settles them). */
  moderation: ModeratedModeration | null;
  disagreeing: ModeratedModeration[];
  /** Earlier moderations superseded: kept, counted here. */
  superseded: number;
  ranking: RankedRow;
  /** The reader may record a moderation for it now. */
  mayModerate: boolean;
}

export interface ModerationView {
  panel: { id: string; name: string; roundName: string; quorum: number; chairName: string | null };
  open: boolean;
  /** The reader chairs the panel. */
  chair: boolean;
  rubric: RubricRecord | null;
  /** In ranking order: ranked, then excluded by a gate, then not ranked yet. */
  applications: ModerationRow[];
  /** Each member's mean and spread across the round, as normalisation uses them. */
  members: { memberId: string; name: string; count: number; meanText: string; deviationText: string; noteText: string | null }[];
}

export const moderationInputSchema = z
  .object({
    applicationId: id('an application'),
    levels: z.record(z.string().max(40), z.number('Choose a level').int('Choose a whole-number level').min(0).max(5)),
    gates: z.record(z.string().max(40), z.enum(['pass', 'fail'], 'Say whether it passes')),
    rationales: z.record(z.string().max(40), rationaleText).default({}),
    recommendation: z.enum(RECOMMENDATION_IDS, 'Choose a recommendation'),
    amountPence: z.number().int('Enter the amount in whole pence').min(1, 'Enter an amount more than £0').nullable().default(null),
    reason: moderationReason.default(''),
  })
  .superRefine((m, ctx) => {
    if (m.recommendation === 'fund-lower' && m.amountPence === null)
      ctx.addIssue({ code: 'custom', path: ['amountPence'], message: 'Enter the lower amount to recommend' });
    if ((m.recommendation === 'fund-lower' || m.recommendation === 'decline') && !m.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: m.recommendation === 'decline' ? 'Say why it should be declined' : 'Say why a lower amount',
      });
  });

export const moderation = {
  'moderation.view': method<ModerationView>()(z.object({ panelId: id('a panel') })),
  'moderation.open': method<{ open: true }>()(z.object({ panelId: id('a panel') })),
  'moderation.record': method<ModeratedModeration>()(moderationInputSchema),
};
