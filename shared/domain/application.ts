// An application as the applicant sent it, the rules it must meet on its own, and the rules it
// must meet against its round (fund maximum, areas, the round's plan).
import { z } from 'zod';
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES, type ApplicationStatus, type Area, type Fund, type Plan, type Round } from './catalogue';
import type { FieldProblem } from '../contract/result';
import { formatPence } from './money';
import { isIsoDate } from './dates';
import { freeText, singleLine } from './text';

/** A name or title: one line. With `lines`, free text such as a summary: line breaks and tabs allowed. */
const rule = (schema: z.ZodString, label: string, lines: boolean) =>
  lines ? freeText(schema, capitalise(label)) : singleLine(schema, capitalise(label));
const text = (label: string, max: number, { lines = false } = {}) =>
  rule(
    z
      .string(`Enter the ${label}`)
      .trim()
      .min(1, `Enter the ${label}`)
      .max(max, `${capitalise(label)} must be ${max.toLocaleString('en-GB')} characters or fewer`),
    label,
    lines,
  );
const optionalText = (label: string, max: number, { lines = false } = {}) =>
  rule(
    z
      .string()
      .trim()
      .max(max, `${capitalise(label)} must be ${max.toLocaleString('en-GB')} characters or fewer`),
    label,
    lines,
  ).default('');
const pence = (label: string) =>
  z
    .number(`Enter the ${label} in pounds, like £1,200.50`)
    .int(`Enter the ${label} in whole pence`)
    .positive(`The ${label} must be more than £0`)
    .max(100_000_000_00, `The ${label} must be less than £100,000,000`);
const date = (label: string) => z.string(`Enter the ${label}`).refine(isIsoDate, `Enter the ${label} as a real date, like 25/11/2026`);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const organisationTypes = Object.keys(ORGANISATION_TYPES) as [keyof typeof ORGANISATION_TYPES, ...(keyof typeof ORGANISATION_TYPES)[]];
const beneficiaryGroups = Object.keys(BENEFICIARY_GROUPS) as [keyof typeof BENEFICIARY_GROUPS, ...(keyof typeof BENEFICIARY_GROUPS)[]];

const applicationFields = z.object({
  reference: z
    .string()
    .trim()
    .max(40, 'Applicant reference must be 40 characters or fewer')
    .regex(/^([A-Za-z0-9][A-Za-z0-9/_.-]*)?$/, 'Applicant reference may use only letters, digits and / _ . -')
    .default(''),
  roundId: z.string('Choose a round').min(1, 'Choose a round'),
  /** The day the application reached the office; blank means today. Older records lack it. */
  receivedOn: date('date received').optional(),
  organisationName: text('organisation name', 200),
  organisationType: z.enum(organisationTypes, 'Choose the type of organisation'),
  charityNumber: z
    .string()
    .trim()
    .regex(/^(\d{6,8}(-\d{1,3})?)?$/, 'Enter a charity number like 1123456, or leave it blank')
    .default(''),
  companyNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^((\d{8})|([A-Z]{2}\d{6}))?$/, 'Enter a company number like 01234567 or SC123456, or leave it blank')
    .default(''),
  constituted: z.boolean('Say whether the group is properly constituted'),
  bankTwoSignatories: z.boolean('Say whether the group has a bank account with two signatories'),
  contactName: text('contact name', 120),
  contactEmail: singleLine(
    z
      .string('Enter the contact email address')
      .trim()
      .min(1, 'Enter the contact email address')
      .max(254, 'Contact email must be 254 characters or fewer')
      .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'Enter an email address like name@example.org'),
    'Contact email',
  ),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(\+?[\d ()-]{10,20})?$/, 'Enter a phone number like 0121 496 0000, or leave it blank')
    .default(''),
  projectTitle: text('project title', 140),
  summary: text('project summary', 4000, { lines: true }),
  areaId: z.string('Choose the area').min(1, 'Choose the area'),
  inImpactArea: z.boolean().default(false),
  amountRequested: pence('amount requested'),
  budgetLines: z
    .array(z.object({ item: text('budget item', 200), amount: pence('budget line amount') }), 'Add at least one budget line')
    .min(1, 'Add at least one budget line')
    .max(50, 'Use 50 budget lines or fewer'),
  startDate: date('start date'),
  endDate: date('end date'),
  priorityIds: z
    .array(z.string())
    .min(1, 'Choose at least one Police and Crime Plan priority')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'Choose each priority once'),
  beneficiaryGroups: z
    .array(z.enum(beneficiaryGroups, 'Choose a beneficiary group from the list'))
    .min(1, 'Choose at least one beneficiary group')
    .max(20),
  expectedBeneficiaries: z
    .number('Enter the expected number of beneficiaries as a whole number')
    .int('Enter the expected number of beneficiaries as a whole number')
    .min(1, 'Expected beneficiaries must be 1 or more')
    .max(10_000_000, 'Expected beneficiaries must be 10,000,000 or fewer'),
  outcomes: z
    .array(
      z.object({
        outcome: text('outcome', 500, { lines: true }),
        measure: text('way the outcome is measured', 500, { lines: true }),
      }),
    )
    .min(1, 'Add at least one outcome and how it will be measured')
    .max(20, 'Use 20 outcomes or fewer'),
  sustainability: optionalText('sustainability', 2000, { lines: true }),
});

