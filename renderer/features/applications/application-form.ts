// The application form as the officer types it (all text), turned into the draft the shared
// schema checks — for a new application and for editing one. Every rule lives in
// shared/domain/application.ts; this file only reads and writes text and arranges the problems in
// the order the fields appear on the page.
import type { FieldProblem } from '../../../shared/contract/result';
import type { RoundSummary } from '../../../shared/contract/rounds';
import {
  applicationDraftSchema,
  applicationEditSchema,
  checkAgainstRound,
  checkReceivedOn,
  problemsFromZod,
  type ApplicationDraft,
  type RoundContext,
} from '../../../shared/domain/application';
import type { Area, Fund, Plan } from '../../../shared/domain/catalogue';
import { formatDate, parseDate, ukIsoDay } from '../../../shared/domain/dates';
import { formatPence, parseMoney } from '../../../shared/domain/money';

export interface BudgetLineText {
  key: number;
  item: string;
  amount: string;
}

export interface OutcomeText {
  key: number;
  outcome: string;
  measure: string;
}

export interface ApplicationForm {
  roundId: string;
  reference: string;
  receivedOn: string;
  organisationName: string;
  organisationType: string;
  charityNumber: string;
  companyNumber: string;
  constituted: boolean | null;
  bankTwoSignatories: boolean | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  projectTitle: string;
  summary: string;
  areaId: string;
  inImpactArea: boolean;
  startDate: string;
  endDate: string;
  amountRequested: string;
  budgetLines: BudgetLineText[];
  priorityIds: string[];
  beneficiaryGroups: string[];
  expectedBeneficiaries: string;
  outcomes: OutcomeText[];
  sustainability: string;
}

/** Stable React keys for repeating rows, so removing one never muddles the others' text. */
let lastKey = 0;
export const rowKey = () => ++lastKey;

export const emptyBudgetLine = (): BudgetLineText => ({ key: rowKey(), item: '', amount: '' });
export const emptyOutcome = (): OutcomeText => ({ key: rowKey(), outcome: '', measure: '' });

export function emptyForm(roundId = '', today = todayInUk()): ApplicationForm {
  return {
    roundId,
    reference: '',
    receivedOn: ukDate(today),
    organisationName: '',
    organisationType: '',
    charityNumber: '',
    companyNumber: '',
    constituted: null,
    bankTwoSignatories: null,
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    projectTitle: '',
    summary: '',
    areaId: '',
    inImpactArea: false,
    startDate: '',
    endDate: '',
    amountRequested: '',
    budgetLines: [emptyBudgetLine()],
    priorityIds: [],
    beneficiaryGroups: [],
    expectedBeneficiaries: '',
    outcomes: [emptyOutcome()],
    sustainability: '',
  };
}

/** A received application as the form shows it, for editing: money in pounds, dates as 25/11/2026. */
export function formFromDraft(d: ApplicationDraft): ApplicationForm {
  return {
    ...d,
    receivedOn: d.receivedOn ? ukDate(d.receivedOn) : '',
    startDate: ukDate(d.startDate),
    endDate: ukDate(d.endDate),
    amountRequested: formatPence(d.amountRequested),
    budgetLines: d.budgetLines.map((l) => ({ key: rowKey(), item: l.item, amount: formatPence(l.amount) })),
    expectedBeneficiaries: d.expectedBeneficiaries.toLocaleString('en-GB'),
    outcomes: d.outcomes.map((o) => ({ key: rowKey(), outcome: o.outcome, measure: o.measure })),
  };
}

/** 2026-11-25 → 25/11/2026, the way the hint asks for dates. */
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

// Text the officer typed that is not money, a date or a number becomes undefined (or stays as
// text for dates), so the schema answers with its own plain message: "Enter the amount
// requested in pounds, like £1,200.50", "Enter the start date as a real date, like 25/11/2026".
const money = (text: string) => (text.trim() ? (parseMoney(text) ?? undefined) : undefined);
const date = (text: string) => (text.trim() ? (parseDate(text) ?? text.trim()) : undefined);
const wholeNumber = (text: string) => {
  const t = text.trim();
  return /^(\d{1,3}(,\d{3})+|\d+)$/.test(t) ? Number(t.replace(/,/g, '')) : undefined;
};

/** The form as the schema's input: what the core will receive, before checking. */
export function draftInput(f: ApplicationForm): Record<string, unknown> {
  return {
    reference: f.reference,
    roundId: f.roundId,
    receivedOn: date(f.receivedOn),
    organisationName: f.organisationName,
    organisationType: f.organisationType || undefined,
    charityNumber: f.charityNumber,
    companyNumber: f.companyNumber,
    constituted: f.constituted ?? undefined,
    bankTwoSignatories: f.bankTwoSignatories ?? undefined,
    contactName: f.contactName,
    contactEmail: f.contactEmail,
    contactPhone: f.contactPhone,
    projectTitle: f.projectTitle,
    summary: f.summary,
    areaId: f.areaId,
    inImpactArea: f.inImpactArea,
    amountRequested: money(f.amountRequested),
    budgetLines: f.budgetLines.map((l) => ({ item: l.item, amount: money(l.amount) })),
    startDate: date(f.startDate),
    endDate: date(f.endDate),
    priorityIds: f.priorityIds,
    beneficiaryGroups: f.beneficiaryGroups,
    expectedBeneficiaries: wholeNumber(f.expectedBeneficiaries),
    outcomes: f.outcomes.map((o) => ({ outcome: o.outcome, measure: o.measure })),
    sustainability: f.sustainability,
  };
}

