// Importing applications from CSV: a dry-run report first (every bad row, its row number and
// column), then all or nothing in one transaction. Duplicates by reference are skipped, never doubled.
import {
  applicationDraftSchema,
  checkAgainstRound,
  checkReceivedOn,
  problemsFromZod,
  type ApplicationDraft,
} from '../../../shared/domain/application';
import {
  APPLICATION_COLUMNS,
  draftFromCells,
  headerSignature,
  suggestMapping,
  type ImportField,
} from '../../../shared/formats/applications-csv';
import type { ImportReport } from '../../../shared/contract/imports';
import { writeCsv } from '../../../shared/formats/csv-out';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { ukIsoDay } from '../../../shared/domain/dates';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { CoreKinds } from '../events/project';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { readCsvFile } from './csv-file';
import { receive, referenceExists, referenceNumbers, roundContext } from './applications';

export const importMappingKind: CoreKinds['importMapping'] = {
  projectors: {
    'importMapping.saved': (db, e) => {
      const { signature, mapping } = e.payload as { signature: string; mapping: Record<string, ImportField | null> };
      statement(db, 'INSERT OR REPLACE INTO import_mappings (signature, mapping) VALUES (?, ?)').run(signature, JSON.stringify(mapping));
    },
  },
};

const MAX_LISTED_PROBLEMS = 1000;

export function templateCsv(): string {
  return writeCsv(
    APPLICATION_COLUMNS.map((c) => c.header),
    [],
  );
}

function rememberedMapping(db: Db, signature: string): Record<string, ImportField | null> | null {
  const row = statement<[string], { mapping: string }>(db, 'SELECT mapping FROM import_mappings WHERE signature = ?').get(signature);
  return row ? (JSON.parse(row.mapping) as Record<string, ImportField | null>) : null;
}

interface Checked {
  report: ImportReport;
  drafts: ApplicationDraft[];
}

export interface Progress {
  done: number;
  total: number;
}

const STEP = 250;

/** Reads and checks the whole file without writing anything. */
export function checkImport(ctx: CoreContext, input: ParsedInput<'imports.preview'>): Checked {
  return runToEnd(checkSteps(ctx, input));
}

export function runToEnd<T>(steps: Generator<Progress, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The check, yielding its progress every few hundred rows so a job can report it. */
export function* checkSteps(ctx: CoreContext, input: ParsedInput<'imports.preview'>): Generator<Progress, Checked> {
  const rc = roundContext(ctx.db, input.roundId);
  const chosen = ctx.files.use(input.file, 'read', 'csv');
  const table = readCsvFile(chosen.path, chosen.name);
  const { headers } = table;

  const fileProblems: FieldProblem[] = [];
  const seenHeaders = new Set<string>();
  for (const h of headers) {
    if (h && seenHeaders.has(h.toLowerCase()))
      fileProblems.push({ field: h, row: 1, message: `The column "${h}" appears twice — keep one` });
    seenHeaders.add(h.toLowerCase());
  }

  const signature = headerSignature(headers);
  const suggested = suggestMapping(headers);
  const isTemplate = APPLICATION_COLUMNS.every((c) => headers.includes(c.header));
  let mapping = suggested;
  let mappingSource: ImportReport['mappingSource'] = isTemplate ? 'template' : 'suggested';
  if (input.mapping) {
    const unknown = Object.keys(input.mapping).filter((h) => !headers.includes(h));
    if (unknown.length > 0)
      throw new DomainError('VALIDATION', `The column mapping names columns this file does not have: ${unknown.join(', ')}`);
    mapping = Object.fromEntries(headers.map((h) => [h, input.mapping?.[h] ?? null]));
    mappingSource = 'given';
  } else if (!isTemplate) {
    const remembered = rememberedMapping(ctx.db, signature);
    if (remembered) {
      mapping = remembered;
      mappingSource = 'remembered';
    }
  }

  const headerOf = new Map<ImportField, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!field) continue;
    if (headerOf.has(field))
      fileProblems.push({
        field: header,
        row: 1,
        message: `Both "${headerOf.get(field)}" and "${header}" are matched to ${labelOf(field)} — match only one`,
      });
    else headerOf.set(field, header);
  }
  const missingColumns = APPLICATION_COLUMNS.filter((c) => c.required && !headerOf.has(c.field)).map((c) => c.header);
  const header = (field: ImportField) => headerOf.get(field) ?? labelOf(field);

  const problems: FieldProblem[] = [...fileProblems];
  let problemCount = fileProblems.length;
  let rowsWithProblems = 0;
  const note = (p: FieldProblem) => {
    problemCount++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
  };
  const drafts: ApplicationDraft[] = [];
  const duplicates: ImportReport['duplicates'] = [];
  const referenceRow = new Map<string, number>();
  const indexOf = new Map(headers.map((h, i) => [h, i]));
  const lookups = { areas: rc.areas, priorities: rc.plan.priorities };
  const today = ukIsoDay(ctx.now());

  const rows = missingColumns.length ? [] : table.rows;
  for (const [i, { row, cells: raw }] of rows.entries()) {
    if (i % STEP === 0) yield { done: i, total: rows.length };
    const cells: Partial<Record<ImportField, string>> = {};
    for (const [field, h] of headerOf) cells[field] = raw[indexOf.get(h) ?? -1] ?? '';
    const { draft, problems: cellProblems } = draftFromCells(cells, header, lookups);
    const rowProblems = [...cellProblems];
    if (raw.length !== headers.length)
      rowProblems.push({
        field: '(whole row)',
        message: `Row has ${raw.length} cells but the header has ${headers.length} — check for a stray comma`,
      });
    // The draft is this row's own: given its round in place, not copied.
    const parsed = applicationDraftSchema.safeParse(Object.assign(draft, { roundId: rc.round.id }));
    const found = parsed.success ? [] : problemsFromZod(parsed.error);
    found.push(...checkAgainstRound(parsed.success ? parsed.data : draft, rc), ...checkReceivedOn(draft.receivedOn, today));
    for (const p of found) {
      const column = header((p.field.split('.')[0] ?? '') as ImportField);
      if (!rowProblems.some((r) => r.field === column)) rowProblems.push({ field: column, message: p.message });
    }
    const reference = draft.reference ?? '';
    if (reference) {
      const earlier = referenceRow.get(reference.toLowerCase());
      if (earlier) rowProblems.push({ field: header('reference'), message: `Applicant reference ${reference} is also on row ${earlier}` });
      else referenceRow.set(reference.toLowerCase(), row);
    }
    if (rowProblems.length > 0) {
      rowsWithProblems++;
      for (const p of rowProblems) note({ ...p, row });
    } else if (reference && referenceExists(ctx.db, reference)) {
      duplicates.push({ row, reference });
    } else if (parsed.success) {
      drafts.push(parsed.data);
    }
  }

  const report: ImportReport = {
    fileName: chosen.name,
    encoding: table.encoding,
    headers,
    mapping,
    mappingSource,
    missingColumns,
    rowCount: table.rows.length,
    problems,
    problemCount,
    rowsWithProblems,
    duplicates,
    importable: missingColumns.length || problemCount ? 0 : drafts.length,
  };
  return { report, drafts };
}

