import { z } from 'zod';
import { areaSchema, fundSchema, type Area, type Fund, type Plan } from '../domain/catalogue';
import { method } from './method';

export const catalogue = {
  'catalogue.funds': method<Fund[]>()(z.object({})),
  'catalogue.areas': method<Area[]>()(z.object({})),
  'catalogue.plans': method<Plan[]>()(z.object({})),
  'catalogue.saveFund': method<Fund>()(fundSchema),
  'catalogue.saveArea': method<Area>()(areaSchema),
};
