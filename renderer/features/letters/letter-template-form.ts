// A letter template as its form holds it (text as typed, a key per row so focus follows it), checked
// with the same schema the core uses, each problem named by the field it belongs to.
import type { FieldProblem } from '../../../shared/contract/result';
import { problemsFromZod } from '../../../shared/domain/application';
import { letterTemplateSchema, type LetterTemplate } from '../../../shared/domain/letters';

export interface ConditionRow {
  key: number;
  text: string;
}
export interface PaymentRow {
  key: number;
  percent: string;
  when: string;
}
export interface LetterTemplateValues {
  conditions: ConditionRow[];
  payments: PaymentRow[];
  monitoring: string;
  reportWeeksAfterEnd: string;
  acceptBy: string;
  signOff: string;
  declineWording: string;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function templateValues(t: LetterTemplate): LetterTemplateValues {
  return {
    conditions: t.conditions.map((text) => ({ key: newKey(), text })),
    payments: t.payments.map((p) => ({ key: newKey(), percent: String(p.percent), when: p.when })),
    monitoring: t.monitoring,
    reportWeeksAfterEnd: String(t.reportWeeksAfterEnd),
    acceptBy: t.acceptBy,
    signOff: t.signOff,
    declineWording: t.declineWording,
  };
}

/** A whole number as typed, or something the schema refuses with its own words. */
const wholeNumber = (typed: string): number | undefined => (typed.trim() === '' ? undefined : Number(typed.trim()));

/** What a payment schedule adds up to, as typed: for the running total under it. */
export function percentTotal(rows: PaymentRow[]): number {
  return rows.reduce((sum, r) => sum + (Number.isFinite(Number(r.percent)) ? Number(r.percent) : 0), 0);
}

/** The template, or every problem with it, each field named as the core names it (`template.payments.1.percent`). */
export function checkTemplate(values: LetterTemplateValues): { template: LetterTemplate | null; problems: FieldProblem[] } {
  const parsed = letterTemplateSchema.safeParse({
    conditions: values.conditions.map((c) => c.text),
    payments: values.payments.map((p) => ({ percent: wholeNumber(p.percent), when: p.when })),
    monitoring: values.monitoring,
    reportWeeksAfterEnd: wholeNumber(values.reportWeeksAfterEnd),
    acceptBy: values.acceptBy,
    signOff: values.signOff,
    declineWording: values.declineWording,
  });
  if (parsed.success) return { template: parsed.data, problems: [] };
  return { template: null, problems: problemsFromZod(parsed.error).map((p) => ({ ...p, field: `template.${p.field}` })) };
}

/** The element a problem's link focuses. */
export function letterFieldId(field: string): string {
  const path = field.replace(/^template\./, '').split('.');
  const [name, index, part] = path;
  if (name === 'conditions') return `letter-condition-${index ?? 0}`;
  if (name === 'payments') return `letter-payment-${index ?? 0}-${part === 'when' ? 'when' : 'percent'}`;
  const ids: Record<string, string> = {
    monitoring: 'letter-monitoring',
    reportWeeksAfterEnd: 'letter-report-weeks',
    acceptBy: 'letter-accept-by',
    signOff: 'letter-sign-off',
    declineWording: 'letter-decline-wording',
  };
  return ids[name ?? ''] ?? 'letter-condition-0';
}

/** Problems by field, for the inline messages: a list's own problem shows at the list. */
export function errorsByField(problems: FieldProblem[]): Record<string, string> {
  return Object.fromEntries(problems.map((p) => [p.field.replace(/^template\./, ''), p.message]));
}
