import { z } from 'zod';
import { ROUND_STATUSES, type Round } from '../domain/catalogue';
import { isIsoDate } from '../domain/dates';
import { singleLine } from '../domain/text';
import { method } from './method';

const date = (label: string) => z.string(`Enter the ${label}`).refine(isIsoDate, `Enter the ${label} as a real date, like 25/11/2026`);

export const roundInputSchema = z
  .object({
    fundId: z.string('Choose a fund').min(1, 'Choose a fund'),
    planId: z.string('Choose the Police and Crime Plan').min(1, 'Choose the Police and Crime Plan'),
    name: singleLine(
      z.string('Enter the round name').trim().min(1, 'Enter the round name').max(120, 'Round name must be 120 characters or fewer'),
      'Round name',
    ),
    opens: date('opening date'),
    closes: date('closing date'),
    status: z.enum(ROUND_STATUSES).default('open'),
    /** The spending window (optional): projects must start on or after and end on or before it. */
    spendFrom: date('date spending may start from').nullable().default(null),
    spendBy: date('date money must be spent by').nullable().default(null),
    totalPence: z
      .number('Enter the round total in pounds and pence')
      .int('Enter the round total in whole pence')
      .min(0, 'The round total cannot be negative')
      .nullable()
      .default(null),
    tolerancePercent: z
      .number('Enter the tolerance as a whole percentage')
      .int('Enter the tolerance as a whole percentage, like 10')
      .min(0, 'The tolerance cannot be negative')
      .max(50, 'The tolerance can be at most 50%')
      .default(0),
    budgets: z
      .array(
        z.object({
          areaId: z.string().min(1, 'Choose an area'),
          amountPence: z.number().int('Enter the budget in whole pence').min(0, 'A budget cannot be negative'),
        }),
      )
      .max(100)
      .default([]),
  })
  .superRefine((r, ctx) => {
    if (r.closes < r.opens)
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'The closing date must be on or after the opening date' });
    if (r.spendFrom && r.spendBy && r.spendBy < r.spendFrom)
      ctx.addIssue({ code: 'custom', path: ['spendBy'], message: 'The spend-by date must be on or after the spend-from date' });
    const seen = new Set<string>();
    r.budgets.forEach((b, i) => {
      if (seen.has(b.areaId))
        ctx.addIssue({ code: 'custom', path: ['budgets', i, 'areaId'], message: 'Each area can have only one budget' });
      seen.add(b.areaId);
    });
  });

export interface RoundSummary extends Round {
  fundName: string;
  planName: string;
  /** Applications still in the running: withdrawn ones are counted apart. */
  applicationCount: number;
  withdrawnCount: number;
  requestedPence: number;
  budgetPence: number;
}

export const rounds = {
  'rounds.list': method<RoundSummary[]>()(z.object({})),
  'rounds.create': method<Round>()(roundInputSchema),
  /** A change touching applications already in the round is refused until `confirmed`, naming what it would do. */
  'rounds.update': method<Round>()(z.object({ id: z.string().min(1), changes: roundInputSchema, confirmed: z.boolean().default(false) })),
};
