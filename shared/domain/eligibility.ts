// Eligibility screening: a fund's checklist, the checks GrantPanel makes from the application
// itself, and what a screening records. Pure: the core, the screen and the tests share it.
import { z } from 'zod';
import { MAX_OFFICER_CHECKS, officerCheckSchema, ORGANISATION_TYPES, type OfficerCheck, type OrganisationType } from './catalogue';
import { formatDate } from './dates';
import { formatPence } from './money';
import { freeText } from './text';

export { officerCheckSchema, MAX_OFFICER_CHECKS, type OfficerCheck };

/**
 * The checks an officer confirms, as the OPCC's published eligibility words them, for the funds
 * GrantPanel ships with. A fund whose checklist was never edited uses these.
 */
export const DEFAULT_OFFICER_CHECKS: Record<string, OfficerCheck[]> = {
  acf: [
    {
      question: 'Not for an individual, sponsorship, trips or fundraising',
      failSentence: 'The Active Citizens Fund does not fund individuals, sponsorship, trips or fundraising.',
    },
    { question: 'No salaries', failSentence: 'The Active Citizens Fund does not fund salaries.' },
    {
      question: 'The project benefits the area’s residents',
      failSentence: 'Projects must benefit the residents of the area the application is made to.',
    },
  ],
  csf: [
    {
      question: 'Not a statutory service or a post partners must provide',
      failSentence: 'The Community Safety Fund cannot fund statutory services or posts that partners must provide.',
    },
    {
      question: 'Spent within the financial year',
      failSentence: 'Community Safety Fund money must be spent within the financial year.',
    },
  ],
};

export const officerChecksOf = (fundId: string, held: OfficerCheck[] | null): OfficerCheck[] =>
  held ?? DEFAULT_OFFICER_CHECKS[fundId] ?? [];

/** The Active Citizens Fund is for community and voluntary sector organisations; the others list none (all allowed). */
export const DEFAULT_ORGANISATION_TYPES: Record<string, OrganisationType[]> = {
  acf: ['community-group', 'charity', 'cio', 'cic', 'company-limited-by-guarantee', 'faith-group', 'tenants-association'],
};

export const organisationTypesOf = (fundId: string, held: OrganisationType[] | null): OrganisationType[] =>
  held ?? DEFAULT_ORGANISATION_TYPES[fundId] ?? [];

/** The checks made from the application, in the order the screen shows them. */
export const AUTOMATIC_CHECKS = {
  amount: 'Amount within the fund’s limits',
  constituted: 'Properly constituted',
  bank: 'Bank account with two signatories',
  organisationType: 'Type of organisation allowed',
  dates: 'Project dates inside the spending window',
} as const;
export type AutomaticCheckId = keyof typeof AUTOMATIC_CHECKS;
export const AUTOMATIC_CHECK_IDS = Object.keys(AUTOMATIC_CHECKS) as [AutomaticCheckId, ...AutomaticCheckId[]];

/** What the automatic checks read of an application. */
export interface ScreenedFacts {
  amountRequested: number;
  constituted: boolean;
  bankTwoSignatories: boolean;
  organisationType: OrganisationType;
  startDate: string;
  endDate: string;
}

/** What the automatic checks read of the fund and round. */
export interface ScreeningRules {
  fundName: string;
  minAwardPence: number | null;
  maxAwardPence: number | null;
  /** None listed: every type is allowed. */
  organisationTypes: readonly OrganisationType[];
  spendFrom: string | null;
  spendBy: string | null;
}

export interface AutomaticResult {
  check: AutomaticCheckId;
  label: string;
  passed: boolean;
  /** What was found, in words: "£4,800.00 asked; limits £250.00 to £5,000.00". */
  detail: string;
  /** What the applicant is told if it fails. */
  failSentence: string;
}

