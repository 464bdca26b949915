// Checking the whole record: every laptop's hash chain, every signed head this laptop keeps, and
// every decision's signature. OK, or the first broken link.
import { z } from 'zod';
import { method } from './method';

export interface AuditCheck {
  ok: boolean;
  events: number;
  laptops: number;
  heads: number;
  decisions: number;
  /** The first broken link, in words; null when everything holds. */
  firstProblem: string | null;
  /** How many problems in all. */
  problems: number;
}

export const audit = {
  'audit.verify': method<AuditCheck>()(z.object({})),
};
