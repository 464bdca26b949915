// Paper score sheets typed into a spreadsheet and imported: one row per score, rows for the same
// application and member making up that member's sheet. The check reports every problem with its
// spreadsheet row and column; only a file with none is imported, every sheet in one transaction
// (declaration, scores and submission, each recording who typed it), or nothing at all.
import type { ScoreImportReport } from '../../../shared/contract/score-imports';
import type { ParsedInput } from '../../../shared/contract';
import type { OwnScore } from '../../../shared/contract/scoring';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { scoreComment } from '../../../shared/domain/panels';
import { writeCsv } from '../../../shared/formats/csv-out';
import {
  SCORE_COLUMNS,
  SCORE_EXAMPLE_ROW,
  criterionNamed,
  levelOf,
  scoreColumnsOf,
  type ScoreField,
} from '../../../shared/formats/scores-csv';
import type { Panel } from '../../../shared/domain/panels';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { readCsvFile } from './csv-file';
import { appendPaperSheet, missingForSubmission, screenedOut, type PaperSheet } from './scoring';
import { readRubric } from '../panels/rubrics';
import { panelOf, readPanel } from '../panels/panels';
import { declarationOf } from '../panels/declarations';
import { moderationOpen } from '../panels/moderation';

const MAX_LISTED_PROBLEMS = 1000;
const SCORE_ROWS = { one: 'score', many: 'scores' };

export function scoresTemplateCsv(): string {
  return writeCsv(
    SCORE_COLUMNS.map((c) => c.header),
    [SCORE_COLUMNS.map((c) => SCORE_EXAMPLE_ROW[c.field])],
  );
}

interface RoundApplication {
  id: string;
  reference: string;
  status: string;
}

/** What a row's application stands as, looked up once per application. */
interface Scorable {
  panel: Panel | null;
  moderationOpen: boolean;
}

interface Sheet {
  applicationId: string;
  panel: { id: string; name: string } | null;
  reference: string;
  memberId: string;
  member: string;
  firstRow: number;
  /** Criterion id → the row naming it and its level (null when the cell was wrong). */
  rows: Map<string, { row: number; level: number | null; comment: string }>;
  /** The sheet itself cannot be taken (the member is not on the panel, an interest …): reported once. */
  refused: boolean;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const ownName = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

interface Checked {
  report: ScoreImportReport;
  sheets: PaperSheet[];
  /** The panels the importable sheets' applications are given to, by name. */
  panels: { id: string; name: string }[];
  rubric: RubricRecord;
}

function roundOf(db: Db, roundId: string): { id: string; name: string } {
  const round = statement<[string], { id: string; name: string }>(db, 'SELECT id, name FROM rounds WHERE id = ?').get(roundId);
  if (!round) throw new DomainError('NOT_FOUND', 'That round does not exist — choose the round the sheets are for');
  return round;
}

/** People by id, and by their name in any case: a name two people share finds both. */
function peopleLookup(db: Db) {
  const everyone = statement<[], { id: string; name: string }>(db, 'SELECT id, name FROM people').all();
  const byName = new Map<string, { id: string; name: string }[]>();
  for (const p of everyone) byName.set(norm(p.name), [...(byName.get(norm(p.name)) ?? []), p]);
  const byId = new Map(everyone.map((p) => [p.id, p]));
  return (text: string): { id: string; name: string } | string => {
    const found = byId.get(text.trim());
    if (found) return found;
    const named = byName.get(norm(text)) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1)
      return `${named.length} people are called "${text.trim()}" — use the person id instead (grantpanel list people shows it)`;
    return `Nobody is called "${text.trim()}" — use the member’s name as on the People screen, or their person id`;
  };
}

