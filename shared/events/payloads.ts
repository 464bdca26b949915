// Every event type GrantPanel writes, each with its payload's zod schema and the entity it must be
// about. An import refuses a payload this version could not have written (a fund's maximum of
// "lots of money" would show as £NaN and stop the cap working); appending refuses to write one.
// Built once at load: the check runs on every event of a million-event import.
import { z } from 'zod';
import { CONFLICT_KINDS, type ConflictKind, type KindEventType } from '../domain/kinds';
import { areaSchema, fundSchema } from '../domain/catalogue';
import { letterTemplateFields } from '../domain/letters';
import type { ApplicationRecord } from '../domain/application';
import { ukIsoDay } from '../domain/dates';
import { BUDGET_PREFIX, describeIssue, quoted } from './payload-reasons';
import {
  applicationRecord,
  applicationShape,
  areaRecord,
  budget,
  fundRecord,
  hex64,
  importMapping,
  omit,
  personRecord,
  laptopOfficer,
  personFields,
  credentialIssued,
  signedIn,
  signedOut,
  planFields,
  planRecord,
  prioritiesNotOf,
  recordId,
  roundFields,
  roundRecord,
  trustedDevice,
  revokedDevice,
  versionChosen,
  withdrawnReason,
  reinstatedReason,
  rubricFields,
  rubricRecord,
  panelFields,
  panelRecord,
  panelAssigned,
  interestDeclared,
  scoreEntered,
  scoreSubmitted,
  moderationRecorded,
  decisionSigned,
  moderationOpened,
  screeningProblem,
  screeningRecorded,
  type ScreeningRecorded,
  allocationSet,
  type AllocationSet,
  offerSent,
  offerAccepted,
} from './records';
import { PANEL_MEMBER_PREFIX } from './payload-reasons';

/** What a `<kind>.changed` may change: each field with its schema; a round's budgets entry by entry. */
interface Changeable {
  kind: ConflictKind;
  id: z.ZodType;
  fields: Record<string, z.ZodType>;
  entries?: { prefix: string; key: z.ZodType; value: z.ZodType };
  /** Why a field's value cannot be this record's, where that takes the record's id; or null. */
  ofRecord?: (id: string, field: string, value: unknown) => string | null;
}

const CHANGEABLE: Record<ConflictKind, Changeable> = {
  fund: { kind: 'fund', id: fundSchema.shape.id, fields: omit(fundSchema.shape, ['id']) },
  area: { kind: 'area', id: areaSchema.shape.id, fields: omit(areaSchema.shape, ['id']) },
  // A fund's letter template: every field whole, the payments adding up to 100.
  letterTemplate: { kind: 'letterTemplate', id: fundSchema.shape.id, fields: letterTemplateFields },
  // A plan keeps its id and sections; its priorities change as one list, each priority its plan's.
  plan: {
    kind: 'plan',
    id: recordId,
    fields: planFields,
    ofRecord: (id, field, value) =>
      field === 'priorities' && Array.isArray(value) ? prioritiesNotOf(id, value as { id: string; planId: string }[]) : null,
  },
  round: {
    kind: 'round',
    id: recordId,
    fields: omit(roundFields, ['budgets']),
    // A removed budget's value is null.
    entries: { prefix: BUDGET_PREFIX, key: budget.areaId, value: budget.amountPence.nullable() },
  },
  person: { kind: 'person', id: recordId, fields: personFields },
  // An application keeps its id, reference, round and date received.
  application: { kind: 'application', id: recordId, fields: omit(applicationShape, ['id', 'reference', 'roundId', 'receivedAt']) },
  rubric: { kind: 'rubric', id: recordId, fields: rubricFields },
  // A panel keeps its round; members join and leave one by one (a leaving member's value is null).
  panel: {
    kind: 'panel',
    id: recordId,
    fields: omit(panelFields, ['roundId', 'memberIds']),
    entries: { prefix: PANEL_MEMBER_PREFIX, key: recordId, value: z.literal(true).nullable() },
  },
};

/** The fields a `<kind>.changed` event may name (besides a round's `budget:<areaId>` entries). */
export function changeableFields(kind: ConflictKind): string[] {
  return Object.keys(CHANGEABLE[kind].fields);
}

interface FieldSchemas {
  /** The value chosen. */
  to: z.ZodType;
  /** The value replaced: null where the record did not have the field. */
  from: z.ZodType;
}

const fieldSchemas = new Map(
  Object.values(CHANGEABLE).map((k) => [
    k,
    new Map(Object.entries(k.fields).map(([f, to]): [string, FieldSchemas] => [f, { to, from: to.nullable() }])),
  ]),
);
const entrySchemas = new Map(
  Object.values(CHANGEABLE).flatMap((k) => (k.entries ? [[k, { to: k.entries.value, from: k.entries.value }]] : [])),
);

