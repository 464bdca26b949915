// A round's scores read whole, for moderation and normalisation: each member's sheet per
// application (levels, gate answers, comments, who typed it), counting only scores given against
// the rubric as it stands, and which sheets hold scores against another version. Grouped in SQL:
// at a panel's scale (300 applications × 8 members × 8 criteria) that is 2,400 rows, not 19,200.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { GATE_PASS } from '../../../shared/domain/panels';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { shapeDigest } from './rubrics';

export interface MemberSheet {
  levels: Record<string, number | null>;
  gates: Record<string, 'pass' | 'fail' | null>;
  comments: Record<string, string>;
  typedBy: string | null;
  /** Holds scores given against another version of the rubric, which do not count. */
  stale: boolean;
  /** Holds any score at all, current or not. */
  entered: boolean;
}

export type RoundScores = Map<string, Map<string, MemberSheet>>;

const emptySheet = (): MemberSheet => ({ levels: {}, gates: {}, comments: {}, typedBy: null, stale: false, entered: true });

export function roundScores(db: Db, rubric: RubricRecord): RoundScores {
  const byApplication: RoundScores = new Map();
  const sheet = (applicationId: string, memberId: string) => {
    let members = byApplication.get(applicationId);
    if (!members) byApplication.set(applicationId, (members = new Map()));
    let found = members.get(memberId);
    if (!found) members.set(memberId, (found = emptySheet()));
    return found;
  };
  const gates = new Set(rubric.gates.map((g) => g.id));
  const criteria = new Set(rubric.criteria.map((c) => c.id));
  const args: [string, number, string] = [rubric.id, rubric.version, shapeDigest(rubric)];
  // Criterion ids are lower-case letters, digits and hyphens: ':' and ',' cannot occur in one.
  const current = statement<
    [string, number, string],
    { application_id: string; member_id: string; levels: string; typed_by: string | null }
  >(
    db,
    `SELECT application_id, member_id, group_concat(criterion_id || ':' || coalesce(level, ''), ',') AS levels, max(typed_by) AS typed_by
       FROM scores WHERE round_id = ? AND rubric_version = ? AND rubric_shape = ? GROUP BY application_id, member_id`,
  ).all(...args);
  for (const row of current) {
    const s = sheet(row.application_id, row.member_id);
    s.typedBy = row.typed_by;
    for (const pair of row.levels.split(',')) {
      const [id = '', text = ''] = pair.split(':');
      const level = text === '' ? null : Number(text);
      if (gates.has(id)) s.gates[id] = level === null ? null : level === GATE_PASS ? 'pass' : 'fail';
      else if (criteria.has(id)) s.levels[id] = level;
    }
  }
  for (const row of statement<
    [string, number, string],
    { application_id: string; member_id: string; criterion_id: string; comment: string }
  >(
    db,
    `SELECT application_id, member_id, criterion_id, comment FROM scores
      WHERE round_id = ? AND rubric_version = ? AND rubric_shape = ? AND comment != ''`,
  ).all(...args))
    sheet(row.application_id, row.member_id).comments[row.criterion_id] = row.comment;
  for (const row of statement<[string, number, string], { application_id: string; member_id: string }>(
    db,
    `SELECT DISTINCT application_id, member_id FROM scores WHERE round_id = ? AND NOT (rubric_version = ? AND rubric_shape = ?)`,
  ).all(...args))
    sheet(row.application_id, row.member_id).stale = true;
  return byApplication;
}
