// Eligibility screening: a round's applications with the automatic checks made, the screening
// standing on each, and recording one application's screening.
import { z } from 'zod';
import {
  AUTOMATIC_CHECK_IDS,
  MAX_OFFICER_CHECKS,
  overrideReasonSchema,
  toldApplicantSchema,
  type AutomaticResult,
  type ScreenedCheck,
  type ScreeningResult,
} from '../domain/eligibility';
import type { OfficerCheck } from '../domain/catalogue';
import { method } from './method';

/** A screening as recorded: by whom, on which laptop, when. */
export interface ScreeningView {
  /** The screening's event (its hash): what a later screening supersedes. */
  id: string;
  result: ScreeningResult;
  checks: ScreenedCheck[];
  toldApplicant: string;
  by: string;
  on: string;
  at: string;
}

export interface ScreeningRow {
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  amountRequested: number;
  /** The automatic checks as the fund and round stand now. */
  automatic: AutomaticResult[];
  /** The screening in effect, or null if not screened yet. */
  standing: ScreeningView | null;
  /** Two or more laptops screened it differently: every screening standing, for a person to settle. */
  disputed: ScreeningView[];
}

export interface RoundScreening {
  roundId: string;
  roundName: string;
  fundName: string;
  /** "1 Apr 2027 to 31 Mar 2028", or null when the round has none. */
  spendingWindow: string | null;
  /** The fund's checks an officer confirms, in order: answers are given in this order. */
  officerChecks: OfficerCheck[];
  rows: ScreeningRow[];
  counts: { applications: number; screened: number; eligible: number; ineligible: number; disputed: number };
}

/** An application two laptops screened differently, still to be settled. */
export interface DisputedScreening {
  applicationId: string;
  reference: string;
  organisationName: string;
  roundId: string;
  roundName: string;
}

const id = z.string('Choose an application').min(1, 'Choose an application').max(100);

export const screening = {
  /** Every application in the round still in the running (withdrawn ones are not screened). */
  'screening.round': method<RoundScreening>()(z.object({ roundId: z.string('Choose a round').min(1, 'Choose a round').max(100) })),
  /** Every application screened differently on two laptops and not yet settled: the Conflicts screen lists them. */
  'screening.disputed': method<DisputedScreening[]>()(z.object({})),
  /**
   * One application's screening: the officer's answer to each of the fund's checks (in order), any
   * failed automatic check set aside with why, and what the applicant is told (blank: the failing
   * checks' sentences). It supersedes every screening standing on the application now.
   */
  'screening.record': method<ScreeningView>()(
    z.object({
      applicationId: id,
      officerAnswers: z.array(z.boolean('Answer yes or no'), 'Answer each check').max(MAX_OFFICER_CHECKS),
      overrides: z
        .array(z.object({ check: z.enum(AUTOMATIC_CHECK_IDS, 'Choose a check from the list'), reason: overrideReasonSchema }))
        .max(AUTOMATIC_CHECK_IDS.length)
        .default([]),
      toldApplicant: toldApplicantSchema.optional(),
    }),
  ),
};