/** Today's date on the office clock, as YYYY-MM-DD. */
export const todayInUk = () => ukIsoDay(new Date());

/** The round a new application most likely belongs to: one open today, else any open one, else the newest. */
export function roundOpenOn(rounds: RoundSummary[], today: string): RoundSummary | undefined {
  const open = rounds.filter((r) => r.status === 'open');
  return open.find((r) => r.opens <= today && today <= r.closes) ?? open[0] ?? rounds[0];
}

/** A word of caution when the round chosen was not taking applications on the day one was received. */
export function roundTimingWarning(round: RoundSummary | undefined, receivedOnText: string): string | null {
  if (!round) return null;
  const on = parseDate(receivedOnText) ?? todayInUk();
  const check = 'check the application belongs in it';
  if (on > round.closes) return `${round.name} closed on ${formatDate(round.closes)}, before this application was received — ${check}`;
  if (on < round.opens) return `${round.name} opens on ${formatDate(round.opens)}, after this application was received — ${check}`;
  if (round.status === 'draft') return `${round.name} is still being set up and not yet taking applications — ${check}`;
  if (round.status === 'closed') return `${round.name} is marked closed — ${check}`;
  return null;
}

/** The round, its fund, plan and the areas: what checkAgainstRound needs. */
export function roundContext(
  roundId: string,
  catalogue: { rounds: RoundSummary[]; funds: Fund[]; plans: Plan[]; areas: Area[] },
): RoundContext | null {
  const round = catalogue.rounds.find((r) => r.id === roundId);
  const fund = catalogue.funds.find((f) => f.id === round?.fundId);
  const plan = catalogue.plans.find((p) => p.id === round?.planId);
  return round && fund && plan ? { round, fund, plan, areas: catalogue.areas } : null;
}

export type FormCheck = { ok: true; draft: ApplicationDraft } | { ok: false; problems: FieldProblem[] };

/**
 * Every problem the form has, from the shared schema and the round's rules, in page order.
 * keepContact: an edit on a laptop without the contact details may leave all three blank.
 */
export function checkForm(f: ApplicationForm, ctx: RoundContext | null, { keepContact = false } = {}): FormCheck {
  const input = draftInput(f);
  const blankContact = !f.contactName.trim() && !f.contactEmail.trim() && !f.contactPhone.trim();
  const parsed = (keepContact && blankContact ? applicationEditSchema : applicationDraftSchema).safeParse(input);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error);
  if (ctx) {
    const amount = input.amountRequested;
    // The round's rules look only at the fields they need, so they report on the first submit too.
    const probe = parsed.success
      ? parsed.data
      : { areaId: f.areaId, priorityIds: f.priorityIds, ...(typeof amount === 'number' ? { amountRequested: amount } : {}) };
    problems.push(...checkAgainstRound(probe, ctx));
  }
  const receivedOn = input.receivedOn;
  if (typeof receivedOn === 'string') problems.push(...checkReceivedOn(receivedOn, todayInUk()));
  if (parsed.success && problems.length === 0) return { ok: true, draft: parsed.data };
  return { ok: false, problems: arrangeProblems(problems) };
}

/** Where each field sits on the page, top to bottom: the error summary lists problems in this order. */
const PAGE_ORDER = [
  'roundId',
  'reference',
  'receivedOn',
  'organisationName',
  'organisationType',
  'charityNumber',
  'companyNumber',
  'constituted',
  'bankTwoSignatories',
  'contactName',
  'contactEmail',
  'contactPhone',
  'projectTitle',
  'summary',
  'areaId',
  'inImpactArea',
  'startDate',
  'endDate',
  'amountRequested',
  'budgetLines',
  'priorityIds',
  'beneficiaryGroups',
  'expectedBeneficiaries',
  'outcomes',
  'sustainability',
];

/** "beneficiaryGroups.2" is a problem with the group of boxes, not one box. */
function normalise(field: string): string {
  return /^(priorityIds|beneficiaryGroups)\.\d+$/.test(field) ? (field.split('.')[0] ?? field) : field;
}

/** One problem per field (the first found), sorted into page order. Also used for the core's answer. */
export function arrangeProblems(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  const unique: FieldProblem[] = [];
  for (const p of problems) {
    const field = normalise(p.field);
    if (seen.has(field)) continue;
    seen.add(field);
    unique.push({ ...p, field });
  }
  const rank = (field: string) => {
    const [top = '', row = '0'] = field.split('.');
    const at = PAGE_ORDER.indexOf(top);
    return (at === -1 ? PAGE_ORDER.length : at) * 1000 + (Number(row) || 0);
  };
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.field) - rank(b.p.field) || a.i - b.i)
    .map(({ p }) => p);
}

/** The core answers an edit's schema problems under its `application` input: "application.budgetLines.0.amount". */
export const unnest = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => ({ ...p, field: p.field.replace(/^application\./, '') }));

/**
 * The id of the control a problem's link focuses: the dotted path with hyphens
 * ("budgetLines.0.amount" → "budgetLines-0-amount"); a problem with a whole list goes to its first row.
 */
export function fieldId(field: string, f: ApplicationForm): string {
  if (field === 'budgetLines') return f.budgetLines.length > 0 ? 'budgetLines-0-item' : 'add-budget-line';
  if (field === 'outcomes') return f.outcomes.length > 0 ? 'outcomes-0-outcome' : 'add-outcome';
  if (!PAGE_ORDER.includes(field.split('.')[0] ?? '')) return 'roundId';
  return field.replace(/\./g, '-');
}
