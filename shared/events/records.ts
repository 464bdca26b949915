// The records events carry whole (`<kind>.added`, seeds, older whole-record saves), as zod schemas
// built from the domain's and the contract's own, so a field's rule is written once. Rules across
// fields (budget lines adding up, closing after opening) are left out: field-by-field merges may
// rightly break them, and a single field's change could not be checked against them anyway.
import { z } from 'zod';
import { applications as applicationMethods } from '../contract/applications';
import { roundInputSchema } from '../contract/rounds';
import { applicationDraftSchema, CONTACT_FIELDS, type ApplicationRecord } from '../domain/application';
import { APPLICATION_STATUSES, areaSchema, fundSchema, type Area, type Fund, type Plan, type Round } from '../domain/catalogue';
import { APPLICATION_COLUMNS, type ImportField } from '../formats/applications-csv';
import { rosterDeviceSchema } from '../formats/roster';
import { signedHeadSchema } from '../formats/bundle';
import { singleLine } from '../domain/text';
import { isIsoDate } from '../domain/dates';
import { ROLE_IDS } from '../domain/people';
import { DECISION_IDS } from '../domain/decisions';
import { rubricFieldSchemas } from '../domain/rubric';
import {
  interestNature,
  MAX_PANEL_MEMBERS,
  moderationReason,
  panelName,
  quorumSchema,
  rationaleText,
  RECOMMENDATION_IDS,
  scoreComment,
} from '../domain/panels';
import { allocationReason } from '../domain/allocation';
import {
  AUTOMATIC_CHECK_IDS,
  MAX_OFFICER_CHECKS,
  officerCheckSchema,
  overrideReasonSchema,
  resultOf,
  SCREENING_RESULTS,
  toldApplicantSchema,
} from '../domain/eligibility';

type Unwrapped<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;

/** A form's fields as a stored record holds them: the writer filled in every default, so none may be missing. */
function stored<T extends z.ZodRawShape>(shape: T): { [K in keyof T]: Unwrapped<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s instanceof z.ZodDefault ? s.unwrap() : s])) as never;
}

export const omit = <T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !(keys as readonly string[]).includes(k))) as Omit<T, K>;

const unique = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

/** Rounds, applications, people and plans: ids the app makes (uuids, officer-<device>, pcp-2025-2029). */
export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be an id of letters, digits and - _ . :');
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

export const fundRecord: z.ZodType<Fund> = z.strictObject(fundSchema.shape);
export const areaRecord: z.ZodType<Area> = z.strictObject(areaSchema.shape);

const priorityRecord = z.strictObject({
  id: recordId,
  planId: recordId,
  code: z.string().min(1).max(40),
  title: z.string().min(1).max(300),
});
/**
 * A plan's priorities, as one list: in its order, at least one, none named twice, and each stored
 * under its own id (one id twice would make two rows one).
 */
export const planPriorities = z
  .array(priorityRecord)
  .min(1)
  .max(200)
  .refine((xs) => unique(xs.map((x) => x.id)), 'must not list a priority id twice')
  .refine((xs) => unique(xs.map((x) => x.code.toUpperCase())), 'must not give two priorities one code');

/** Why a plan's priorities do not all belong to it, or null: each is `<plan id>:…` and names its plan. */
export function prioritiesNotOf(planId: string, priorities: readonly { id: string; planId: string }[]): string | null {
  return priorities.every((x) => x.planId === planId && x.id.startsWith(`${planId}:`))
    ? null
    : 'must each belong to this plan (planId the plan’s id, id starting "<plan id>:")';
}

export const planFields = {
  name: z.string().min(1).max(200),
  startYear: z.number().int().min(1900).max(2200),
  endYear: z.number().int().min(1900).max(2200),
  priorities: planPriorities,
};

export const planRecord: z.ZodType<Plan> = z
  .strictObject({
    id: recordId,
    ...planFields,
    sections: z.array(z.strictObject({ number: z.number().int().min(1), title: z.string().min(1).max(300) })).max(100),
  })
  // A plan's priorities are stored under their own ids: a plan's priority under another plan's
  // name would move it between plans, so each is `<plan id>:…` and belongs to its plan.
  .superRefine((p, ctx) => {
    const problem = prioritiesNotOf(p.id, p.priorities);
    if (problem) ctx.addIssue({ code: 'custom', path: ['priorities'], message: problem });
  });