function labelOf(field: ImportField): string {
  return APPLICATION_COLUMNS.find((c) => c.field === field)?.header ?? field;
}

/** Refuses a file with any problem: imports are all or nothing. */
export function assertImportable(report: ImportReport): void {
  if (report.missingColumns.length > 0) {
    throw new DomainError('VALIDATION', `The file has no column for: ${report.missingColumns.join(', ')} — nothing was imported`);
  }
  if (report.problemCount > 0) {
    throw new DomainError(
      'VALIDATION',
      `${report.rowsWithProblems.toLocaleString('en-GB')} rows have problems — nothing was imported. Fix them and import again.`,
      report.problems,
    );
  }
}

/** Appends the checked applications; run inside one transaction. */
export function* writeSteps(
  ctx: CoreContext,
  input: ParsedInput<'imports.commit'>,
  { report, drafts }: Checked,
): Generator<Progress, ImportResult> {
  const rc = roundContext(ctx.db, input.roundId);
  const receivedAt = ctx.now();
  const nextReference = referenceNumbers(ctx.db, rc.fund.code, receivedAt.getUTCFullYear());
  let skipped = report.duplicates.length;
  let imported = 0;
  for (const [i, draft] of drafts.entries()) {
    if (i % STEP === 0) yield { done: i, total: drafts.length };
    // Checked before the write began; another change may have added the same reference since.
    if (draft.reference && referenceExists(ctx.db, draft.reference)) {
      skipped++;
      continue;
    }
    receive(ctx, draft.reference ? draft : { ...draft, reference: nextReference() }, receivedAt.toISOString());
    imported++;
  }
  if (report.mappingSource === 'given' || report.mappingSource === 'suggested') {
    const signature = headerSignature(report.headers);
    ctx.log.append(ctx.person.id, 'importMapping.saved', `importMapping:${signature}`, { signature, mapping: report.mapping });
  }
  return { imported, skippedDuplicates: skipped, report };
}

export interface ImportResult {
  imported: number;
  skippedDuplicates: number;
  report: ImportReport;
}

export function commitImport(ctx: CoreContext, input: ParsedInput<'imports.commit'>): ImportResult {
  const checked = checkImport(ctx, input);
  assertImportable(checked.report);
  return write(ctx, () => runToEnd(writeSteps(ctx, input, checked)));
}

export const importHandlers: Handlers<'imports.template' | 'imports.preview' | 'imports.commit'> = {
  'imports.template': (_, ctx) => {
    authorise(ctx, 'read-register');
    return { fileName: 'grantpanel-applications-template.csv', csv: templateCsv() };
  },
  'imports.preview': (input, ctx) => {
    authorise(ctx, 'manage-register');
    return checkImport(ctx, input).report;
  },
  'imports.commit': (input, ctx) => {
    authorise(ctx, 'manage-register');
    return commitImport(ctx, input);
  },
};
