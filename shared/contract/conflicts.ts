import { z } from 'zod';
import { method } from './method';

import { CONFLICT_KINDS, type ConflictKind } from '../domain/kinds';

export { CONFLICT_KINDS, type ConflictKind };

/** One field two laptops changed differently, each version as a grants officer reads it. */
export interface ConflictField {
  field: string;
  label: string;
  /** The value in the register now. */
  kept: string;
  /** The other laptop's value, not applied. */
  incoming: string;
}

/** Who made one version of a record, on which laptop, and when. */
export interface ConflictVersion {
  /** The person's name. */
  by: string;
  /** Made by the person signed in now. */
  yours: boolean;
  /** The laptop's name as this laptop knows it, or "this laptop". */
  on: string;
  thisLaptop: boolean;
  /** When it was made (ISO instant, from its clock reading). */
  at: string;
}

export interface ConflictSummary {
  id: string;
  kind: ConflictKind;
  /** "fund", "application" */
  noun: string;
  entityId: string;
  /** The record's name or reference. */
  label: string;
  fields: ConflictField[];
  /**
   * Who made each version, where and when. `kept` is the version in the register now: the earlier
   * change in clock order, kept until a person chooses (null if no change in this laptop's log set
   * it). `incoming` is the later change, which clashed and was not applied.
   */
  versions: { kept: ConflictVersion | null; incoming: ConflictVersion };
  resolvedAt: string | null;
  resolvedBy: string | null;
}

const choice = z.enum(['kept', 'incoming'], 'Choose which version to keep');

export const conflicts = {
  /** Open conflicts first, oldest first; resolved ones only when asked for. */
  'conflicts.list': method<{ open: number; conflicts: ConflictSummary[] }>()(z.object({ includeResolved: z.boolean().default(false) })),
  /** A person's choice, field by field: recorded as an event that travels like any other. */
  'conflicts.resolve': method<ConflictSummary>()(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, 'That is not a conflict'),
      choices: z.record(z.string().max(60), choice),
    }),
  ),
};
