import { z } from 'zod';
import { areaSchema, fundSchema, planInputSchema, type Area, type Fund, type Plan } from '../domain/catalogue';
import { method } from './method';

export const catalogue = {
  'catalogue.funds': method<Fund[]>()(z.object({})),
  'catalogue.areas': method<Area[]>()(z.object({})),
  'catalogue.plans': method<Plan[]>()(z.object({})),
  /**
   * Adding refuses an id already in use; changing refuses an id not there, so nothing is overwritten by
   * mistake. A change touching applications already received (code, maximum) waits for `confirmed`.
   */
  'catalogue.saveFund': method<Fund>()(fundSchema.extend({ adding: z.boolean().default(false), confirmed: z.boolean().default(false) })),
  'catalogue.saveArea': method<Area>()(areaSchema.extend({ adding: z.boolean().default(false) })),
  /** Priorities without an id are new; one left out is taken out of the plan, unless applications chose it. */
  'catalogue.savePlan': method<Plan>()(planInputSchema),
  /** How many applications chose each of a plan's priorities: what rewording or removing one affects. */
  'catalogue.priorityUse': method<Record<string, number>>()(z.object({ planId: z.string().max(100) })),
};
