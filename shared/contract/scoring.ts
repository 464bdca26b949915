import { z } from 'zod';
import type { RubricRecord } from '../domain/rubric';
import { interestNature, scoreComment } from '../domain/panels';
import type { ApplicationDetail } from './applications';
import { method } from './method';

const applicationId = z.string('Choose an application').min(1, 'Choose an application').max(100);
const level = z
  .number('Choose a score')
  .int('Choose a whole-number score')
  .min(0, 'A score cannot be below 0')
  .max(5, 'A score cannot be above 5');

export interface OwnScore {
  criterionId: string;
  level: number | null;
  comment: string;
  /** Given against another version (or an earlier draft) of the rubric: it does not count, score again. */
  stale: boolean;
}

export interface MemberScores {
  memberId: string;
  name: string;
  submitted: boolean;
  /** Typed in from their paper sheet, by whom. */
  typedBy: string | null;
  scores: OwnScore[];
}

export interface ScoringSheet {
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  panel: { id: string; name: string };
  roundName: string;
  /** The application in full: null until the reader has declared no interest. */
  application: ApplicationDetail | null;
  rubric: RubricRecord | null;
  declaration: { state: 'undeclared' | 'none' | 'interest'; natures: string[]; disputed: boolean };
  mine: OwnScore[];
  submitted: boolean;
  /** Why the reader cannot score it now (ineligible, withdrawn, no rubric yet, an interest, already submitted); null if they can. */
  cannotScore: string | null;
  /** The other members' scores: null until the reader may see them (after submitting their own). */
  others: MemberScores[] | null;
  /** The reader's progress on their panel: applications submitted of those they may score. */
  progress: { submitted: number; total: number };
  previous: string | null;
  next: string | null;
}

export const scoring = {
  'scoring.sheet': method<ScoringSheet>()(z.object({ applicationId })),
  'scoring.declare': method<ScoringSheet['declaration']>()(
    z
      .object({ applicationId, interest: z.boolean('Say whether you have an interest'), nature: interestNature.default('') })
      .refine((d) => !d.interest || d.nature.length > 0, { path: ['nature'], message: 'Say what the interest is' }),
  ),
  /** One score, saved as it is entered; a null level clears it. */
  'scoring.enter': method<OwnScore>()(
    z.object({ applicationId, criterionId: z.string().min(1).max(40), level: level.nullable(), comment: scoreComment.default('') }),
  ),
  'scoring.submit': method<{ submitted: true }>()(z.object({ applicationId })),
  /** A paper sheet typed in by an officer: the member's declaration and scores, each recording who typed it. */
  'scoring.fromPaper': method<{ entered: number }>()(
    z
      .object({
        applicationId,
        memberId: z.string('Choose whose sheet it is').min(1, 'Choose whose sheet it is').max(100),
        interest: z.boolean('Say whether the sheet declares an interest'),
        nature: interestNature.default(''),
        scores: z
          .array(z.object({ criterionId: z.string().min(1).max(40), level: level.nullable(), comment: scoreComment.default('') }))
          .max(40),
        submit: z.boolean().default(true),
      })
      .refine((d) => !d.interest || d.nature.length > 0, { path: ['nature'], message: 'Say what the interest on the sheet is' }),
  ),
};