export const roundFields = stored(roundInputSchema.shape);
/** A budget: its area and integer pence ≥ 0, as the round form takes it. */
export const budget = roundFields.budgets.element.shape;
export const roundRecord: z.ZodType<Round> = z
  .strictObject({
    id: recordId,
    ...omit(roundFields, ['budgets']),
    // Rounds recorded before screening have no spending window.
    spendFrom: roundFields.spendFrom.optional(),
    spendBy: roundFields.spendBy.optional(),
    // Rounds recorded before allocation have no total or tolerance.
    totalPence: roundFields.totalPence.optional(),
    tolerancePercent: roundFields.tolerancePercent.optional(),
    budgets: z.array(z.strictObject(budget)).max(100),
  })
  .refine((r) => unique(r.budgets.map((b) => b.areaId)), { path: ['budgets'], message: 'must not give one area two budgets' });

const applicationFields = omit(stored(applicationDraftSchema.shape), CONTACT_FIELDS);
export const withdrawnReason = applicationMethods['applications.withdraw'].input.shape.reason;
export const reinstatedReason = applicationMethods['applications.reinstate'].input.shape.reason;
export const applicationShape = {
  id: recordId,
  // Each priority is a row of its own: the field refuses one named twice, as the form and CSV do.
  ...applicationFields,
  status: z.enum(APPLICATION_STATUSES),
  receivedAt: z.iso.datetime(),
  withdrawnReason: withdrawnReason.nullable(),
  contactDigest: hex64,
};
export const applicationRecord: z.ZodType<ApplicationRecord> = z.strictObject(applicationShape);

/** A person as written before people signed in: each laptop's one implicit grants officer. */
export const laptopOfficer = z.strictObject({
  id: recordId,
  name: singleLine(z.string().min(1).max(200), 'Name'),
  role: z.enum(['officer']),
});
export const personFields = {
  name: singleLine(z.string().min(1).max(100), 'Name'),
  roles: z.array(z.enum(ROLE_IDS)).min(1).max(ROLE_IDS.length),
  areas: z.array(recordId).max(50),
  active: z.boolean(),
};
export const personRecord = z.strictObject({ id: recordId, ...personFields });
/** A person signing in on a laptop: their signature over where in that laptop's log it happened. */
export const signedIn = z.strictObject({
  personId: recordId,
  publicKey: z.string().regex(/^RW[Q-T][A-Za-z0-9+/]{53}$/, 'must be a minisign public key'),
  proof: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be an Ed25519 signature'),
});
export const signedOut = z.strictObject({ personId: recordId });
/** A passphrase set or reset: the person's public key, and the digest of their sealed secret (which travels only sealed). */
export const credentialIssued = z.strictObject({
  personId: recordId,
  // base64("Ed" ‖ key id (8) ‖ Ed25519 key (32)): 42 bytes, 56 characters, no padding.
  publicKey: z.string().regex(/^RW[Q-T][A-Za-z0-9+/]{53}$/, 'must be a minisign public key'),
  secret: hex64,
  mustChange: z.boolean(),
});
export const trustedDevice = z.strictObject(
  rosterDeviceSchema.pick({ deviceId: true, publicKey: true, fingerprint: true, name: true }).shape,
);
export const revokedDevice = z.strictObject({
  deviceId: rosterDeviceSchema.shape.deviceId,
  reason: singleLine(z.string().trim().min(1).max(200), 'Reason'),
});
/** A choice between two versions of one laptop's log: both heads signed by that laptop, and different. */
export const versionChosen = z
  .strictObject({ deviceId: rosterDeviceSchema.shape.deviceId, chosen: signedHeadSchema, rejected: signedHeadSchema })
  .refine((c) => c.chosen.deviceId === c.deviceId && c.rejected.deviceId === c.deviceId, 'both versions must be that laptop’s')
  .refine((c) => c.chosen.hash !== c.rejected.hash, 'the two versions must differ');
