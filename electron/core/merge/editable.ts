// Entities edited field by field (the 'fields-person-resolves' rule): each kind says how to read
// and write its record; this module turns its events into table rows and conflicts.
import { canonicalJson } from '../../../shared/events/canonical';
import type { StoredEvent } from '../../../shared/events/event';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { madeBy, type Projector } from '../events/project';
import { KINDS, type ConflictKind as EditableKind } from '../../../shared/domain/kinds';
import { releasePersonalData } from '../personal-data';

export interface EntityRecord {
  id: string;
}

/** Any record's fields by name. */
const fieldsOf = (r: object) => r as Record<string, unknown>;

/** Field by field: the value the editor saw, and the value they chose. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export interface ChangedPayload {
  id: string;
  changes: FieldChanges;
}

export interface Editable<T extends EntityRecord = EntityRecord, K extends EditableKind = EditableKind> {
  kind: K;
  /** "fund", "application": for messages. */
  noun: string;
  /** The fields a change may touch; the rest (id, reference…) are fixed once added. */
  fields: readonly string[];
  /**
   * A list merged entry by entry, each entry a field of its own named `prefix + key` (a round's
   * budgets: `budget:coventry`), so two laptops changing different entries both succeed.
   */
  entries?: ListEntries;
  /** Fields that stand for personal data: shown only to people allowed to read it. */
  personalFields?: readonly string[];
  read(db: Db, id: string): T | undefined;
  write(db: Db, record: T): void;
  /** How a person recognises the record: its name or reference. */
  label(record: T, db: Db): string;
  fieldLabel(db: Db, field: string): string;
  /** A value as a grants officer reads it: £1,250.00, 25 Nov 2026, Yes. */
  describe(db: Db, field: string, value: unknown): string;
  /**
   * Whether the record, as the log stands, may not become `next` by an ordinary change (a rubric
   * already scored against). A refused change keeps what is held and is raised for a person.
   */
  refuses?(db: Db, held: T, next: T): boolean;
}

export interface ListEntries {
  field: string;
  prefix: string;
  key(entry: unknown): string;
  value(entry: unknown): unknown;
  make(key: string, value: unknown): unknown;
}

export interface ClashingField {
  field: string;
  kept: unknown;
  incoming: unknown;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** A record as its mergeable fields by name: the listed fields, and each list entry as a field. */
export function mergeableFields(e: Editable, record: object): Record<string, unknown> {
  const r = fieldsOf(record);
  const flat: Record<string, unknown> = Object.fromEntries(e.fields.filter((f) => f in r).map((f) => [f, r[f]]));
  const list = e.entries;
  if (list && Array.isArray(r[list.field])) for (const x of r[list.field] as unknown[]) flat[list.prefix + list.key(x)] = list.value(x);
  return flat;
}

/** The record with these mergeable fields' values: list entries gathered back, in key order, absent ones dropped. */
function withFields<T extends EntityRecord>(e: Editable<T>, record: T, flat: Record<string, unknown>): T {
  const next = { ...fieldsOf(record), ...Object.fromEntries(e.fields.filter((f) => f in flat).map((f) => [f, flat[f]])) };
  const list = e.entries;
  if (list) {
    const keys = Object.keys(flat)
      .filter((f) => f.startsWith(list.prefix) && flat[f] !== null && flat[f] !== undefined)
      .sort();
    next[list.field] = keys.map((f) => list.make(f.slice(list.prefix.length), flat[f]));
  }
  return next as unknown as T;
}

const mergeable = (e: Editable, field: string) =>
  e.fields.includes(field) || (e.entries !== undefined && field.startsWith(e.entries.prefix));

/** What an edit changes: only the fields whose values differ, each with the value it replaces. */
export function changesBetween<T extends EntityRecord>(e: Editable<T>, current: T, next: Partial<T>): FieldChanges {
  const plain = e as unknown as Editable;
  const now = mergeableFields(plain, current);
  const then = mergeableFields(plain, { ...current, ...next });
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(now), ...Object.keys(then)])) {
    if (!same(now[field], then[field])) changes[field] = { from: now[field] ?? null, to: then[field] ?? null };
  }
  return changes;
}

/** Who made a version, on which laptop, when (its clock reading). */
export interface VersionSource {
  hlc: string;
  actor: string;
  deviceId: string;
}

interface EventRow {
  hlc: string;
  actor: string;
  device_id: string;
  type: string;
  payload: string;
}

/**
 * The event that gave a record's fields the values they hold: the latest (in clock order, and
 * before `before` if given) whose effect on one of the fields was the value it holds. A change or a
 * resolution sets the fields it names; a whole record (added, received, seeded, saved) sets every
 * field it has. A change that clashed wanted another value, so it never matches. Undefined when no
 * event in the log set those values (a log from before the record's first event was kept).
 */