/** The automatic checks, each passed or failed with what it found. Limits are inclusive. */
export function automaticChecks(a: ScreenedFacts, rules: ScreeningRules): AutomaticResult[] {
  const { minAwardPence: min, maxAwardPence: max } = rules;
  const limits =
    min !== null && max !== null
      ? `limits ${formatPence(min)} to ${formatPence(max)}`
      : min !== null
        ? `minimum ${formatPence(min)}`
        : max !== null
          ? `maximum ${formatPence(max)}`
          : 'no limits set';
  const tooLow = min !== null && a.amountRequested < min;
  const tooHigh = max !== null && a.amountRequested > max;
  const allowed = rules.organisationTypes.length === 0 || rules.organisationTypes.includes(a.organisationType);
  const window = spendingWindow(rules);
  const early = rules.spendFrom !== null && a.startDate < rules.spendFrom;
  const late = rules.spendBy !== null && a.endDate > rules.spendBy;
  const result = (check: AutomaticCheckId, passed: boolean, detail: string, failSentence: string): AutomaticResult => ({
    check,
    label: AUTOMATIC_CHECKS[check],
    passed,
    detail,
    failSentence,
  });
  return [
    result(
      'amount',
      !tooLow && !tooHigh,
      `${formatPence(a.amountRequested)} asked; ${limits}`,
      tooLow
        ? `The ${rules.fundName} makes awards of ${formatPence(min ?? 0)} or more; the application asks for ${formatPence(a.amountRequested)}.`
        : `The ${rules.fundName} makes awards of up to ${formatPence(max ?? 0)}; the application asks for ${formatPence(a.amountRequested)}.`,
    ),
    result(
      'constituted',
      a.constituted,
      a.constituted ? 'Says it is properly constituted' : 'Says it is not properly constituted',
      'The fund can only support properly constituted groups.',
    ),
    result(
      'bank',
      a.bankTwoSignatories,
      a.bankTwoSignatories ? 'Has a bank account with two signatories' : 'No bank account with two signatories',
      'The group must have its own bank account with at least two signatories, or an umbrella body that holds the money.',
    ),
    result(
      'organisationType',
      allowed,
      `${ORGANISATION_TYPES[a.organisationType]}${allowed ? '' : ' — not a type this fund supports'}`,
      `The ${rules.fundName} does not fund a ${ORGANISATION_TYPES[a.organisationType].toLowerCase()}.`,
    ),
    result(
      'dates',
      !early && !late,
      window === null ? 'The round has no spending window' : `${formatDate(a.startDate)} to ${formatDate(a.endDate)}; window ${window}`,
      `The project must run within the round’s spending window (${window ?? 'as published'}).`,
    ),
  ];
}

/** "1 Apr 2026 to 31 Mar 2027", "from 1 Apr 2026", "by 31 Mar 2027", or null for none. */
export function spendingWindow(r: Pick<ScreeningRules, 'spendFrom' | 'spendBy'>): string | null {
  if (r.spendFrom && r.spendBy) return `${formatDate(r.spendFrom)} to ${formatDate(r.spendBy)}`;
  if (r.spendFrom) return `from ${formatDate(r.spendFrom)}`;
  if (r.spendBy) return `by ${formatDate(r.spendBy)}`;
  return null;
}

export const SCREENING_RESULTS = ['eligible', 'ineligible'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

/** Why an automatic check that failed is set aside ("an umbrella body holds the money"). */
export const overrideReasonSchema = freeText(
  z
    .string('Say why this check is set aside')
    .trim()
    .min(1, 'Say why this check is set aside, like “An umbrella body holds the money”')
    .max(500, 'The reason must be 500 characters or fewer'),
  'The reason',
);

export const toldApplicantSchema = freeText(
  z.string().trim().max(2000, 'What the applicant is told must be 2,000 characters or fewer'),
  'What the applicant is told',
);

/** One check as the officer settled it. */
export interface ScreenedCheck {
  /** An automatic check's id, or `officer:<n>` for the fund's n-th officer check. */
  id: string;
  question: string;
  passed: boolean;
  /** An automatic check that failed, set aside by the officer: why. */
  overrideReason: string | null;
  failSentence: string;
}

/** Eligible when every check passed or, failing automatically, was set aside with a reason. */
export function resultOf(checks: readonly Pick<ScreenedCheck, 'passed' | 'overrideReason'>[]): ScreeningResult {
  return checks.every((c) => c.passed || c.overrideReason !== null) ? 'eligible' : 'ineligible';
}

/** What the applicant is told by default: each failing check's sentence, one a line. */
export function sentenceFor(checks: readonly Pick<ScreenedCheck, 'passed' | 'overrideReason' | 'failSentence'>[]): string {
  return checks
    .filter((c) => !c.passed && c.overrideReason === null)
    .map((c) => c.failSentence)
    .join('\n');
}