const importField = z.enum(APPLICATION_COLUMNS.map((c) => c.field) as [ImportField, ...ImportField[]]);
export const importMapping = z.strictObject({
  signature: z.string().min(1).max(10_000),
  mapping: z
    .record(z.string().max(1000), importField.nullable())
    .refine((m) => Object.keys(m).length <= 1000, 'must map at most 1,000 columns'),
});

/** A round's rubric: its id is the round's; each field checked on its own, as a change names one. */
export const rubricFields = { version: z.number().int().min(1).max(10_000), ...rubricFieldSchemas };
export const rubricRecord = z.strictObject({ id: recordId, ...rubricFields });

const areaIds = z.array(recordId).max(50).refine(unique, 'must not name an area twice');
export const panelFields = {
  roundId: recordId,
  name: panelName,
  chairId: recordId.nullable(),
  quorum: quorumSchema,
  areaIds,
  memberIds: z.array(recordId).max(MAX_PANEL_MEMBERS).refine(unique, 'must not name a member twice'),
};
export const panelRecord = z.strictObject({ id: recordId, ...panelFields });
/** An application given by hand to a panel (or to none: null); `byArea` gives it back to its area's panel. */
export const panelAssigned = z.strictObject({ applicationId: recordId, panelId: recordId.nullable(), byArea: z.boolean() });

/**
 * A member's declaration about one application: no interest, or an interest and its nature. Typed
 * in from a paper sheet by an officer, it says so (fromPaper) and the event's author is who typed it.
 */
export const interestDeclared = z
  .strictObject({
    applicationId: recordId,
    memberId: recordId,
    interest: z.boolean(),
    nature: interestNature,
    supersedes: z.array(hex64).max(50),
    fromPaper: z.boolean(),
  })
  .refine((d) => !d.interest || d.nature.length > 0, { message: 'must say the nature of an interest', path: ['nature'] });

/** A criterion's or a gate's id in a rubric. */
export const criterionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a criterion’s id');
/** The digest of the weights and levels a score was given against (rubric.ts scoringShape). */
export const rubricShape = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits');

export const scoreEntered = z.strictObject({
  applicationId: recordId,
  memberId: recordId,
  roundId: recordId,
  criterionId,
  /** 0 to the scale's top; a gate 1 (passes) or 0 (fails); null clears it. */
  level: z.number().int().min(0).max(5).nullable(),
  comment: scoreComment,
  rubricVersion: z.number().int().min(1).max(10_000),
  rubricShape,
  fromPaper: z.boolean(),
});
export const scoreSubmitted = z.strictObject({
  applicationId: recordId,
  memberId: recordId,
  roundId: recordId,
  rubricVersion: z.number().int().min(1).max(10_000),
  fromPaper: z.boolean(),
});

export const moderationRecorded = z
  .strictObject({
    applicationId: recordId,
    panelId: recordId,
    rubricVersion: z.number().int().min(1).max(10_000),
    levels: z.record(criterionId, z.number().int().min(0).max(5)),
    gates: z.record(criterionId, z.enum(['pass', 'fail'])),
    rationales: z.record(criterionId, rationaleText),
    recommendation: z.enum(RECOMMENDATION_IDS),
    amountPence: z.number().int().min(1).max(100_000_000_000).nullable(),
    reason: moderationReason,
    supersedes: z.array(hex64).max(50),
  })
  .refine((m) => (m.recommendation === 'fund-lower') === (m.amountPence !== null), {
    message: 'must give an amount exactly when recommending a lower amount',
    path: ['amountPence'],
  })
  .refine((m) => !['fund-lower', 'decline'].includes(m.recommendation) || m.reason.length > 0, {
    message: 'must give a reason for a lower amount or a decline',
    path: ['reason'],
  });
