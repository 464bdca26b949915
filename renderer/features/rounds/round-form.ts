// The round form as the grants officer types it, and how it becomes a rounds.create input.
// Dates are typed en-GB (25/11/2026); budgets as money text (£45,000); blank = no budget.
import { roundInputSchema } from '../../../shared/contract/rounds';
import type { FieldProblem } from '../../../shared/contract/result';
import type { Area, Round, RoundStatus } from '../../../shared/domain/catalogue';
import { problemsFromZod } from '../../../shared/domain/application';
import { formatPence, parseMoney } from '../../../shared/domain/money';
import { parseDate } from '../../../shared/domain/dates';
import type { Input } from '../../../shared/contract';

export interface RoundFormValues {
  fundId: string;
  planId: string;
  name: string;
  opens: string;
  closes: string;
  status: RoundStatus;
  /** The spending window, typed en-GB; blank for none. */
  spendFrom: string;
  spendBy: string;
  /** Area id → the amount as typed. */
  budgets: Record<string, string>;
  /** The round's own total as typed; blank for none. */
  total: string;
  /** Whole percent as typed; blank is 0. */
  tolerance: string;
}

export const EMPTY_ROUND_FORM: RoundFormValues = {
  fundId: '',
  planId: '',
  name: '',
  opens: '',
  closes: '',
  status: 'draft',
  spendFrom: '',
  spendBy: '',
  budgets: {},
  total: '',
  tolerance: '',
};

/** 2026-11-25 → 25/11/2026, the way people type it back. */
function typedDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** Money as a person would type it: £45,000 or £1,250.50. */
export function typedMoney(pence: number): string {
  return formatPence(pence).replace(/\.00$/, '');
}

export function valuesFromRound(round: Round): RoundFormValues {
  return {
    fundId: round.fundId,
    planId: round.planId,
    name: round.name,
    opens: typedDate(round.opens),
    closes: typedDate(round.closes),
    status: round.status,
    spendFrom: round.spendFrom ? typedDate(round.spendFrom) : '',
    spendBy: round.spendBy ? typedDate(round.spendBy) : '',
    budgets: Object.fromEntries(round.budgets.map((b) => [b.areaId, typedMoney(b.amountPence)])),
    total: round.totalPence === null || round.totalPence === undefined ? '' : typedMoney(round.totalPence),
    tolerance: round.tolerancePercent ? String(round.tolerancePercent) : '',
  };
}

/** The field id each problem links to in the error summary. */
export function fieldIdFor(field: string, budgetAreaIds: string[] = []): string {
  const path = field.replace(/^changes\./, '');
  const budget = /^budgets\.(\d+)/.exec(path);
  if (budget) return `round-budget-${budgetAreaIds[Number(budget[1])] ?? 'table'}`;
  if (path.startsWith('budget-')) return `round-${path}`;
  const ids: Record<string, string> = {
    fundId: 'round-fund',
    planId: 'round-plan',
    name: 'round-name',
    opens: 'round-opens',
    closes: 'round-closes',
    status: 'round-status',
    spendFrom: 'round-spend-from',
    spendBy: 'round-spend-by',
    totalPence: 'round-total',
    tolerancePercent: 'round-tolerance',
  };
  return ids[path] ?? 'round-name';
}

/** Sums the budgets that parse; unparseable amounts count as nothing. */
export function totalBudget(values: RoundFormValues): number {
  return Object.values(values.budgets).reduce((sum, text) => sum + (text.trim() ? Math.max(parseMoney(text) ?? 0, 0) : 0), 0);
}

export interface CheckedRound {
  input: Input<'rounds.create'> | null;
  problems: FieldProblem[];
  /** Area ids in the order of input.budgets, so core problems on budgets.N find their field. */
  budgetAreaIds: string[];
}

/** Checks what can be checked here: the same rules the core applies, with messages for each field. */
export function checkRoundForm(values: RoundFormValues, areas: Area[]): CheckedRound {
  const problems: FieldProblem[] = [];
  const budgets: { areaId: string; amountPence: number }[] = [];
  for (const area of areas) {
    const text = (values.budgets[area.id] ?? '').trim();
    if (!text) continue;
    const pence = parseMoney(text);
    if (pence === null)
      problems.push({
        field: `budget-${area.id}`,
        message: `Enter the budget for ${area.name} in pounds, like £45,000, or leave it blank`,
      });
    else if (pence < 0)
      problems.push({
        field: `budget-${area.id}`,
        message: `The budget for ${area.name} cannot be negative — enter £0 or more, or leave it blank`,
      });
    else budgets.push({ areaId: area.id, amountPence: pence });
  }

  const dates: Record<'opens' | 'closes', string | null> = { opens: null, closes: null };
  for (const [field, label, example] of [
    ['opens', 'opening date', '01/10/2026'],
    ['closes', 'closing date', '18/12/2026'],
  ] as const) {
    const text = values[field].trim();
    dates[field] = text ? parseDate(text) : null;
    if (!text) problems.push({ field, message: `Enter the ${label}, like ${example}` });
    else if (!dates[field]) problems.push({ field, message: `Enter the ${label} as a real date, like ${example}` });
  }

  // The spending window is optional: blank is none.
  const window: Record<'spendFrom' | 'spendBy', string | null> = { spendFrom: null, spendBy: null };
  for (const [field, label, example] of [
    ['spendFrom', 'date spending may start from', '01/01/2027'],
    ['spendBy', 'date money must be spent by', '31/12/2027'],
  ] as const) {
    const text = values[field].trim();
    window[field] = text ? parseDate(text) : null;
    if (text && !window[field]) problems.push({ field, message: `Enter the ${label} as a real date, like ${example}, or leave it blank` });
  }

  // The round total is optional: blank is none. The tolerance is a whole percentage: blank is 0.
  const totalText = values.total.trim();
  const totalPence = totalText ? parseMoney(totalText) : null;
  if (totalText && totalPence === null)
    problems.push({ field: 'totalPence', message: 'Enter the round total in pounds, like £300,000, or leave it blank' });
  const toleranceText = values.tolerance.trim().replace(/%$/, '').trim();
  const tolerancePercent = toleranceText ? Number(toleranceText) : 0;
  if (toleranceText && !/^\d+$/.test(toleranceText))
    problems.push({ field: 'tolerancePercent', message: 'Enter the tolerance as a whole percentage, like 10, or leave it blank for none' });

  const candidate = {
    fundId: values.fundId,
    planId: values.planId,
    name: values.name,
    opens: dates.opens ?? '1900-01-01',
    closes: dates.closes ?? '2200-12-31',
    status: values.status,
    spendFrom: window.spendFrom,
    spendBy: window.spendBy,
    totalPence,
    tolerancePercent: Number.isInteger(tolerancePercent) ? tolerancePercent : 0,
    budgets,
  };
  const parsed = roundInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.field));
    for (const p of problemsFromZod(parsed.error)) if (!already.has(p.field)) problems.push(p);
  }
  // The form's order: the budgets' table comes before the round total and tolerance.
  const order = [
    'fundId',
    'planId',
    'name',
    'opens',
    'closes',
    'spendFrom',
    'spendBy',
    'status',
    'budgets',
    'totalPence',
    'tolerancePercent',
  ];
  const rank = (field: string) => {
    const i = order.indexOf(/^budget/.test(field) ? 'budgets' : field);
    return i < 0 ? order.length : i;
  };
  problems.sort((a, b) => rank(a.field) - rank(b.field));
  return { input: problems.length === 0 ? candidate : null, problems, budgetAreaIds: budgets.map((b) => b.areaId) };
}
