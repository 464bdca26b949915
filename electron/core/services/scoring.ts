// Scoring an application at a panel table: declare first, then read it in full and score each
// criterion and gate, each score saved as it is entered; submit when done, and only then see the
// others' scores. An officer types in paper sheets, recording whose sheet each was.
import type { MemberScores, OwnScore, ScoringSheet } from '../../../shared/contract/scoring';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { commentRequired, GATE_FAIL, GATE_PASS } from '../../../shared/domain/panels';
import { write, type CoreContext, type Handlers, type Person } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { getDetail } from './applications';
import { screeningOf } from './screening';
import { readRubric, shapeDigest } from '../panels/rubrics';
import { applicationsOfPanel } from '../panels/panels';
import { declarationOf, type Declaration } from '../panels/declarations';
import { scoresOf, submittedBy, type ScoreRow } from '../panels/scores';
import { mustHaveDeclaredNone, seatOf, seesOthers, type Seat } from '../panels/access';

interface ApplicationRow {
  reference: string;
  organisation_name: string;
  project_title: string;
  status: string;
  round_id: string;
  round_name: string;
}

function applicationRow(db: Db, id: string): ApplicationRow {
  const row = statement<[string], ApplicationRow>(
    db,
    `SELECT a.reference, a.organisation_name, a.project_title, a.status, a.round_id, r.name AS round_name
       FROM applications a JOIN rounds r ON r.id = a.round_id WHERE a.id = ?`,
  ).get(id);
  if (!row) throw new DomainError('NOT_FOUND', 'That application does not exist');
  return row;
}

/** A criterion's or a gate's top level: a gate passes (1) or fails (0). */
function topLevel(rubric: RubricRecord, criterionId: string): number | null {
  const criterion = rubric.criteria.find((c) => c.id === criterionId);
  if (criterion) return criterion.scale;
  return rubric.gates.some((g) => g.id === criterionId) ? GATE_PASS : null;
}

const asOwn = (rubric: RubricRecord | null, shape: string | null) => (r: ScoreRow) => ({
  criterionId: r.criterion_id,
  level: r.level,
  comment: r.comment,
  stale: !rubric || r.rubric_version !== rubric.version || r.rubric_shape !== shape,
});

/** Screened ineligible, and settled: "Ineligible applications are not scored." */
export function screenedOut(db: Db, applicationId: string): boolean {
  const s = screeningOf(db, applicationId);
  return s?.result === 'ineligible' && !s.disputed;
}

/** Why this person cannot score the application now, or null. */
function cannotScore(db: Db, applicationId: string, status: string, seat: Seat, rubric: RubricRecord | null): string | null {
  if (status === 'withdrawn') return 'This application was withdrawn';
  if (screenedOut(db, applicationId)) return 'This application was screened ineligible, so it is not scored';
  if (!seat.member) return 'Only the panel’s members score applications';
  if (seat.declaration.state === 'undeclared') return 'Declare whether you have an interest first';
  if (seat.declaration.state === 'interest') return 'You declared an interest, so you take no part in scoring it';
  if (!rubric) return 'The grants officer has not set the round’s rubric yet';
  if (seat.submitted) return 'You have submitted your scores for this application';
  if (seat.moderationOpen) return 'The chair has opened moderation, so scoring has closed';
  return null;
}

