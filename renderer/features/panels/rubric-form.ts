// The rubric editor's form: numbers kept as typed until saving, each criterion with a descriptor box
// for every level of the widest scale (a scale narrowed to 0–4 keeps the level-5 words in case it widens
// again), and the core's field paths (`content.criteria.0.weight`) turned into the form's ids and words.
import type { FieldProblem } from '../../../shared/contract/result';
import type { Band, RubricContent, Scale } from '../../../shared/domain/rubric';

export interface CriterionRow {
  /** React's key: stays with the row as it moves. */
  key: number;
  id: string;
  name: string;
  guidance: string;
  scale: Scale;
  /** Six boxes, levels 0–5; only 0..scale are saved. */
  descriptors: string[];
  weight: string;
  priorityIds: string[];
}

export interface GateRow {
  key: number;
  id: string;
  name: string;
  guidance: string;
}

export interface RubricForm {
  criteria: CriterionRow[];
  gates: GateRow[];
  bands: { id: Band['id']; label: string; fromPercent: string }[];
  spreadPoints: string;
  spreadDeviation: string;
  rankShiftPlaces: string;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function formFromContent(content: RubricContent): RubricForm {
  return {
    criteria: content.criteria.map((c) => ({
      key: newKey(),
      id: c.id,
      name: c.name,
      guidance: c.guidance,
      scale: c.scale,
      descriptors: Array.from({ length: 6 }, (_, i) => c.descriptors[i] ?? ''),
      weight: String(c.weight),
      priorityIds: [...c.priorityIds],
    })),
    gates: content.gates.map((g) => ({ key: newKey(), ...g })),
    bands: content.bands.map((b) => ({ id: b.id, label: b.label, fromPercent: String(b.fromPercent) })),
    spreadPoints: String(content.spreadPoints),
    spreadDeviation: String(content.spreadDeviation),
    rankShiftPlaces: String(content.rankShiftPlaces),
  };
}

/** A new id no other row uses: scores name their criterion or gate by it, so it never changes once saved. */
export function freshId(prefix: 'criterion' | 'gate', taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

export const emptyCriterion = (taken: readonly string[]): CriterionRow => ({
  key: newKey(),
  id: freshId('criterion', taken),
  name: '',
  guidance: '',
  scale: 5,
  descriptors: ['', '', '', '', '', ''],
  weight: '1',
  priorityIds: [],
});

export const emptyGate = (taken: readonly string[]): GateRow => ({ key: newKey(), id: freshId('gate', taken), name: '', guidance: '' });

/** A whole number as typed, or NaN: the core's own message then names what is wrong. */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** What the form sends, or the problems with numbers that are not whole numbers (the rest the core checks). */
export function contentFromForm(form: RubricForm): { content: RubricContent | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const number = (text: string, field: string, message: string) => {
    const n = whole(text);
    if (Number.isNaN(n)) problems.push({ field, message });
    return n;
  };
  const content: RubricContent = {
    criteria: form.criteria.map((c, i) => ({
      id: c.id,
      name: c.name,
      guidance: c.guidance,
      scale: c.scale,
      descriptors: c.descriptors.slice(0, c.scale + 1),
      weight: number(c.weight, `content.criteria.${i}.weight`, 'Enter the weight as a whole number'),
      priorityIds: c.priorityIds,
    })),
    gates: form.gates.map(({ id, name, guidance }) => ({ id, name, guidance })),
    bands: form.bands.map((b, i) => ({
      id: b.id,
      label: b.label,
      fromPercent: number(b.fromPercent, `content.bands.${i}.fromPercent`, 'Enter the band’s lowest percentage as a whole number'),
    })),
    spreadPoints: number(form.spreadPoints, 'content.spreadPoints', 'Enter the spread in points as a whole number'),
    spreadDeviation: number(form.spreadDeviation, 'content.spreadDeviation', 'Enter the spread threshold as a whole number'),
    rankShiftPlaces: number(form.rankShiftPlaces, 'content.rankShiftPlaces', 'Enter the rank difference as a whole number'),
  };
  return { content: problems.length > 0 ? null : content, problems };
}

/** The id of the field a core path names: `content.criteria.0.descriptors.2` → `rubric-criteria-0-descriptors-2`. */
export function rubricFieldId(field: string): string {
  const parts = field.replace(/^content\./, '').split('.');
  // A criterion's levels as a whole (too few described): its first level's box.
  if (parts[0] === 'criteria' && parts[2] === 'descriptors' && parts.length === 3) parts.push('0');
  // A criterion's priorities as a whole: the first box of the group carries the group's id.
  if (parts[0] === 'criteria' && parts[2] === 'priorityIds' && parts.length === 4) parts.pop();
  if (field === 'form' || field === 'newVersion') return 'rubric-save';
  return ['rubric', ...parts].join('-');
}

/** Where a problem is, in words, for the error summary: "Criterion 2, Evidence of local need, level 3". */
export function problemPlace(field: string, form: RubricForm): string {
  const [list, index, what, level] = field.replace(/^content\./, '').split('.');
  const i = Number(index);
  if (list === 'criteria' && Number.isInteger(i)) {
    const c = form.criteria[i];
    const name = c?.name.trim() ? `, ${c.name.trim()}` : '';
    return `Criterion ${i + 1}${name}${what === 'descriptors' && level !== undefined ? `, level ${level}` : ''}`;
  }
  if (list === 'gates' && Number.isInteger(i)) {
    const name = form.gates[i]?.name.trim();
    return `Gate ${i + 1}${name ? `, ${name}` : ''}`;
  }
  if (list === 'bands' && Number.isInteger(i)) return `Band ${form.bands[i]?.label.trim() || i + 1}`;
  return '';
}

/** Each criterion's share of the total weight, as a percentage with one decimal place (null while a weight is not a number). */
export function weightShares(criteria: readonly CriterionRow[]): (string | null)[] {
  const weights = criteria.map((c) => whole(c.weight));
  const total = weights.reduce((sum, w) => sum + (Number.isNaN(w) ? 0 : w), 0);
  return weights.map((w) =>
    Number.isNaN(w) || total === 0
      ? null
      : `${((w * 100) / total).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`,
  );
}

/** The form as a string, to tell whether anything changed since it was filled. */
export const formGist = (form: RubricForm) =>
  JSON.stringify({
    ...form,
    criteria: form.criteria.map(({ key, ...c }) => (void key, c)),
    gates: form.gates.map(({ key, ...g }) => (void key, g)),
  });
