// The paper score sheets CSV: one row per score, as an officer types completed sheets into a
// spreadsheet. Rows for the same application and member make up that member's sheet.
import type { RubricRecord } from '../domain/rubric';
import { GATE_FAIL, GATE_PASS } from '../domain/panels';

export type ScoreField = 'reference' | 'member' | 'criterion' | 'score' | 'comment';

export interface ScoreColumn {
  field: ScoreField;
  header: string;
  required: boolean;
  hint: string;
  aliases: string[];
}

export const SCORE_COLUMNS: ScoreColumn[] = [
  {
    field: 'reference',
    header: 'Application reference',
    required: true,
    hint: 'Like ACF-2026-0001, as on the score sheet',
    aliases: ['applicant reference', 'reference', 'ref', 'application'],
  },
  {
    field: 'member',
    header: 'Member',
    required: true,
    hint: 'Whose sheet it is: their name as on the People screen, or their person id',
    aliases: ['panel member', 'member name', 'scorer', 'name'],
  },
  {
    field: 'criterion',
    header: 'Criterion',
    required: true,
    hint: 'The criterion or gate, by its name in the rubric',
    aliases: ['criterion or gate', 'question', 'gate'],
  },
  {
    field: 'score',
    header: 'Score',
    required: true,
    hint: 'From 0 to the top of its scale; a gate: pass or fail (or 1 or 0)',
    aliases: ['level', 'mark', 'points'],
  },
  {
    field: 'comment',
    header: 'Comment',
    required: false,
    hint: 'Needed at the lowest and the highest score',
    aliases: ['comments', 'notes', 'reason'],
  },
];

/** What the template shows under its header: one sheet's row, to copy (and then delete). */
export const SCORE_EXAMPLE_ROW: Record<ScoreField, string> = {
  reference: 'ACF-2026-0001',
  member: 'Sam Jones',
  criterion: 'Evidence of local need',
  score: '4',
  comment: 'Two local surveys and police data show the need',
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Which column holds each field: by the template's header, else a known alias; the first match wins. */
export function scoreColumnsOf(headers: readonly string[]): Map<ScoreField, number> {
  const found = new Map<ScoreField, number>();
  headers.forEach((header, i) => {
    const h = norm(header);
    const column = SCORE_COLUMNS.find((c) => !found.has(c.field) && (norm(c.header) === h || c.aliases.some((a) => norm(a) === h)));
    if (column) found.set(column.field, i);
  });
  return found;
}

/** The rubric's criterion or gate a cell names: its id, or its name in any case and spacing. */
export function criterionNamed(
  rubric: Pick<RubricRecord, 'criteria' | 'gates'>,
  text: string,
): { id: string; name: string; gate: boolean; scale: number } | null {
  const wanted = norm(text);
  if (!wanted) return null;
  for (const c of rubric.criteria)
    if (c.id === text.trim() || norm(c.name) === wanted) return { id: c.id, name: c.name, gate: false, scale: c.scale };
  for (const g of rubric.gates)
    if (g.id === text.trim() || norm(g.name) === wanted) return { id: g.id, name: g.name, gate: true, scale: 1 };
  return null;
}

/**
 * A score cell as a level, or the problem with it. A criterion takes a whole number 0 to its scale;
 * a gate pass or fail (also yes/no, 1/0). A blank is a problem, never read as 0 or as "clear it".
 */
export function levelOf(text: string, target: { name: string; gate: boolean; scale: number }): { level: number } | { problem: string } {
  const t = norm(text);
  if (target.gate) {
    if (['pass', 'passes', 'passed', 'yes', 'y', '1'].includes(t)) return { level: GATE_PASS };
    if (['fail', 'fails', 'failed', 'no', 'n', '0'].includes(t)) return { level: GATE_FAIL };
    return {
      problem: t ? `"${text.trim()}" is not pass or fail — write pass or fail for ${target.name}` : `Write pass or fail for ${target.name}`,
    };
  }
  const trimmed = text.trim();
  if (!trimmed) return { problem: `Enter the score for ${target.name}, from 0 to ${target.scale} (a blank is not read as 0)` };
  if (!/^\d+$/.test(trimmed)) return { problem: `"${trimmed}" is not a score — enter a whole number from 0 to ${target.scale}` };
  const level = Number(trimmed);
  if (level > target.scale) return { problem: `${trimmed} is above the scale — score ${target.name} from 0 to ${target.scale}` };
  return { level };
}
