// People and what their roles let them do. The core checks capabilities on every call; the
// renderer reads the same table to hide what a person cannot do.
import { z } from 'zod';

/** What a person may do; roles grant capabilities. */
export type Capability =
  | 'read-register'
  | 'read-personal-data'
  | 'manage-register'
  | 'manage-catalogue'
  | 'exchange-bundles'
  | 'manage-people'
  /** Rubrics, panels, which panel scores what, and typing in paper score sheets. */
  | 'manage-panels'
  /** Declare interests and score, on the panels a person sits on. */
  | 'score'
  /** Moderate and recommend, on the panels a person chairs. */
  | 'moderate'
  /** Every panel's scores, rankings and register of interests. */
  | 'read-scores'
  /** Decide applications, each decision signed with the person's own key: the Chief Executive. */
  | 'sign-decisions'
  /** Amounts for recommended applications, within each area's budget (issue 12). */
  | 'allocate'
  /** The audit trail: who changed what, when and where, and whether the log and decisions' signatures hold. */
  | 'read-audit'
  /** Record that an approved application's offer letter was sent, and that its signed acceptance came back (issue 12). */
  | 'record-offers';

export const ROLES = {
  'grants-officer': 'Grants officer',
  'panel-member': 'Panel member',
  'panel-chair': 'Panel chair',
  'chief-executive': 'Chief Executive',
  auditor: 'Auditor',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as [Role, ...Role[]];

/**
 * Only grants officers see applicants' contact details and change the register; everyone signed
 * in reads the register without them. Panel members and chairs score only what their panel is
 * given (checked per application in the core); sign-off (issue 12) adds its own.
 */
export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  'grants-officer': [
    'read-register',
    'read-personal-data',
    'manage-register',
    'manage-catalogue',
    'exchange-bundles',
    'manage-people',
    'manage-panels',
    'read-scores',
    'allocate',
    'read-audit',
    'record-offers',
  ],
  'panel-member': ['read-register', 'score'],
  'panel-chair': ['read-register', 'score', 'moderate'],
  'chief-executive': ['read-register', 'read-scores', 'sign-decisions', 'read-audit'],
  auditor: ['read-register', 'read-scores', 'read-audit'],
};

export function capabilitiesOf(roles: readonly Role[]): Capability[] {
  return [...new Set(roles.flatMap((r) => ROLE_CAPABILITIES[r]))].sort();
}

/** "Grants officer", "Panel chair and panel member". */
export function rolesText(roles: readonly Role[]): string {
  const names = roles.map((r, i) => (i === 0 ? ROLES[r] : lowerFirst(ROLES[r])));
  if (names.length <= 1) return names[0] ?? 'No role';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const lowerFirst = (s: string) => (s === 'Chief Executive' ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** A person as every laptop keeps them: their name, roles, the areas they serve, and whether they may sign in. */
export interface PersonRecord {
  id: string;
  name: string;
  roles: Role[];
  /** Area ids; none means every area. */
  areas: string[];
  active: boolean;
}

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the person’s name')
  .max(100, 'A name can be at most 100 characters')
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'A name cannot hold control characters');

export const personRecordSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,80}$/),
    name: personNameSchema,
    roles: z.array(z.enum(ROLE_IDS)).min(1, 'Choose at least one role').max(ROLE_IDS.length),
    areas: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).max(50),
    active: z.boolean(),
  })
  .strict();

/** A passphrase as typed: checked against the policy in the core, never stored or logged. */
export const passphraseSchema = z.string().min(1, 'Enter the passphrase').max(1024, 'A passphrase can be at most 1,024 characters');
