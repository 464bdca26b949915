// `grantpanel import applications FILE --round ROUND [--dry-run]`: the app's two-step import —
// imports.preview reports every problem with its row and column; only a clean file goes on to
// imports.commit, which writes all of it or nothing. Duplicates are skipped, never doubled.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportReport } from '../../../shared/contract/imports';
import { APPLICATION_COLUMNS, MAX_IMPORT_BYTES } from '../../../shared/formats/applications-csv';
import { printable } from '../../../shared/domain/text';
import { Rejected, UsageError, count, problemLine, stringOption, type Command, type Invocation } from './command';
import { findRound } from './lookups';

const labelOf = (field: string) => APPLICATION_COLUMNS.find((c) => c.field === field)?.header ?? field;

export async function checkImportFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Rejected(`Cannot read ${path}: it is a folder — give the CSV file inside it`);
    if (info.size > MAX_IMPORT_BYTES) {
      throw new Rejected(
        `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB — the largest file GrantPanel imports is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      );
    }
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof Rejected) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new Rejected(`Cannot read ${path}: ${why}`);
  }
}

/** What the file holds, for stdout: rows, encoding, how its columns were matched, duplicates. */
function summary(report: ImportReport): string[] {
  const lines = [`File: ${report.fileName} (${report.encoding}), ${count(report.rowCount, 'application row')}`];
  // Only what a person would not guess: columns matched under another name, and columns ignored.
  const notable = Object.entries(report.mapping).filter(([header, field]) => !field || labelOf(field) !== header);
  if (report.mappingSource !== 'template' && notable.length > 0) {
    const how =
      report.mappingSource === 'remembered'
        ? 'as remembered from an earlier file with these columns'
        : report.mappingSource === 'given'
          ? 'as given'
          : 'by their headings';
    lines.push(`Columns matched ${how}:`);
    for (const [header, field] of notable) lines.push(`  ${printable(header)} → ${field ? labelOf(field) : '(ignored)'}`);
  }
  for (const d of report.duplicates) lines.push(`Row ${d.row}: ${printable(d.reference)} is already in the register — it will be skipped`);
  return lines;
}

type CheckedReport = Pick<ImportReport, 'missingColumns' | 'problems' | 'problemCount' | 'rowsWithProblems'>;

/**
 * The first step of every CSV import: the round named and the file checked here (messages that
 * name the path typed), then the core's check printed; a file with any problem is refused, saying
 * nothing was written. Answers the input for the commit and the clean report.
 */
export async function checkedImport<R extends CheckedReport>(
  { values, positionals, io, call }: Invocation,
  check: (input: { roundId: string; file: string }) => Promise<R>,
  summary: (report: R) => string[],
): Promise<{ input: { roundId: string; file: string }; report: R; dryRun: boolean; round: string }> {
  const found = await findRound(call, stringOption(values, 'round') ?? '');
  if (!found.ok) throw new Rejected(found.problem);
  const path = resolve(io.cwd ?? process.cwd(), positionals[0] ?? '');
  await checkImportFile(path);
  const input = { roundId: found.value.id, file: path };
  const report = await check(input);
  io.stdout(summary(report).join('\n') + '\n');
  const dryRun = values['dry-run'] === true;
  if (report.missingColumns.length > 0 || report.problemCount > 0) {
    const outcome = dryRun ? 'Dry run: nothing was written.' : 'Nothing was imported. Fix them and import again.';
    const headline = report.missingColumns.length
      ? `The file is missing columns. ${outcome}`
      : `${count(report.rowsWithProblems, 'row has', 'rows have')} problems. ${outcome}`;
    throw new Rejected(headline, problemsOf(report));
  }
  return { input, report, dryRun, round: found.value.name };
}

/** A CSV check's problems, one line each (the first few; the rest counted): applications and scores alike. */
export function problemsOf(report: Pick<ImportReport, 'missingColumns' | 'problems' | 'problemCount'>): string[] {
  const lines = report.missingColumns.length ? [`The file has no column for: ${report.missingColumns.join(', ')}`] : [];
  lines.push(...report.problems.map((p) => problemLine(p)));
  const unlisted = report.problemCount - report.problems.length;
  if (unlisted > 0) lines.push(`…and ${count(unlisted, 'more problem')}`);
  return lines;
}

export const importCommand: Command = {
  words: ['import', 'applications'],
  synopsis: 'import applications FILE --round ROUND [--dry-run]',
  summary: 'Check a CSV file of applications and import it into a round',
  usage: ['grantpanel import applications FILE --round ROUND [--dry-run]'],
  options: { round: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  optionHelp: [
    ['FILE', 'A CSV file: the template’s columns (grantpanel template applications) or a spreadsheet’s own.'],
    ['--round ROUND', 'The round to import into: its id or exact name. See: grantpanel list rounds'],
    ['--dry-run', 'Check the file and report; write nothing. Exit 1 when it has problems, 0 when clean.'],
  ],
  positionals: ['FILE'],
  notes: [
    'Problems are listed with their spreadsheet row (the header is row 1) and column. A file with any',
    'problem imports nothing. Rows whose applicant reference is already in the register are skipped.',
  ],
  examples: [
    'grantpanel import applications applications.csv --round "Active Citizens Fund 2026–27" --dry-run',
    'grantpanel import applications applications.csv --round "Active Citizens Fund 2026–27"',
  ],
  check(values) {
    if (stringOption(values, 'round') === undefined) throw new UsageError('Missing --round', importCommand);
  },
  async run(invocation: Invocation) {
    const { call, io } = invocation;
    const { input, report, dryRun, round } = await checkedImport(invocation, (i) => call('imports.preview', i), summary);
    const skipped = count(report.duplicates.length, 'duplicate');
    if (dryRun) {
      io.stdout(
        `Dry run: no problems. ${count(report.importable, 'application')} would be imported (${skipped} would be skipped). Nothing was written.\n`,
      );
      return;
    }
    const done = await call('imports.commit', input);
    io.stdout(`Imported ${count(done.imported, 'application')} (${count(done.skippedDuplicates, 'duplicate')} skipped) into ${round}\n`);
  },
};
