// The audit trail: who did what, when and on which laptop, read from the event log newest first and
// filtered by person, application and kind of change; and checking the whole record: every
// laptop's hash chain, every signed head this laptop keeps, and every decision's signature.
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

/**
 * The kinds of change a person can filter by: each the prefix of the entities its events are filed
 * under (`score:<application>:<member>`), with the noun a grants officer uses. A laptop's trust and
 * a choice between two versions of its log are both filed under `device:`; a person's sign-ins and
 * passphrases under `person:`.
 */
export const AUDIT_KINDS = {
  application: 'Application',
  screening: 'Eligibility screening',
  panelAssignment: 'Panel for an application',
  declaration: 'Declaration of interest',
  score: 'Score',
  moderation: 'Moderation',
  allocation: 'Allocation',
  decision: 'Decision',
  offer: 'Offer and acceptance',
  round: 'Round',
  rubric: 'Rubric',
  panel: 'Panel',
  moderationOpening: 'Opening of moderation',
  person: 'Person, sign-in or passphrase',
  device: 'Trusted laptop',
  fund: 'Fund',
  area: 'Area',
  plan: 'Police and Crime Plan',
  importMapping: 'CSV column mapping',
  letterTemplate: 'Letter template',
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_IDS = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

/** Where a page ends in the log: the next page starts just before it (clock, laptop, number there). */
export const auditCursorSchema = z.strictObject({
  hlc: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(100),
  seq: z.number().int().min(1),
});
export type AuditCursor = z.infer<typeof auditCursorSchema>;

export const AUDIT_PAGE_MAX = 200;

export const auditQuerySchema = z.object({
  /** Changes made by this person. */
  personId: z.string().min(1).max(100).optional(),
  /** Every change about this application: its record, screening, panel, declarations, scores, moderation, allocation and decisions. */
  applicationId: z.string().min(1).max(100).optional(),
  /** The same, by the application's reference as a person types it ("ACF-2026-0006"). */
  reference: z.string().trim().max(100, 'A reference is at most 100 characters').optional(),
  kind: z.enum(AUDIT_KIND_IDS, 'Choose a kind of change from the list').optional(),
  before: auditCursorSchema.optional(),
  limit: z
    .number('Enter how many changes to show')
    .int('Enter a whole number of changes')
    .min(1, 'Show at least 1 change')
    .max(AUDIT_PAGE_MAX, `Show at most ${AUDIT_PAGE_MAX} changes at a time`)
    .default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditRow {
  /** Where it is in the log: its laptop's device id and number there. */
  id: string;
  /** When (UTC ISO), from the event's clock reading. */
  at: string;
  /** Who, by name. */
  by: string;
  personId: string;
  /** Which laptop, as this laptop names it. */
  on: string;
  thisLaptop: boolean;
  kind: AuditKind | null;
  /** "Score", "Decision"; for a change this version does not know, its type. */
  kindNoun: string;
  /** What it did, in a grants officer's words: a line per change. */
  what: string[];
  /** The application it is about, if any. */
  application: { id: string; reference: string; organisation: string } | null;
  /** For a Chief Executive's decision: whether its signature holds and it stands as signed, and why not. */
  signature: { valid: boolean; problem: string | null } | null;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `before` for older changes; null when there are none. */
  next: AuditCursor | null;
}

export const audit = {
  'audit.verify': method<AuditCheck>()(z.object({})),
  'audit.list': method<AuditPage>()(auditQuerySchema),
};
