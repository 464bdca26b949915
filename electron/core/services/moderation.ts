// Moderation, as the chair runs it: open moderation on the panel (members then see each other's
// scores, and scoring closes), read each application's scores with its spread flagged and the
// ranking with normalisation beside it, and record a moderated score per criterion with a
// recommendation. Officers, the Chief Executive and auditors read it all; only the chair records.
import type { ModeratedModeration, ModerationRow, ModerationView } from '../../../shared/contract/moderation';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { rationaleRequired, type Moderation } from '../../../shared/domain/panels';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { can } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import { statement } from '../db/statements';
import { panelOf, readPanel } from '../panels/panels';
import { readRubric } from '../panels/rubrics';
import { declarationOf } from '../panels/declarations';
import { moderationOpen, moderationsOf } from '../panels/moderation';
import { panelStandings } from '../panels/standings';
import type { Panel } from '../../../shared/domain/panels';

function panelFor(ctx: CoreContext, panelId: string): { panel: Panel; chair: boolean } {
  const panel = readPanel(ctx.db, panelId);
  if (!panel) throw new DomainError('NOT_FOUND', 'That panel does not exist — choose one from the list');
  const chair = panel.chairId === ctx.person.id && can(ctx.person, 'moderate');
  if (!chair && !can(ctx.person, 'read-scores'))
    throw new DomainError('FORBIDDEN', `Only the chair of ${panel.name} moderates its applications`);
  return { panel, chair };
}

/** A chair sees nothing of an application they declared an interest in (or have not declared for). */
function hiddenFromChair(row: ModerationRow): ModerationRow {
  // Its place in the ranking stays (a list of the panel's applications); its score does not.
  const ranking = { ...row.ranking, score: null, normalised: row.ranking.normalised && { ...row.ranking.normalised, score: null } };
  return { ...row, scores: null, members: [], excluded: [], moderation: null, disagreeing: [], mayModerate: false, ranking };
}

export function moderationView(ctx: CoreContext, panelId: string): ModerationView {
  const { panel, chair } = panelFor(ctx, panelId);
  const open = moderationOpen(ctx.db, panel.id);
  const rubric = readRubric(ctx.db, panel.roundId) ?? null;
  const round = statement<[string], { name: string }>(ctx.db, 'SELECT name FROM rounds WHERE id = ?').get(panel.roundId);
  const header = {
    id: panel.id,
    name: panel.name,
    roundName: round?.name ?? '',
    quorum: panel.quorum,
    chairName: panel.chairId
      ? (statement<[string], { name: string }>(ctx.db, 'SELECT name FROM people WHERE id = ?').get(panel.chairId)?.name ?? null)
      : null,
  };
  if (!rubric) return { panel: header, open, chair, rubric, applications: [], members: [] };
  const standings = panelStandings(ctx.db, panel, rubric);
  // The chair reads the scores once they open moderation; those who only read see them throughout.
  const seesScores = !chair || open;
  const applications = standings.rows.map((row): ModerationRow => {
    const full = { ...row, mayModerate: chair && open && declarationOf(ctx.db, row.id, ctx.person.id).state === 'none' };
    if (!seesScores || (chair && !full.mayModerate && !can(ctx.person, 'read-scores'))) return hiddenFromChair(full);
    return full;
  });
  return {
    panel: header,
    open,
    chair,
    rubric,
    applications,
    members: seesScores
      ? standings.normalisation.members.map((m) => ({
          memberId: m.memberId,
          name: standings.names.get(m.memberId) ?? m.memberId,
          count: m.count,
          meanText: m.meanText,
          deviationText: m.deviationText,
          noteText: m.noteText,
        }))
      : [],
  };
}

/** Each criterion's members' mean level, for deciding where a moderated level needs a rationale. */
function meanLevels(ctx: CoreContext, panel: Panel, rubric: RubricRecord, applicationId: string): Map<string, number | null> {
  const row = panelStandings(ctx.db, panel, rubric).rows.find((r) => r.id === applicationId);
  return new Map(
    rubric.criteria.map((c) => {
      const levels = (row?.members ?? []).flatMap((m) => (typeof m.levels[c.id] === 'number' ? [m.levels[c.id] as number] : []));
      return [c.id, levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : null];
    }),
  );
}