export const moderationOpened = z.strictObject({ panelId: recordId });
const screenedCheck = z.strictObject({
  id: z.string().regex(new RegExp(`^(${AUTOMATIC_CHECK_IDS.join('|')}|officer:\\d{1,2})$`), 'must be an automatic check or officer:<n>'),
  question: officerCheckSchema.shape.question,
  passed: z.boolean(),
  overrideReason: overrideReasonSchema.nullable(),
  failSentence: officerCheckSchema.shape.failSentence,
});
/** One application's screening: every check as the officer settled it, the result, and what the applicant is told. */
export const screeningRecorded = z.strictObject({
  applicationId: recordId,
  /** The screenings (event hashes) its author saw standing: this one supersedes them. */
  supersedes: z.array(hex64).max(50),
  result: z.enum(SCREENING_RESULTS),
  checks: z
    .array(screenedCheck)
    .min(AUTOMATIC_CHECK_IDS.length)
    .max(AUTOMATIC_CHECK_IDS.length + MAX_OFFICER_CHECKS),
  toldApplicant: toldApplicantSchema,
});
export type ScreeningRecorded = z.infer<typeof screeningRecorded>;

/** What a screening's shape cannot say: each automatic check once, overrides only where one failed, a result that follows. */
export function screeningProblem(p: ScreeningRecorded): string | null {
  const ids = p.checks.map((c) => c.id);
  if (!unique(ids)) return 'checks must not name a check twice';
  const missing = AUTOMATIC_CHECK_IDS.filter((id) => !ids.includes(id));
  if (missing.length > 0) return `checks must include every automatic check (${missing.join(', ')} missing)`;
  const badOverride = p.checks.find((c) => c.overrideReason !== null && (c.passed || c.id.startsWith('officer:')));
  if (badOverride) return `checks: ${badOverride.id} can be set aside only when it is an automatic check that failed`;
  if (p.result !== resultOf(p.checks)) return `result must be ${resultOf(p.checks)}, as its checks say`;
  if (p.result === 'ineligible' && p.toldApplicant.trim() === '') return 'toldApplicant must say why an ineligible application fails';
  if (!unique(p.supersedes)) return 'supersedes must not name a screening twice';
  return null;
}

/** A decision signed by the Chief Executive: every fact of it, the key it names and its .minisig text. */
export const decisionSigned = z
  .strictObject({
    applicationId: recordId,
    reference: z.string().min(1).max(60),
    organisation: z.string().min(1).max(300),
    roundId: recordId,
    roundName: z.string().min(1).max(200),
    decision: z.enum(DECISION_IDS),
    amountPence: z.number().int().min(0).max(100_000_000_000),
    reason: z.string().max(2000),
    signerId: recordId,
    signerName: z.string().min(1).max(200),
    signedAt: z.iso.datetime(),
    publicKey: z.string().regex(/^RW[Q-T][A-Za-z0-9+/]{53}$/, 'must be a minisign public key'),
    signature: z.string().min(1).max(1000),
    supersedes: z.array(hex64).max(50),
  })
  .refine((d) => (d.decision === 'decline') === (d.amountPence === 0), {
    message: 'must award nothing exactly when declining',
    path: ['amountPence'],
  })
  .refine((d) => d.decision === 'approve' || d.reason.trim().length > 0, {
    message: 'must give a reason to decline or amend',
    path: ['reason'],
  });

/**
 * An amount for one application (0: not funded) and, where it is less than recommended or asked
 * for, the reason the offer letter gives. Whole pence, never negative; its round and area are the
 * application's, never the payload's.
 */
export const allocationSet = z.strictObject({
  applicationId: recordId,
  amountPence: z.number().int().min(0).max(100_000_000_000),
  reason: allocationReason.nullable(),
});
export type AllocationSet = z.infer<typeof allocationSet>;

const isoDay = z.string().refine(isIsoDate, 'must be a real date, YYYY-MM-DD');
/** The grants officer's record that the offer letter of a standing approval was sent: the day, nothing more. */
export const offerSent = z.strictObject({ applicationId: recordId, decisionId: hex64, sentOn: isoDay });
export type OfferSent = z.infer<typeof offerSent>;
/**
 * The signed acceptance slip came back: the day only. Who signed it stays on the paper slip, so the
 * log (which every laptop keeps) holds no more about the applicant's people than it must.
 */
export const offerAccepted = z.strictObject({ applicationId: recordId, decisionId: hex64, acceptedOn: isoDay });
export type OfferAccepted = z.infer<typeof offerAccepted>;