/** The schemas for one field of a kind, or why the kind has no such field. */
function fieldOf(k: Changeable, field: string): FieldSchemas | string {
  const known = fieldSchemas.get(k)?.get(field);
  if (known) return known;
  const entry = entrySchemas.get(k);
  if (k.entries && entry && field.startsWith(k.entries.prefix)) {
    const key = k.entries.key.safeParse(field.slice(k.entries.prefix.length));
    if (key.success) return entry;
  }
  return `${quoted(field)} is not a field of ${k.kind === 'application' || k.kind === 'area' ? 'an' : 'a'} ${k.kind} that can change`;
}

/** Only to describe a failure: asking zod to report inputs makes every parse slower. */
const REPORT_INPUT = { reportInput: true } as const;

function firstProblem(schema: z.ZodType, value: unknown, base: PropertyKey[]): string | null {
  if (schema.safeParse(value).success) return null;
  const issue = schema.safeParse(value, REPORT_INPUT).error?.issues[0];
  return issue ? describeIssue(issue, base) : 'is not valid';
}

type Changes = Record<string, { from: unknown; to: unknown }>;

function checkChanges(k: Changeable, changes: Changes, id: string): string | null {
  for (const [field, change] of Object.entries(changes)) {
    const schemas = fieldOf(k, field);
    if (typeof schemas === 'string') return schemas;
    const problem =
      firstProblem(schemas.to, change.to, ['changes', field, 'to']) ?? firstProblem(schemas.from, change.from, ['changes', field, 'from']);
    if (problem) return problem;
    const notOurs = k.ofRecord?.(id, field, change.to);
    if (notOurs) return `${field} ${notOurs}`;
  }
  return null;
}

const changesSchema = z.record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() }));

interface EventSpec {
  schema: z.ZodType;
  /** Where a type has had more than one shape: the schema for this payload's. */
  schemaFor?(payload: unknown): z.ZodType;
  /** The entity the event must be filed under, from its payload. */
  entity(payload: never): string;
  /** Checks the payload's shape alone cannot make (a change's field by field), once it has that shape. */
  then?(payload: never): string | null;
}

/** A member's own record about one application: `score:<application>:<member>`. */
const onesOwn =
  (prefix: string) =>
  (p: { applicationId: string; memberId: string }): string =>
    `${prefix}:${p.applicationId}:${p.memberId}`;

const whole = (prefix: string, schema: z.ZodType): EventSpec => ({ schema, entity: (p: { id: string }) => `${prefix}:${p.id}` });

/** An application entered in the register cannot have been received after the day it was entered. */
const received: EventSpec = {
  ...whole('application', applicationRecord),
  then: (a: ApplicationRecord) =>
    a.receivedOn && a.receivedOn > ukIsoDay(a.receivedAt)
      ? `its date received (${a.receivedOn}) is after the day it was entered (${ukIsoDay(a.receivedAt)})`
      : null,
};

const changed = (k: Changeable): EventSpec => ({
  schema: z.strictObject({ id: k.id, changes: changesSchema }),
  entity: (p: { id: string }) => `${k.kind}:${p.id}`,
  then: (p: { id: string; changes: Changes }) => checkChanges(k, p.changes, p.id),
});

interface Resolved {
  kind: ConflictKind;
  id: string;
  choices: Record<string, string>;
  values: Record<string, unknown>;
  changes: Changes;
}

/** A person's choice in a conflict: the fields chosen, the values they chose and the changes that follow. */
function checkResolved(p: Resolved): string | null {
  const k = CHANGEABLE[p.kind];
  const id = firstProblem(k.id, p.id, ['id']);
  if (id) return id;
  for (const field of Object.keys(p.choices)) {
    const schemas = fieldOf(k, field);
    if (typeof schemas === 'string') return schemas;
  }
  for (const [field, value] of Object.entries(p.values)) {
    const schemas = fieldOf(k, field);
    if (typeof schemas === 'string') return schemas;
    const problem = firstProblem(schemas.from, value, ['values', field]);
    if (problem) return problem;
    const notOurs = k.ofRecord?.(p.id, field, value);
    if (notOurs) return `${field} ${notOurs}`;
  }
  return checkChanges(k, p.changes, p.id);
}

