// A round's rubric as every laptop projects it. Edited field by field like the catalogue; once a
// score names its version, a change to weights, scales or the list of criteria and gates is
// refused as it arrives (raised for a person) unless it starts the next version. A person who
// settles that conflict by choosing the change starts the next version too.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { describePlain, editableProjectors, type Editable } from '../merge/editable';
import { scoringShape, type RubricContent, type RubricRecord } from '../../../shared/domain/rubric';

interface RubricRow {
  round_id: string;
  version: number;
  content: string;
}

const CONTENT_FIELDS = ['criteria', 'gates', 'bands', 'spreadPoints', 'spreadDeviation', 'rankShiftPlaces'] as const;

const LABELS: Record<string, string> = {
  version: 'Version',
  criteria: 'Criteria',
  gates: 'Gates',
  bands: 'Bands',
  spreadPoints: 'Spread flag (points)',
  spreadDeviation: 'Spread flag (standard deviation)',
  rankShiftPlaces: 'Rank difference flagged (places)',
};

export function readRubric(db: Db, roundId: string): RubricRecord | undefined {
  const row = statement<[string], RubricRow>(db, 'SELECT round_id, version, content FROM rubrics WHERE round_id = ?').get(roundId);
  return row && { id: row.round_id, version: row.version, ...(JSON.parse(row.content) as RubricContent) };
}

/** The 16-hex digest of what a score depends on: a score given against another shape does not count. */
export function shapeDigest(r: Pick<RubricContent, 'criteria' | 'gates'>): string {
  return createHash('sha256').update(scoringShape(r)).digest('hex').slice(0, 16);
}

/** Whether any score names this version of the round's rubric: its weights and levels are then fixed. */
export function versionScored(db: Db, roundId: string, version: number): boolean {
  return !!statement(db, 'SELECT 1 FROM scores WHERE round_id = ? AND rubric_version = ? LIMIT 1').get(roundId, version);
}

/** Scored against, and the weights, scales, criteria or gates would change within the same version. */
function changesScoredShape(db: Db, held: RubricRecord, next: RubricRecord): boolean {
  return next.version === held.version && scoringShape(next) !== scoringShape(held) && versionScored(db, held.id, held.version);
}

function writeRubric(db: Db, r: RubricRecord): void {
  const held = readRubric(db, r.id);
  // A settled conflict that chose a change to a scored version: it becomes the next version.
  const version = held && changesScoredShape(db, held, r) ? held.version + 1 : r.version;
  const content = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, r[f]]));
  statement(db, 'INSERT OR REPLACE INTO rubrics (round_id, version, content) VALUES (?, ?, ?)').run(r.id, version, JSON.stringify(content));
}

export const rubrics: Editable<RubricRecord, 'rubric'> = {
  kind: 'rubric',
  noun: 'rubric',
  fields: Object.keys(LABELS),
  read: readRubric,
  write: writeRubric,
  label: (r, db) => {
    const round = statement<[string], { name: string }>(db, 'SELECT name FROM rounds WHERE id = ?').get(r.id);
    return `${round?.name ?? r.id}, version ${r.version}`;
  },
  fieldLabel: (_, field) => LABELS[field] ?? field,
  describe: (_, field, value) => {
    if (field === 'criteria' && Array.isArray(value))
      return value.map((c: { name: string; weight: number; scale: number }) => `${c.name} (weight ${c.weight}, 0–${c.scale})`).join('\n');
    if ((field === 'gates' || field === 'bands') && Array.isArray(value))
      return value
        .map((x: { name?: string; label?: string; fromPercent?: number }) => x.name ?? `${x.label} from ${x.fromPercent}%`)
        .join('\n');
    return describePlain(value);
  },
  refuses: changesScoredShape,
};

export const rubricKind: CoreKinds['rubric'] = { editable: rubrics, projectors: editableProjectors(rubrics) };