function checkModeration(
  input: ParsedInput<'moderation.record'>,
  rubric: RubricRecord,
  means: Map<string, number | null>,
  requested: number,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const c of rubric.criteria) {
    const level = input.levels[c.id];
    if (level === undefined) problems.push({ field: `levels.${c.id}`, message: `Choose the moderated score for ${c.name}` });
    else if (level > c.scale) problems.push({ field: `levels.${c.id}`, message: `Score ${c.name} from 0 to ${c.scale}` });
    else if (rationaleRequired(level, means.get(c.id) ?? null) && !input.rationales[c.id])
      problems.push({
        field: `rationales.${c.id}`,
        message: `Say why ${c.name} is moderated to ${level} when the members’ mean is ${(means.get(c.id) ?? 0).toFixed(1)}`,
      });
  }
  for (const g of rubric.gates)
    if (!input.gates[g.id]) problems.push({ field: `gates.${g.id}`, message: `Say whether ${g.name}: passes or fails` });
  const known = new Set([...rubric.criteria.map((c) => c.id), ...rubric.gates.map((g) => g.id)]);
  for (const key of [...Object.keys(input.levels), ...Object.keys(input.gates), ...Object.keys(input.rationales)])
    if (!known.has(key)) problems.push({ field: 'levels', message: `"${key}" is not a criterion or gate of the rubric` });
  if (input.recommendation === 'fund-lower' && input.amountPence !== null && input.amountPence >= requested)
    problems.push({ field: 'amountPence', message: 'A lower amount must be less than the amount requested' });
  return problems;
}

export function recordModeration(ctx: CoreContext, input: ParsedInput<'moderation.record'>): ModeratedModeration {
  const panelId = panelOf(ctx.db, input.applicationId);
  const panel = panelId ? readPanel(ctx.db, panelId) : undefined;
  if (!panel) throw new DomainError('NOT_FOUND', 'No panel scores this application');
  if (panel.chairId !== ctx.person.id) throw new DomainError('FORBIDDEN', `Only the chair of ${panel.name} moderates its applications`);
  if (!moderationOpen(ctx.db, panel.id)) throw new DomainError('FORBIDDEN', 'Open moderation on the panel first');
  if (declarationOf(ctx.db, input.applicationId, ctx.person.id).state !== 'none')
    throw new DomainError(
      'FORBIDDEN',
      'Declare no interest in this application before moderating it; a chair with an interest takes no part',
    );
  const rubric = readRubric(ctx.db, panel.roundId);
  if (!rubric) throw new DomainError('FORBIDDEN', 'The round has no rubric');
  const requested =
    statement<[string], { amount_requested: number }>(ctx.db, 'SELECT amount_requested FROM applications WHERE id = ?').get(
      input.applicationId,
    )?.amount_requested ?? 0;
  const problems = checkModeration(input, rubric, meanLevels(ctx, panel, rubric, input.applicationId), requested);
  if (problems.length > 0) throw new DomainError('VALIDATION', 'The moderation has problems — check the fields below', problems);
  const moderation: Moderation = {
    applicationId: input.applicationId,
    panelId: panel.id,
    rubricVersion: rubric.version,
    levels: input.levels,
    gates: input.gates,
    rationales: Object.fromEntries(Object.entries(input.rationales).filter(([, r]) => r)),
    recommendation: input.recommendation,
    amountPence: input.recommendation === 'fund-lower' ? input.amountPence : null,
    reason: input.reason,
  };
  const supersedes = moderationsOf(ctx.db, input.applicationId).standing.map((m) => m.id);
  const event = write(ctx, () =>
    ctx.log.append(ctx.person.id, 'moderation.recorded', `moderation:${input.applicationId}`, { ...moderation, supersedes }),
  );
  return { ...moderation, id: event.hash, recordedAt: event.hlc, recordedBy: ctx.person.name };
}

export const moderationHandlers: Handlers<'moderation.view' | 'moderation.open' | 'moderation.record'> = {
  'moderation.view': ({ panelId }, ctx) => moderationView(ctx, panelId),
  'moderation.open': ({ panelId }, ctx) => {
    const { panel, chair } = panelFor(ctx, panelId);
    if (!chair) throw new DomainError('FORBIDDEN', `Only the chair of ${panel.name} opens its moderation`);
    if (!moderationOpen(ctx.db, panel.id))
      write(ctx, () => ctx.log.append(ctx.person.id, 'moderation.opened', `moderationOpening:${panel.id}`, { panelId: panel.id }));
    return { open: true };
  },
  'moderation.record': (input, ctx) => recordModeration(ctx, input),
};