function othersScores(db: Db, seat: Seat, applicationId: string, reader: Person, rubric: RubricRecord | null): MemberScores[] {
  const shape = rubric ? shapeDigest(rubric) : null;
  const submitted = submittedBy(db, applicationId);
  const byMember = new Map<string, ScoreRow[]>();
  for (const row of scoresOf(db, applicationId)) byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), row]);
  const name = (id: string) => statement<[string], { name: string }>(db, 'SELECT name FROM people WHERE id = ?').get(id)?.name ?? id;
  return seat.panel.memberIds
    .filter((m) => m !== reader.id && declarationOf(db, applicationId, m).state !== 'interest')
    .map((m) => {
      const rows = byMember.get(m) ?? [];
      const typedBy = rows.find((r) => r.typed_by)?.typed_by ?? null;
      return {
        memberId: m,
        name: name(m),
        submitted: submitted.has(m),
        typedBy: typedBy && name(typedBy),
        scores: rows.map(asOwn(rubric, shape)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function progress(db: Db, seat: Seat, person: Person, applicationIds: readonly string[]) {
  if (!seat.member) return { submitted: 0, total: applicationIds.length };
  const mine = new Set(
    statement<[string, string], { application_id: string }>(
      db,
      'SELECT application_id FROM score_submissions WHERE member_id = ? AND round_id = ?',
    )
      .all(person.id, seat.panel.roundId)
      .map((r) => r.application_id),
  );
  const scorable = applicationIds.filter((a) => declarationOf(db, a, person.id).state !== 'interest');
  return { submitted: scorable.filter((a) => mine.has(a)).length, total: scorable.length };
}

export function scoringSheet(ctx: CoreContext, applicationId: string): ScoringSheet {
  const { db, person } = ctx;
  const seat = seatOf(db, person, applicationId);
  const row = applicationRow(db, applicationId);
  const rubric = readRubric(db, row.round_id) ?? null;
  const shape = rubric ? shapeDigest(rubric) : null;
  const sitsOn = seat.member || seat.chair;
  const inFull = !sitsOn || seat.declaration.state === 'none';
  const panelApplications = applicationsOfPanel(db, seat.panel);
  const at = panelApplications.indexOf(applicationId);
  return {
    applicationId,
    reference: row.reference,
    organisationName: row.organisation_name,
    projectTitle: row.project_title,
    panel: { id: seat.panel.id, name: seat.panel.name },
    roundName: row.round_name,
    // Never contact details on a scoring sheet: a panel needs the project, not the person.
    application: inFull ? getDetail(db, applicationId, false) : null,
    rubric,
    declaration: { state: seat.declaration.state, natures: seat.declaration.natures, disputed: seat.declaration.disputed },
    mine: seat.member
      ? scoresOf(db, applicationId)
          .filter((r) => r.member_id === person.id)
          .map(asOwn(rubric, shape))
      : [],
    submitted: seat.submitted,
    cannotScore: cannotScore(db, applicationId, row.status, seat, rubric),
    others: seesOthers(person, seat) ? othersScores(db, seat, applicationId, person, rubric) : null,
    progress: progress(db, seat, person, panelApplications),
    previous: at > 0 ? (panelApplications[at - 1] ?? null) : null,
    next: at >= 0 && at < panelApplications.length - 1 ? (panelApplications[at + 1] ?? null) : null,
  };
}

/** The rubric to score against, or why a score cannot be entered now. */
function scorableBy(ctx: CoreContext, applicationId: string): { seat: Seat; rubric: RubricRecord; row: ApplicationRow } {
  const seat = seatOf(ctx.db, ctx.person, applicationId);
  const row = applicationRow(ctx.db, applicationId);
  if (seat.member) mustHaveDeclaredNone(ctx.person, seat);
  const rubric = readRubric(ctx.db, row.round_id) ?? null;
  const why = cannotScore(ctx.db, applicationId, row.status, seat, rubric);
  if (why || !rubric) throw new DomainError('FORBIDDEN', why ?? 'The grants officer has not set the round’s rubric yet');
  return { seat, rubric, row };
}

function checkLevel(rubric: RubricRecord, criterionId: string, level: number | null): void {
  const top = topLevel(rubric, criterionId);
  if (top === null)
    throw new DomainError('VALIDATION', 'That criterion is not in the rubric', [
      { field: 'criterionId', message: 'Choose a criterion or gate of the round’s rubric' },
    ]);
  if (level !== null && level > top)
    throw new DomainError('VALIDATION', `Score it from 0 to ${top}`, [{ field: 'level', message: `Score it from 0 to ${top}` }]);
}

/** What is missing before a member's scores can be submitted, criterion by criterion. */
export function missingForSubmission(rubric: RubricRecord, scores: readonly OwnScore[]): FieldProblem[] {
  const byId = new Map(scores.filter((s) => !s.stale).map((s) => [s.criterionId, s]));
  const problems: FieldProblem[] = [];
  for (const c of rubric.criteria) {
    const s = byId.get(c.id);
    if (s?.level === null || s?.level === undefined) problems.push({ field: c.id, message: `Score ${c.name}` });
    else if (commentRequired(s.level, c.scale) && !s.comment.trim())
      problems.push({
        field: c.id,
        message: `Say why ${c.name} scores ${s.level}: a comment is needed at the lowest and the highest level`,
      });
  }
  for (const g of rubric.gates) {
    const s = byId.get(g.id);
    if (s?.level !== GATE_PASS && s?.level !== GATE_FAIL) problems.push({ field: g.id, message: `Say whether ${g.name}: passes or fails` });
  }
  return problems;
}

function declare(
  ctx: CoreContext,
  memberId: string,
  applicationId: string,
  held: Declaration,
  interest: boolean,
  nature: string,
  fromPaper: boolean,
) {
  ctx.log.append(ctx.person.id, 'interest.declared', `declaration:${applicationId}:${memberId}`, {
    applicationId,
    memberId,
    interest,
    nature: interest ? nature : '',
    supersedes: held.standing,
    fromPaper,
  });
}

function enter(
  ctx: CoreContext,
  rubric: RubricRecord,
  roundId: string,
  memberId: string,
  applicationId: string,
  s: { criterionId: string; level: number | null; comment: string },
  fromPaper: boolean,
) {
  ctx.log.append(ctx.person.id, 'score.entered', `score:${applicationId}:${memberId}`, {
    applicationId,
    memberId,
    roundId,
    criterionId: s.criterionId,
    level: s.level,
    comment: s.comment,
    rubricVersion: rubric.version,
    rubricShape: shapeDigest(rubric),
    fromPaper,
  });
}

/** One paper sheet, checked: whose it is, for which application, what it declares and scores. */
export interface PaperSheet {
  applicationId: string;
  roundId: string;
  memberId: string;
  interest: boolean;
  nature: string;
  scores: { criterionId: string; level: number | null; comment: string }[];
  submit: boolean;
}

/**
 * Appends a checked paper sheet: the member's declaration (unless it already stands), each score
 * and the submission, each recording who typed it. Run inside a write (one transaction).
 */
export function appendPaperSheet(ctx: CoreContext, rubric: RubricRecord, sheet: PaperSheet): void {
  const held = declarationOf(ctx.db, sheet.applicationId, sheet.memberId);
  const declared = held.standing.length === 1 && held.state === (sheet.interest ? 'interest' : 'none');
  if (!declared) declare(ctx, sheet.memberId, sheet.applicationId, held, sheet.interest, sheet.nature, true);
  for (const s of sheet.scores) enter(ctx, rubric, sheet.roundId, sheet.memberId, sheet.applicationId, s, true);
  if (sheet.submit && !sheet.interest)
    ctx.log.append(ctx.person.id, 'score.submitted', `score:${sheet.applicationId}:${sheet.memberId}`, {
      applicationId: sheet.applicationId,
      memberId: sheet.memberId,
      roundId: sheet.roundId,
      rubricVersion: rubric.version,
      fromPaper: true,
    });
}

function fromPaper(ctx: CoreContext, input: ParsedInput<'scoring.fromPaper'>): { entered: number } {
  const { db } = ctx;
  const row = applicationRow(db, input.applicationId);
  const seat = seatOf(db, ctx.person, input.applicationId);
  if (!seat.panel.memberIds.includes(input.memberId))
    throw new DomainError('VALIDATION', 'Whose sheet is it?', [{ field: 'memberId', message: `Choose a member of ${seat.panel.name}` }]);
  if (row.status === 'withdrawn') throw new DomainError('FORBIDDEN', 'This application was withdrawn');
  if (screenedOut(db, input.applicationId))
    throw new DomainError('FORBIDDEN', 'This application was screened ineligible, so it is not scored');
  const rubric = readRubric(db, row.round_id);
  if (!rubric) throw new DomainError('FORBIDDEN', 'Set the round’s rubric before typing in score sheets');
  if (input.interest && input.scores.some((s) => s.level !== null))
    throw new DomainError('VALIDATION', 'The sheet declares an interest, so it cannot carry scores', [
      { field: 'scores', message: 'A member with an interest does not score: leave the scores blank' },
    ]);
  input.scores.forEach((s) => checkLevel(rubric, s.criterionId, s.level));
  const own: OwnScore[] = input.scores.map((s) => ({ ...s, stale: false }));
  if (input.submit && !input.interest) {
    const problems = missingForSubmission(rubric, own);
    if (problems.length > 0)
      throw new DomainError(
        'VALIDATION',
        'The sheet is not complete — check the scores below',
        problems.map((p) => ({ ...p, field: `scores.${p.field}` })),
      );
  }
  write(ctx, () => appendPaperSheet(ctx, rubric, { ...input, roundId: row.round_id }));
  return { entered: input.scores.length };
}

export const scoringHandlers: Handlers<'scoring.sheet' | 'scoring.declare' | 'scoring.enter' | 'scoring.submit' | 'scoring.fromPaper'> = {
  'scoring.sheet': ({ applicationId }, ctx) => scoringSheet(ctx, applicationId),
  'scoring.declare': ({ applicationId, interest, nature }, ctx) => {
    const seat = seatOf(ctx.db, ctx.person, applicationId);
    if (!seat.member) throw new DomainError('FORBIDDEN', `Only members of ${seat.panel.name} declare for its applications`);
    write(ctx, () => declare(ctx, ctx.person.id, applicationId, seat.declaration, interest, nature, false));
    const now = declarationOf(ctx.db, applicationId, ctx.person.id);
    return { state: now.state, natures: now.natures, disputed: now.disputed };
  },
  'scoring.enter': (input, ctx) => {
    const { rubric, row } = scorableBy(ctx, input.applicationId);
    checkLevel(rubric, input.criterionId, input.level);
    write(ctx, () => enter(ctx, rubric, row.round_id, ctx.person.id, input.applicationId, input, false));
    return { criterionId: input.criterionId, level: input.level, comment: input.comment, stale: false };
  },
  'scoring.submit': ({ applicationId }, ctx) => {
    const { rubric, row } = scorableBy(ctx, applicationId);
    const shape = shapeDigest(rubric);
    const mine = scoresOf(ctx.db, applicationId)
      .filter((r) => r.member_id === ctx.person.id)
      .map(asOwn(rubric, shape));
    const problems = missingForSubmission(rubric, mine);
    if (problems.length > 0) throw new DomainError('VALIDATION', 'Some scores are missing — check the criteria below', problems);
    write(ctx, () =>
      ctx.log.append(ctx.person.id, 'score.submitted', `score:${applicationId}:${ctx.person.id}`, {
        applicationId,
        memberId: ctx.person.id,
        roundId: row.round_id,
        rubricVersion: rubric.version,
        fromPaper: false,
      }),
    );
    return { submitted: true };
  },
  'scoring.fromPaper': (input, ctx) => fromPaper(ctx, input),
};
