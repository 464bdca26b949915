// The Conflicts screen's core: concurrent edits a person must decide, listed with both versions,
// and resolved by a `conflict.resolved` event that travels to every laptop like any other.
import type { ConflictKind, ConflictSummary, ConflictVersion } from '../../../shared/contract/conflicts';
import { writeCapability } from '../../../shared/domain/kinds';
import { DomainError } from '../../../shared/contract/result';
import { canonicalJson } from '../../../shared/events/canonical';
import { decodeHlc } from '../../../shared/events/hlc';
import { authorise, can } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { laptopName } from '../bundles/trust';
import { appendOnly } from './append-only';
import { releasePersonalData } from '../personal-data';
import {
  applyChanges,
  clashesWith,
  mergeableFields,
  raiseConflict,
  sourceOf,
  type ClashingField,
  type Editable,
  type FieldChanges,
  type VersionSource,
} from './editable';

interface ConflictRow {
  id: string;
  kind: ConflictKind;
  entity_id: string;
  fields: string;
  raised_at: string;
  raised_by: string;
  raised_device: string;
  kept_at: string | null;
  kept_by: string | null;
  kept_device: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface ResolvedPayload {
  conflict: string;
  kind: ConflictKind;
  id: string;
  choices: Record<string, 'kept' | 'incoming'>;
  /** The value chosen for each field, so a second, different decision can be recognised. */
  values: Record<string, unknown>;
  changes: FieldChanges;
}

/** Resolutions are append-only: the first stands; a second, different one is raised for a person. */
const resolutions = appendOnly<ResolvedPayload>(
  { kind: 'conflictResolution', subject: (r) => r.conflict, supersedes: () => [], gist: (r) => canonicalJson(r.choices) },
  {
    stand: (db, r, e, projection) => {
      const kind = projection.editable(r.kind);
      if (!kind) return;
      // A choice made from what the resolver saw: if another change got there first, it clashes again.
      applyChanges(db, kind, r.id, r.changes, e, true);
      statement(db, 'UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').run(
        e.hlc,
        e.actor,
        canonicalJson(r.choices),
        r.conflict,
      );
      // The version not chosen is no longer offered: its personal data, if any, is a leftover now.
      const clashes = JSON.parse(
        statement<[string], { fields: string }>(db, 'SELECT fields FROM conflicts WHERE id = ?').get(r.conflict)?.fields ?? '[]',
      ) as ClashingField[];
      for (const c of clashes.filter((c) => kind.personalFields?.includes(c.field))) {
        releasePersonalData(db, c.kept);
        releasePersonalData(db, c.incoming);
      }
    },
    // Two people decided the same conflict differently: the first decision (in clock order)
    // stays in effect, and the second's differing fields become a conflict of their own.
    raise: (db, r, e, projection) => {
      const kind = projection.editable(r.kind);
      const held = kind?.read(db, r.id);
      if (kind && held) raiseConflict(db, kind, r.id, clashesWith(mergeableFields(kind, held), r.values), e);
    },
  },
);

export const conflictResolutionKind: CoreKinds['conflictResolution'] = { projectors: { 'conflict.resolved': resolutions } };

/** The instant a clock reading stands for (ISO). */
export const instant = (hlc: string) => new Date(decodeHlc(hlc).millis).toISOString();

/** A person by name, from the people table. */
export function personName(db: Db, id: string): string {
  return statement<[string], { name: string }>(db, 'SELECT name FROM people WHERE id = ?').get(id)?.name ?? 'someone not yet known here';
}

function kindOf(ctx: CoreContext, row: ConflictRow): Editable {
  const kind = ctx.projection.editable(row.kind);
  if (!kind) throw new Error(`No merge rule for ${row.kind}`);
  return kind;
}

/** Who made a version, on which laptop as this one names it, and when: for the Conflicts screen and an application's history. */
export function version(ctx: CoreContext, source: VersionSource): ConflictVersion {
  return {
    by: personName(ctx.db, source.actor),
    yours: source.actor === ctx.person.id,
    on: laptopName(ctx.db, ctx.device.id, source.deviceId),
    thisLaptop: source.deviceId === ctx.device.id,
    at: instant(source.hlc),
  };
}

function summarise(ctx: CoreContext, row: ConflictRow): ConflictSummary {
  const kind = kindOf(ctx, row);
  const current = kind.read(ctx.db, row.entity_id);
  const held = current ? mergeableFields(kind, current) : {};
  const clashes = JSON.parse(row.fields) as ClashingField[];
  const hidden = can(ctx.person, 'read-personal-data') ? [] : (kind.personalFields ?? []);
  const describe = (field: string, value: unknown) =>
    hidden.includes(field) ? '(personal data — not shown to you)' : kind.describe(ctx.db, field, value);
  // "Kept" is what the register holds now, which later edits may have moved on since: then its
  // maker is whoever set what is held now, found in the log.
  const keptNow = Object.fromEntries(clashes.map((c) => [c.field, current ? (held[c.field] ?? null) : c.kept]));
  const movedOn = clashes.some((c) => canonicalJson(keptNow[c.field] ?? null) !== canonicalJson(c.kept ?? null));
  const keptSource: VersionSource | undefined = movedOn
    ? sourceOf(ctx.db, kind, row.entity_id, keptNow)
    : row.kept_at && row.kept_by && row.kept_device
      ? { hlc: row.kept_at, actor: row.kept_by, deviceId: row.kept_device }
      : undefined;
  return {
    id: row.id,
    kind: row.kind,
    noun: kind.noun,
    entityId: row.entity_id,
    label: current ? kind.label(current, ctx.db) : row.entity_id,
    fields: clashes.map((c) => ({
      field: c.field,
      label: kind.fieldLabel(ctx.db, c.field),
      kept: describe(c.field, keptNow[c.field]),
      incoming: describe(c.field, c.incoming),
    })),
    versions: {
      kept: keptSource ? version(ctx, keptSource) : null,
      incoming: version(ctx, { hlc: row.raised_at, actor: row.raised_by, deviceId: row.raised_device }),
    },
    resolvedAt: row.resolved_at ? instant(row.resolved_at) : null,
    resolvedBy: row.resolved_by ? personName(ctx.db, row.resolved_by) : null,
  };
}

function getConflict(db: Db, id: string): ConflictRow {
  const row = statement<[string], ConflictRow>(db, 'SELECT * FROM conflicts WHERE id = ?').get(id);
  if (!row) throw new DomainError('NOT_FOUND', 'That conflict is not on this laptop');
  return row;
}

export const conflictHandlers: Handlers<'conflicts.list' | 'conflicts.resolve'> = {
  'conflicts.list': ({ includeResolved }, ctx) => {
    authorise(ctx, 'read-register');
    const open = statement<[], { n: number }>(ctx.db, 'SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL').get()?.n ?? 0;
    // Open ones through their index; with the resolved too, every conflict is read (the Conflicts screen's history).
    const rows = statement<[], ConflictRow>(
      ctx.db,
      includeResolved
        ? 'SELECT * FROM conflicts ORDER BY resolved_at IS NOT NULL, raised_at LIMIT 500'
        : 'SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY raised_at LIMIT 500',
    ).all();
    return { open, conflicts: rows.map((r) => summarise(ctx, r)) };
  },
  'conflicts.resolve': ({ id, choices }, ctx) => {
    const row = getConflict(ctx.db, id);
    authorise(ctx, writeCapability(row.kind));
    if (row.resolved_at) {
      throw new DomainError('CONFLICT', `This conflict was already resolved by ${personName(ctx.db, row.resolved_by ?? '')}`);
    }
    const kind = kindOf(ctx, row);
    const held = kind.read(ctx.db, row.entity_id);
    if (!held) throw new DomainError('NOT_FOUND', `That ${kind.noun} is no longer on this laptop`);
    const clashes = JSON.parse(row.fields) as ClashingField[];
    const missing = clashes.filter((c) => !choices[c.field]);
    const unknown = Object.keys(choices).filter((f) => !clashes.some((c) => c.field === f));
    if (missing.length > 0 || unknown.length > 0) {
      throw new DomainError('VALIDATION', 'Choose a version for each field in conflict', [
        ...missing.map((c) => ({ field: c.field, message: `Choose which ${kind.fieldLabel(ctx.db, c.field).toLowerCase()} to keep` })),
        ...unknown.map((f) => ({ field: f, message: `${f} is not in conflict here` })),
      ]);
    }
    const current = mergeableFields(kind, held);
    const changes: FieldChanges = {};
    for (const c of clashes) {
      if (choices[c.field] === 'incoming' && canonicalJson(current[c.field] ?? null) !== canonicalJson(c.incoming ?? null)) {
        changes[c.field] = { from: current[c.field] ?? null, to: c.incoming };
      }
    }
    const values = Object.fromEntries(
      clashes.map((c) => [c.field, choices[c.field] === 'incoming' ? c.incoming : (current[c.field] ?? null)]),
    );
    const payload: ResolvedPayload = { conflict: id, kind: row.kind, id: row.entity_id, choices, values, changes };
    write(ctx, () => ctx.log.append(ctx.person.id, 'conflict.resolved', `${row.kind}:${row.entity_id}`, payload));
    return summarise(ctx, getConflict(ctx.db, id));
  },
};