export function sourceOf(
  db: Db,
  e: Editable,
  id: string,
  values: Record<string, unknown>,
  before?: Pick<StoredEvent, 'hlc' | 'deviceId' | 'seq'>,
): VersionSource | undefined {
  const entity = `${e.kind}:${id}`;
  const rows = before
    ? statement<[string, string, string, number], EventRow>(
        db,
        'SELECT hlc, actor, device_id, type, payload FROM events WHERE entity = ? AND (hlc, device_id, seq) < (?, ?, ?) ORDER BY hlc DESC, device_id DESC, seq DESC',
      ).iterate(entity, before.hlc, before.deviceId, before.seq)
    : statement<[string], EventRow>(
        db,
        'SELECT hlc, actor, device_id, type, payload FROM events WHERE entity = ? ORDER BY hlc DESC, device_id DESC, seq DESC',
      ).iterate(entity);
  const types: readonly string[] = [...KINDS[e.kind].events, 'conflict.resolved'];
  for (const row of rows) {
    if (!types.includes(row.type)) continue;
    const payload = JSON.parse(row.payload) as { changes?: FieldChanges };
    const set: Record<string, unknown> = payload.changes
      ? Object.fromEntries(Object.entries(payload.changes).map(([f, c]) => [f, c.to]))
      : mergeableFields(e, payload);
    if (Object.entries(values).some(([f, v]) => f in set && same(set[f], v)))
      return { hlc: row.hlc, actor: row.actor, deviceId: row.device_id };
  }
  return undefined;
}

export function raiseConflict(db: Db, e: Editable, id: string, clashes: ClashingField[], event: StoredEvent): void {
  if (clashes.length === 0) return;
  // The version kept: who set the values held, so a person can see which laptop's change it was.
  const kept = sourceOf(db, e, id, Object.fromEntries(clashes.map((c) => [c.field, c.kept])), event);
  statement(
    db,
    'INSERT OR IGNORE INTO conflicts (id, kind, entity_id, fields, raised_at, raised_by, raised_device, kept_at, kept_by, kept_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    event.hash,
    e.kind,
    id,
    canonicalJson(clashes),
    event.hlc,
    event.actor,
    event.deviceId,
    kept?.hlc ?? null,
    kept?.actor ?? null,
    kept?.deviceId ?? null,
  );
}

/**
 * Applies each change made from the value held now; a field already holding the chosen value is
 * left alone; a field holding a third value clashes, keeps what it holds and raises a conflict.
 * A change the kind refuses as the log stands (`refuses`) clashes whole.
 */
export function applyChanges(db: Db, e: Editable, id: string, changes: FieldChanges, event: StoredEvent, settling = false): void {
  // Not here yet: the event adding it is in a gap still to arrive; the rebuild that follows its
  // arrival replays this change in order.
  const held = e.read(db, id);
  if (!held) return;
  const current = mergeableFields(e, held);
  const next = { ...current };
  const clashes: ClashingField[] = [];
  const applied: string[] = [];
  let changed = false;
  for (const [field, { from, to }] of Object.entries(changes)) {
    if (!mergeable(e, field)) continue;
    if (same(current[field], from)) {
      next[field] = to;
      changed = true;
      applied.push(field);
    } else if (!same(current[field], to)) {
      clashes.push({ field, kept: current[field] ?? null, incoming: to });
    }
  }
  const record = changed ? withFields(e, held, next) : held;
  // A person settling a conflict has seen both versions: their choice is not refused.
  if (changed && !settling && e.refuses?.(db, held, record)) {
    // Every field it would have changed clashes: the held version stays until a person chooses.
    for (const field of applied)
      if (!same(current[field], next[field])) clashes.push({ field, kept: current[field] ?? null, incoming: next[field] });
    raiseConflict(db, e, id, clashes, event);
    return;
  }
  if (changed) e.write(db, record);
  raiseConflict(db, e, id, clashes, event);
  // Personal data the record has moved off is erased here, in the projection, so every laptop
  // (and every rebuild) lets go of the same details.
  for (const field of e.personalFields ?? []) if (!same(current[field], next[field])) releasePersonalData(db, current[field]);
}

/** The fields where `incoming` differs from what is held: each a clash. */
export function clashesWith(held: Record<string, unknown>, incoming: Record<string, unknown>): ClashingField[] {
  return Object.entries(incoming)
    .filter(([field, value]) => !same(held[field], value))
    .map(([field, value]) => ({ field, kept: held[field] ?? null, incoming: value ?? null }));
}

/** The same id added on two laptops: the first added stays, and differing fields of the second clash. */
function added(db: Db, e: Editable, event: StoredEvent): void {
  const record = fieldsOf(event.payload as EntityRecord);
  const id = String(record.id);
  const held = e.read(db, id);
  if (!held) return e.write(db, record as unknown as EntityRecord);
  const current = mergeableFields(e, held);
  // Every field either side has, so an entry only one side lists clashes with its absence.
  const incoming = { ...Object.fromEntries(Object.keys(current).map((f) => [f, null])), ...mergeableFields(e, record) };
  const clashes = clashesWith(current, incoming);
  raiseConflict(db, e, id, clashes, event);
}

/** The projectors of a kind's `<kind>.added` and `<kind>.changed` events. */
export function editableProjectors<T extends EntityRecord, K extends EditableKind>(
  e: Editable<T, K>,
): Record<`${K}.added` | `${K}.changed`, Projector> {
  const plain = e as unknown as Editable;
  const projectors: Record<string, Projector> = {
    [`${e.kind}.added`]: madeBy('fields-person-resolves', (db, event) => added(db, plain, event)),
    [`${e.kind}.changed`]: madeBy('fields-person-resolves', (db, event) => {
      const { id, changes } = event.payload as ChangedPayload;
      applyChanges(db, plain, id, changes, event);
    }),
  };
  return projectors as Record<`${K}.added` | `${K}.changed`, Projector>;
}

/** A value with no special meaning, as text: blank, Yes/No, 1,250, or the text itself. */
export function describePlain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(describePlain).join('; ');
  return canonicalJson(value);
}
