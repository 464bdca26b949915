// What an offer letter says beyond the decision: the conditions of grant, how it is paid and how
// the project reports back. The default is the Active Citizens Fund's, from the Commissioning
// Strategy (../shared/DOMAIN.md): a Grant Conditions Form, 50% on acceptance and 50% on proof of
// purchase, an Impact Assessment report with expenditure and receipts.
import { z } from 'zod';
import { hasControlCharacters } from './text';

/** Text on a letter: plain words (never markup), bounded; a paragraph may hold line breaks, a line may not. */
const text = (what: string, max: number, { paragraph = false } = {}) =>
  z
    .string(`Enter ${what}`)
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep ${what} to ${max.toLocaleString('en-GB')} characters or fewer`)
    .refine(
      (s) => !hasControlCharacters(s, { freeText: paragraph }),
      paragraph
        ? `Take out the control characters in ${what} (line breaks are fine)`
        : `Write ${what} on one line, without control characters`,
    );
const paragraph = (what: string, max: number) => text(what, max, { paragraph: true });

export const MAX_CONDITIONS = 30;
export const MAX_PAYMENTS = 6;

const payment = z.object({
  percent: z
    .number('Enter the percentage paid at this stage')
    .int('Enter a whole percentage, like 50')
    .min(1, 'Enter a percentage from 1 to 100')
    .max(100, 'Enter a percentage from 1 to 100'),
  when: text('when this payment is made', 300),
});

/** Each field of a template, checked on its own: the form, the contract and every laptop's import use these. */
export const letterTemplateFields = {
  conditions: z
    .array(paragraph('the condition', 1000), 'List the conditions of grant')
    .min(1, 'List at least one condition of grant')
    .max(MAX_CONDITIONS, `List at most ${MAX_CONDITIONS} conditions of grant`),
  /** Whole percentages, in the order paid: they add up to 100. */
  payments: z
    .array(payment, 'Give the payment schedule')
    .min(1, 'Give at least one payment')
    .max(MAX_PAYMENTS, `Give at most ${MAX_PAYMENTS} payments`)
    .superRefine((p, ctx) => {
      const sum = p.reduce((total, x) => total + x.percent, 0);
      if (sum !== 100) ctx.addIssue({ code: 'custom', message: `The payments add up to ${sum}%: make them add up to 100%` });
    }),
  monitoring: paragraph('the monitoring requirements', 2000),
  /** Weeks after the project's end date that its report is due. */
  reportWeeksAfterEnd: z
    .number('Enter how many weeks after the project ends the report is due')
    .int('Enter a whole number of weeks')
    .min(0, 'Enter a number of weeks from 0 to 52')
    .max(52, 'Enter a number of weeks from 0 to 52'),
  /** How and by when to return the acceptance slip. */
  acceptBy: paragraph('how to return the acceptance slip', 500),
  /** Under the signer's name: their office, and on whose behalf they sign. */
  signOff: text('the sign-off line', 200),
  /** The decline letter's closing words, after its reason. */
  declineWording: paragraph('the decline letter’s closing words', 2000),
};

export const letterTemplateSchema = z.object(letterTemplateFields);
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
export const LETTER_TEMPLATE_FIELDS = Object.keys(letterTemplateFields) as (keyof LetterTemplate)[];

/** A fund's template as kept: its id is the fund's. */
export type LetterTemplateRecord = LetterTemplate & { id: string };

export const LETTER_TEMPLATE_LABELS: Record<keyof LetterTemplate, string> = {
  conditions: 'Conditions of grant',
  payments: 'Payment schedule',
  monitoring: 'Monitoring requirements',
  reportWeeksAfterEnd: 'Report due (weeks after the project ends)',
  acceptBy: 'Returning the acceptance slip',
  signOff: 'Sign-off line',
  declineWording: 'Decline letter’s closing words',
};

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
  signOff: 'Chief Executive, on behalf of the Police and Crime Commissioner',
  declineWording:
    'You are welcome to apply again in a later round. Your local Neighbourhood Policing Unit or the grants officer can talk your application through with you.',
};

/** The file a decision's letter is written to: "ACF-2026-0012-offer.pdf" or "…-decline.pdf". */
export function letterFileName(reference: string, declined: boolean): string {
  return `${reference}-${declined ? 'decline' : 'offer'}.pdf`;
}

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