/** Reads and checks the whole file without writing anything. */
export function checkScoreImport(ctx: CoreContext, input: ParsedInput<'scores.preview'>): Checked {
  const { db } = ctx;
  const round = roundOf(db, input.roundId);
  const rubric = readRubric(db, round.id);
  if (!rubric)
    throw new DomainError(
      'VALIDATION',
      `${round.name} has no rubric yet — the grants officer sets it (Panels → Rubric) before score sheets are imported`,
    );
  const chosen = ctx.files.use(input.file, 'read', 'csv');
  const table = readCsvFile(chosen.path, chosen.name, SCORE_ROWS);
  const { headers } = table;
  const columns = scoreColumnsOf(headers);
  const missingColumns = SCORE_COLUMNS.filter((c) => c.required && !columns.has(c.field)).map((c) => c.header);
  const header = (field: ScoreField) => headers[columns.get(field) ?? -1] ?? SCORE_COLUMNS.find((c) => c.field === field)!.header;

  const problems: FieldProblem[] = [];
  const seenHeaders = new Set<string>();
  for (const h of headers) {
    if (h && seenHeaders.has(norm(h))) problems.push({ row: 1, field: h, message: `The column "${h}" appears twice — keep one` });
    seenHeaders.add(norm(h));
  }

  const applications = new Map<string, RoundApplication>();
  for (const a of statement<[string], RoundApplication>(db, 'SELECT id, reference, status FROM applications WHERE round_id = ?').iterate(
    round.id,
  ))
    applications.set(norm(a.reference), a);
  const person = peopleLookup(db);
  const scorable = new Map<string, Scorable>();
  const standing = (applicationId: string): Scorable => {
    let s = scorable.get(applicationId);
    if (!s) {
      const panelId = panelOf(db, applicationId);
      const panel = (panelId && readPanel(db, panelId)) || null;
      scorable.set(applicationId, (s = { panel, moderationOpen: panel ? moderationOpen(db, panel.id) : false }));
    }
    return s;
  };
  const ownSubmission = statement<[string, string], { typed_by: string | null }>(
    db,
    'SELECT typed_by FROM score_submissions WHERE application_id = ? AND member_id = ?',
  );
  const rubricNames = [...rubric.criteria.map((c) => c.name), ...rubric.gates.map((g) => g.name)].join('; ');

  const sheets = new Map<string, Sheet>();
  const replacing: ScoreImportReport['replacing'] = [];
  const rows = missingColumns.length ? [] : table.rows;
  for (const { row, cells } of rows) {
    const cell = (field: ScoreField) => (columns.has(field) ? (cells[columns.get(field)!] ?? '') : '');
    const problem = (field: ScoreField | '(whole row)', message: string) =>
      problems.push({ row, field: field === '(whole row)' ? field : header(field), message });
    if (cells.length !== headers.length)
      problem('(whole row)', `Row has ${cells.length} cells but the header has ${headers.length} — check for a stray comma`);

    const referenceText = cell('reference').trim();
    const application = applications.get(norm(referenceText));
    if (!referenceText) problem('reference', 'Enter the application reference, like ACF-2026-0001');
    else if (!application) problem('reference', `No application in ${round.name} has the reference "${referenceText}"`);
    else if (application.status === 'withdrawn') problem('reference', `${application.reference} was withdrawn, so it is not scored`);
    else if (screenedOut(ctx.db, application.id))
      problem('reference', `${application.reference} was screened ineligible, so it is not scored`);

    const memberText = cell('member').trim();
    const found = memberText ? person(memberText) : 'Enter whose sheet it is: the member’s name or person id';
    if (typeof found === 'string') problem('member', found);

    const criterionText = cell('criterion').trim();
    const target = criterionNamed(rubric, criterionText);
    if (!target)
      problem(
        'criterion',
        criterionText
          ? `"${criterionText}" is not a criterion or gate of the round’s rubric — use one of: ${rubricNames}`
          : 'Enter the criterion or gate, by its name in the rubric',
      );

    let level: number | null = null;
    if (target) {
      const read = levelOf(cell('score'), target);
      if ('problem' in read) problem('score', read.problem);
      else level = read.level;
    }
    const comment = scoreComment.safeParse(cell('comment'));
    if (!comment.success) problem('comment', comment.error.issues[0]?.message ?? 'The comment cannot be read');

    if (!application || application.status === 'withdrawn' || screenedOut(ctx.db, application.id) || typeof found === 'string') continue;
    const key = JSON.stringify([application.id, found.id]);
    let sheet = sheets.get(key);
    if (!sheet) {
      const { panel, moderationOpen: closed } = standing(application.id);
      sheet = {
        applicationId: application.id,
        panel: panel && { id: panel.id, name: panel.name },
        reference: application.reference,
        memberId: found.id,
        member: found.name,
        firstRow: row,
        rows: new Map(),
        refused: false,
      };
      sheets.set(key, sheet);
      const refuse = (field: ScoreField, message: string) => {
        problem(field, message);
        sheet!.refused = true;
      };
      const declaration = declarationOf(db, application.id, found.id);
      const submitted = ownSubmission.get(application.id, found.id);
      if (!panel) refuse('reference', `${application.reference} is not given to a panel yet — a grants officer assigns it to one first`);
      else if (!panel.memberIds.includes(found.id))
        refuse('member', `${found.name} is not a member of ${panel.name}, which scores ${application.reference}`);
      else if (closed)
        refuse('reference', `The chair has opened moderation on ${panel.name}, so scoring ${application.reference} has closed`);
      else if (declaration.state === 'interest')
        refuse(
          'member',
          declaration.disputed
            ? `${ownName(found.name)} declarations for ${application.reference} disagree, which counts as an interest: they take no part in scoring it`
            : `${found.name} declared an interest in ${application.reference}, so takes no part in scoring it`,
        );
      else if (submitted && submitted.typed_by === null)
        refuse('member', `${found.name} submitted their own scores for ${application.reference} — a paper sheet cannot replace them`);
      else if (submitted) replacing.push({ row, reference: application.reference, member: found.name });
    }
    if (!target) continue;
    const earlier = sheet.rows.get(target.id);
    if (earlier) {
      problem('criterion', `${ownName(found.name)} score for ${target.name} on ${application.reference} is also on row ${earlier.row}`);
      continue;
    }
    sheet.rows.set(target.id, { row, level, comment: comment.success ? comment.data : '' });
  }

  // Each sheet complete: every criterion and gate, comments at the lowest and highest levels.
  for (const sheet of sheets.values()) {
    if (sheet.refused) continue;
    const own: OwnScore[] = [...sheet.rows].map(([criterionId, s]) => ({ criterionId, level: s.level, comment: s.comment, stale: false }));
    const missing: string[] = [];
    for (const p of missingForSubmission(rubric, own)) {
      const named = sheet.rows.get(p.field);
      if (!named) missing.push(criterionNamed(rubric, p.field)?.name ?? p.field);
      else if (named.level !== null) problems.push({ row: named.row, field: header('comment'), message: p.message });
    }
    // One line for the sheet, however many rows it lacks.
    if (missing.length > 0)
      problems.push({
        row: sheet.firstRow,
        field: header('criterion'),
        message: `${ownName(sheet.member)} sheet for ${sheet.reference} has no row for ${missing.join('; ')} — a sheet scores every criterion and gate`,
      });
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const clean = missingColumns.length === 0 && problems.length === 0;
  const report: ScoreImportReport = {
    fileName: chosen.name,
    encoding: table.encoding,
    headers,
    missingColumns,
    rowCount: table.rows.length,
    sheetCount: sheets.size,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    rowsWithProblems: new Set(problems.map((p) => p.row)).size,
    importable: clean ? sheets.size : 0,
    replacing,
  };
  const paper: PaperSheet[] = clean
    ? [...sheets.values()].map((s) => ({
        applicationId: s.applicationId,
        roundId: round.id,
        memberId: s.memberId,
        interest: false,
        nature: '',
        scores: [...s.rows].map(([criterionId, r]) => ({ criterionId, level: r.level, comment: r.comment })),
        submit: true,
      }))
    : [];
  const panels = new Map(clean ? [...sheets.values()].flatMap((s) => (s.panel ? [[s.panel.id, s.panel] as const] : [])) : []);
  return { report, sheets: paper, panels: [...panels.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')), rubric };
}

/** Refuses a file with any problem: all or nothing. */
function assertImportable(report: ScoreImportReport): void {
  if (report.missingColumns.length > 0)
    throw new DomainError('VALIDATION', `The file has no column for: ${report.missingColumns.join(', ')} — nothing was imported`);
  if (report.problemCount > 0)
    throw new DomainError(
      'VALIDATION',
      `${report.rowsWithProblems.toLocaleString('en-GB')} ${report.rowsWithProblems === 1 ? 'row has' : 'rows have'} problems — nothing was imported. Fix them and import again.`,
      report.problems,
    );
}

export function commitScoreImport(ctx: CoreContext, input: ParsedInput<'scores.commit'>) {
  const checked = checkScoreImport(ctx, input);
  assertImportable(checked.report);
  write(ctx, () => checked.sheets.forEach((sheet) => appendPaperSheet(ctx, checked.rubric, sheet)));
  return {
    sheets: checked.sheets.length,
    scores: checked.sheets.reduce((n, s) => n + s.scores.length, 0),
    panels: checked.panels,
    report: checked.report,
  };
}

export const scoreImportHandlers: Handlers<'scores.template' | 'scores.preview' | 'scores.commit'> = {
  'scores.template': (_, ctx) => {
    authorise(ctx, 'read-register');
    return { fileName: 'grantpanel-scores-template.csv', csv: scoresTemplateCsv() };
  },
  'scores.preview': (input, ctx) => {
    authorise(ctx, 'manage-panels');
    return checkScoreImport(ctx, input).report;
  },
  'scores.commit': (input, ctx) => {
    authorise(ctx, 'manage-panels');
    return commitScoreImport(ctx, input);
  },
};
