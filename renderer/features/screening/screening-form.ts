// One application's screening as the officer fills it in, and how it becomes what the core records.
import type { FieldProblem } from '../../../shared/contract/result';
import type { Input } from '../../../shared/contract';
import type { ScreeningRow } from '../../../shared/contract/screening';
import type { OfficerCheck } from '../../../shared/domain/catalogue';
import { resultOf, sentenceFor, type AutomaticCheckId, type ScreeningResult } from '../../../shared/domain/eligibility';

export interface ScreeningFormValues {
  /** Each of the fund's checks: yes, no, or not answered yet. */
  answers: (boolean | null)[];
  /** A failed automatic check set aside: ticked, and why. */
  overrides: Partial<Record<AutomaticCheckId, { on: boolean; reason: string }>>;
  toldApplicant: string;
  /** Set once the officer types their own words: the sentence stops following the answers. */
  toldEdited: boolean;
}

/** Starts from the screening standing, if any; otherwise nothing answered. */
export function startingValues(row: ScreeningRow, checks: OfficerCheck[]): ScreeningFormValues {
  const standing = row.standing;
  const answers = checks.map((_, i) => standing?.checks.find((c) => c.id === `officer:${i}`)?.passed ?? null);
  const overrides: ScreeningFormValues['overrides'] = {};
  for (const c of standing?.checks ?? []) {
    const failedNow = row.automatic.find((a) => a.check === c.id && !a.passed);
    if (c.overrideReason && failedNow) overrides[failedNow.check] = { on: true, reason: c.overrideReason };
  }
  const values: ScreeningFormValues = { answers, overrides, toldApplicant: '', toldEdited: false };
  return standing?.result === 'ineligible'
    ? { ...values, toldApplicant: standing.toldApplicant, toldEdited: true }
    : { ...values, toldApplicant: suggestedSentence(row, checks, values) };
}

/** The checks as they would be recorded, an unanswered question counting as not failed yet. */
function checksOf(row: ScreeningRow, checks: OfficerCheck[], v: ScreeningFormValues) {
  return [
    ...row.automatic.map((a) => ({
      passed: a.passed,
      overrideReason: !a.passed && v.overrides[a.check]?.on ? v.overrides[a.check]!.reason || 'set aside' : null,
      failSentence: a.failSentence,
    })),
    ...checks.map((c, i) => ({ passed: v.answers[i] !== false, overrideReason: null, failSentence: c.failSentence })),
  ];
}

export const suggestedSentence = (row: ScreeningRow, checks: OfficerCheck[], v: ScreeningFormValues) =>
  sentenceFor(checksOf(row, checks, v));

/** What the screening will say once every question is answered. */
export const resultSoFar = (row: ScreeningRow, checks: OfficerCheck[], v: ScreeningFormValues): ScreeningResult =>
  resultOf(checksOf(row, checks, v));

/** Where each problem's link goes. */
export function screeningFieldId(field: string, row: ScreeningRow): string {
  const answer = /^officerAnswers(?:\.(\d+))?$/.exec(field);
  if (answer) return `screen-answer-${answer[1] ?? 0}-yes`;
  const override = /^overrides\.(\d+)\.(reason|check)$/.exec(field);
  if (override) {
    const failed = row.automatic.filter((a) => !a.passed);
    return `screen-override-${failed[Number(override[1])]?.check ?? 'none'}-reason`;
  }
  const ours = /^override\.(\w+)$/.exec(field);
  if (ours) return `screen-override-${ours[1]}-reason`;
  if (field === 'toldApplicant') return 'screen-told';
  return 'screen-save';
}

/** The form checked as typed: every question answered, every set-aside with its reason. */
export function checkScreening(
  row: ScreeningRow,
  checks: OfficerCheck[],
  v: ScreeningFormValues,
): { input: Input<'screening.record'> | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  v.answers.forEach((a, i) => {
    if (a === null) problems.push({ field: `officerAnswers.${i}`, message: `Answer yes or no: ${checks[i]?.question ?? 'this check'}` });
  });
  const failed = row.automatic.filter((a) => !a.passed);
  const overrides = failed.flatMap((a) => {
    const o = v.overrides[a.check];
    if (!o?.on) return [];
    if (!o.reason.trim()) {
      problems.push({
        field: `override.${a.check}`,
        message: `Say why “${a.label}” is set aside, like “An umbrella body holds the money”`,
      });
      return [];
    }
    return [{ check: a.check, reason: o.reason }];
  });
  const result = resultSoFar(row, checks, v);
  if (result === 'ineligible' && !v.toldApplicant.trim())
    problems.push({ field: 'toldApplicant', message: 'Enter what the applicant will be told — why the application is not eligible' });
  if (problems.length > 0) return { input: null, problems };
  return {
    input: {
      applicationId: row.applicationId,
      officerAnswers: v.answers.map((a) => a === true),
      overrides,
      toldApplicant: result === 'ineligible' ? v.toldApplicant : '',
    },
    problems,
  };
}
