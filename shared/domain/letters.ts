// What an offer letter says beyond the decision: the conditions of grant, how it is paid and how
// the project reports back. The default is the Active Citizens Fund's, from the Commissioning
// Strategy (../shared/DOMAIN.md): a Grant Conditions Form, 50% on acceptance and 50% on proof of
// purchase, an Impact Assessment report with expenditure and receipts.
import { z } from 'zod';

const paragraph = z.string().trim().min(1, 'Enter the text').max(2000, 'Keep each to 2,000 characters or fewer');

export const letterTemplateSchema = z.object({
  conditions: z.array(paragraph).min(1, 'List at least one condition of grant').max(30),
  /** Whole percentages, in the order paid: they add up to 100. */
  payments: z
    .array(z.object({ percent: z.number().int().min(1).max(100), when: paragraph }))
    .min(1, 'Give at least one payment')
    .max(6)
    .refine((p) => p.reduce((sum, x) => sum + x.percent, 0) === 100, 'The payments must add up to 100%'),
  monitoring: paragraph,
  /** Weeks after the project's end date that its report is due. */
  reportWeeksAfterEnd: z.number().int().min(0).max(52),
  /** How and by when to return the acceptance slip. */
  acceptBy: paragraph,
});
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;

export const DEFAULT_LETTER_TEMPLATE: LetterTemplate = {
  conditions: [
    'The grant is spent only on the project described in your application, within the dates given, and on nothing the fund excludes (individuals, sponsorship, trips, fundraising or salaries).',
    'Your organisation signs and returns the acceptance slip below (the Grant Conditions Form) with a recent bank statement for the account the grant is paid into, which has at least two signatories.',
    'You tell the Office of the Police and Crime Commissioner at once if the project changes, is delayed or cannot go ahead. Money not spent on the project is returned.',
    'You keep invoices and receipts for everything the grant pays for, and acknowledge the Police and Crime Commissioner’s funding in publicity about the project.',
  ],
  payments: [
    { percent: 50, when: 'when we receive your signed acceptance slip and bank statement' },
    { percent: 50, when: 'on proof of purchase: copies of invoices or receipts for the first half' },
  ],
  monitoring:
    'Send an Impact Assessment report: what the project did, who took part, what changed for community safety in your area, and what the grant was spent on, with copies of invoices and receipts.',
  reportWeeksAfterEnd: 6,
  acceptBy: 'Please sign and return this slip within 28 days of the date of this letter.',
};

/** Each payment in pence: rounded down, the last taking what is left, so they add up exactly. */
export function paymentAmounts(amountPence: number, payments: LetterTemplate['payments']): number[] {
  let left = amountPence;
  return payments.map((p, i) => {
    const pence = i === payments.length - 1 ? left : Math.floor((amountPence * p.percent) / 100);
    left -= pence;
    return pence;
  });
}

/** The report's due date: `weeks` after the project's end (ISO dates, counted in whole days). */
export function reportDue(endDate: string, weeks: number): string {
  const d = new Date(`${endDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
}