type CrossFieldInput = Pick<z.output<typeof applicationFields>, 'budgetLines' | 'amountRequested' | 'startDate' | 'endDate'>;

/**
 * Rules across fields. They run even when other fields are wrong, so the first submit lists these
 * problems too: the values may be of any type here, so each rule looks only at what it can read.
 */
function crossFieldRules(d: CrossFieldInput, ctx: z.RefinementCtx): void {
  const lines: unknown[] = Array.isArray(d.budgetLines) ? d.budgetLines : [];
  const amounts = lines.map((l) => (l && typeof l === 'object' ? (l as { amount?: unknown }).amount : undefined));
  if (typeof d.amountRequested === 'number' && amounts.length > 0 && amounts.every((a) => Number.isInteger(a))) {
    const total = (amounts as number[]).reduce((sum, a) => sum + a, 0);
    if (total !== d.amountRequested) {
      ctx.addIssue({
        code: 'custom',
        path: ['budgetLines'],
        message: `Budget lines add up to ${formatPence(total)} but the amount requested is ${formatPence(d.amountRequested)} — they must match`,
      });
    }
  }
  if (
    typeof d.startDate === 'string' &&
    typeof d.endDate === 'string' &&
    isIsoDate(d.startDate) &&
    isIsoDate(d.endDate) &&
    d.endDate < d.startDate
  ) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be the same as or after the start date' });
  }
}
const whenAnObject = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

export const applicationDraftSchema = applicationFields.superRefine(crossFieldRules, whenAnObject);

/** An edit: a laptop that does not hold the contact details may leave them blank to keep them as they are. */
export const applicationEditSchema = applicationFields
  .extend({
    contactName: optionalText('contact name', 120),
    contactEmail: optionalText('contact email', 254).pipe(
      z.string().regex(/^([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)?$/, 'Enter an email address like name@example.org'),
    ),
  })
  .superRefine(crossFieldRules, whenAnObject);
export type ApplicationEdit = z.infer<typeof applicationEditSchema>;
export type ApplicationEditInput = z.input<typeof applicationEditSchema>;

export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;
export type ApplicationDraftInput = z.input<typeof applicationDraftSchema>;

export interface Application extends ApplicationDraft {
  id: string;
  status: ApplicationStatus;
  receivedAt: string;
  withdrawnReason: string | null;
}

/** The applicant's contact details: personal data, kept beside the event log, never in it. */
export const CONTACT_FIELDS = ['contactName', 'contactEmail', 'contactPhone'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** An application as its event records it: the contact details replaced by their digest. */
export type ApplicationRecord = Omit<Application, ContactField> & { contactDigest: string };

export interface RoundContext {
  round: Round;
  fund: Fund;
  plan: Plan;
  areas: Area[];
  /** Set when `fund` holds the rules an application was received under, not today's. */
  fundAsReceived?: boolean;
}

/** What the round's rules look at; each is checked only when present, so half-filled drafts get every problem at once. */
export type RoundFields = Partial<Pick<ApplicationDraft, 'amountRequested' | 'areaId' | 'priorityIds'>>;

/** Rules that need the round: the fund's maximum, the round's areas and plan. */
export function checkAgainstRound(d: RoundFields, ctx: RoundContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { fund, round, plan } = ctx;
  if (typeof d.amountRequested === 'number' && fund.maxAwardPence !== null && d.amountRequested > fund.maxAwardPence) {
    problems.push({
      field: 'amountRequested',
      message: `Enter an amount of ${formatPence(fund.maxAwardPence)} or less — the ${fund.name}'s maximum${ctx.fundAsReceived ? ' when this application was received' : ''}`,
    });
  }
  if (d.areaId) {
    const area = ctx.areas.find((a) => a.id === d.areaId);
    if (!area) {
      problems.push({ field: 'areaId', message: 'Choose an area from the list — that area is not known' });
    } else if (round.budgets.length > 0 && !round.budgets.some((b) => b.areaId === d.areaId)) {
      problems.push({ field: 'areaId', message: `${area.name} has no budget in ${round.name} — choose one of the round's areas` });
    }
  }
  const known = new Set(plan.priorities.map((p) => p.id));
  if ((d.priorityIds ?? []).some((id) => !known.has(id))) {
    problems.push({ field: 'priorityIds', message: `Choose priorities from ${plan.name}, the plan this round scores against` });
  }
  return problems;
}

/** A date received is a day already come: `today` is the UK date now. */
export function checkReceivedOn(receivedOn: string | undefined, today: string): FieldProblem[] {
  return receivedOn && receivedOn > today
    ? [{ field: 'receivedOn', message: 'The date received cannot be in the future — enter the day the application reached the office' }]
    : [];
}

/** Zod issues → field problems with plain-English messages, first problem per field. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'input';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message });
  }
  return problems;
}

/** An application's draft fields alone, as an edit form starts from them. */
export function draftOf(a: Application): ApplicationDraft {
  const fields = Object.keys(applicationFields.shape) as (keyof ApplicationDraft)[];
  return Object.fromEntries(fields.map((f) => [f, a[f]])) as ApplicationDraft;
}