const SPECS = {
  // Before people signed in, each laptop added its one implicit officer: { id, name, role: 'officer' }.
  'person.added': {
    ...whole('person', personRecord),
    schemaFor: (p) => (typeof p === 'object' && p !== null && 'role' in p ? laptopOfficer : personRecord),
  },
  'person.changed': changed(CHANGEABLE.person),
  'session.signedIn': { schema: signedIn, entity: (p: { personId: string }) => `person:${p.personId}` },
  'session.signedOut': { schema: signedOut, entity: (p: { personId: string }) => `person:${p.personId}` },
  'credential.issued': { schema: credentialIssued, entity: (p: { personId: string }) => `person:${p.personId}` },
  'fund.seeded': whole('fund', fundRecord),
  'fund.added': whole('fund', fundRecord),
  'fund.changed': changed(CHANGEABLE.fund),
  'letterTemplate.changed': changed(CHANGEABLE.letterTemplate),
  'area.seeded': whole('area', areaRecord),
  'area.added': whole('area', areaRecord),
  'area.changed': changed(CHANGEABLE.area),
  'plan.seeded': whole('plan', planRecord),
  'plan.added': whole('plan', planRecord),
  'plan.changed': changed(CHANGEABLE.plan),
  'round.added': whole('round', roundRecord),
  'round.changed': changed(CHANGEABLE.round),
  'application.received': received,
  // Registered with the other kinds' `.added`, though the app writes `application.received`.
  'application.added': received,
  'application.changed': changed(CHANGEABLE.application),
  // A withdrawn application taken back into the register, with why; harmless if it is not withdrawn.
  'application.reinstated': whole('application', z.strictObject({ id: recordId, reason: reinstatedReason })),
  'conflict.resolved': {
    schema: z.strictObject({
      conflict: hex64,
      kind: z.enum(CONFLICT_KINDS),
      id: z.string(),
      choices: z.record(z.string(), z.enum(['kept', 'incoming'])),
      values: z.record(z.string(), z.unknown()),
      changes: changesSchema,
    }),
    entity: (p: Resolved) => `${p.kind}:${p.id}`,
    then: checkResolved,
  },
  'device.trusted': { schema: trustedDevice, entity: (p: { deviceId: string }) => `device:${p.deviceId}` },
  'device.revoked': { schema: revokedDevice, entity: (p: { deviceId: string }) => `device:${p.deviceId}` },
  'device.versionChosen': { schema: versionChosen, entity: (p: { deviceId: string }) => `device:${p.deviceId}` },
  'screening.recorded': {
    schema: screeningRecorded,
    entity: (p: ScreeningRecorded) => `screening:${p.applicationId}`,
    then: screeningProblem,
  },
  'importMapping.saved': { schema: importMapping, entity: (p: { signature: string }) => `importMapping:${p.signature}` },
  'rubric.added': whole('rubric', rubricRecord),
  'rubric.changed': changed(CHANGEABLE.rubric),
  'panel.added': whole('panel', panelRecord),
  'panel.changed': changed(CHANGEABLE.panel),
  'panel.assigned': { schema: panelAssigned, entity: (p: { applicationId: string }) => `panelAssignment:${p.applicationId}` },
  'interest.declared': { schema: interestDeclared, entity: onesOwn('declaration') },
  'score.entered': { schema: scoreEntered, entity: onesOwn('score') },
  'score.submitted': { schema: scoreSubmitted, entity: onesOwn('score') },
  'moderation.recorded': { schema: moderationRecorded, entity: (p: { applicationId: string }) => `moderation:${p.applicationId}` },
  'decision.signed': { schema: decisionSigned, entity: (p: { applicationId: string }) => `decision:${p.applicationId}` },
  'moderation.opened': { schema: moderationOpened, entity: (p: { panelId: string }) => `moderationOpening:${p.panelId}` },
  'allocation.set': { schema: allocationSet, entity: (p: AllocationSet) => `allocation:${p.applicationId}` },
  'offer.sent': { schema: offerSent, entity: (p: { applicationId: string }) => `offer:${p.applicationId}` },
  'offer.accepted': { schema: offerAccepted, entity: (p: { applicationId: string }) => `offer:${p.applicationId}` },
  // Written by older versions, still replayed from their logs.
  'fund.saved': whole('fund', fundRecord),
  'area.saved': whole('area', areaRecord),
  'plan.saved': whole('plan', planRecord),
  'round.saved': whole('round', roundRecord),
  'application.withdrawn': whole('application', z.strictObject({ id: recordId, reason: withdrawnReason })),
} satisfies Record<KindEventType, EventSpec>;

export type EventType = keyof typeof SPECS;
export const EVENT_TYPES = Object.keys(SPECS) as readonly EventType[];

/** The top-level fields of an event type's payload, for docs/events.md. */
export function payloadFields(type: EventType): string[] {
  const schema = SPECS[type].schema as z.ZodType & { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(SPECS, type);
}

/**
 * Why an event's payload is refused, or null when it is fine: the payload has its type's shape,
 * field by field, and the event is filed under the entity its payload is about. The reason is short
 * and names the field: "fund.changed: maxAwardPence must be a whole number of pence". A type this
 * version does not know (from a newer GrantPanel) passes: it is kept in the log but not projected.
 */
export function checkEventPayload(type: string, entity: string, payload: unknown): string | null {
  if (!isKnownEventType(type)) return null;
  const spec: EventSpec = SPECS[type];
  const problem = firstProblem(spec.schemaFor?.(payload) ?? spec.schema, payload, []) ?? spec.then?.(payload as never) ?? null;
  if (problem) return `${type}: ${problem}`;
  const expected = spec.entity(payload as never);
  if (entity !== expected) return `${type}: it is filed under ${quoted(entity)} but its payload is about ${quoted(expected)}`;
  return null;
}
