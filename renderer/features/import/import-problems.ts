// Problems on the Import screen, for its error summary: a core error as problems on the round and
// file fields, and a checked file's problems, each a link to its row in the report's table.
import type { ContractError, FieldProblem } from '../../../shared/contract/result';
import type { CheckedFile } from './ImportReportView';

/** How many of a file's problems the summary lists; the report's table lists them all (up to 1,000). */
const LISTED = 10;

/** The element each problem's link leads to. */
export function importFieldId(field: string): string {
  if (field === 'round') return 'import-round';
  if (field === 'import') return 'import-report-title';
  if (field === 'missing') return 'import-missing-columns';
  if (field === 'problems') return 'import-problems-title';
  if (field.startsWith('problem-')) return `import-${field}`;
  return 'import-file';
}

/** A core error as problems on this page's fields: file troubles link to the file input. */
export function problemsFromError(error: ContractError): FieldProblem[] {
  const details = (error.details ?? []).filter((d) => d.row === undefined);
  const fieldOf = (field: string) => (field === 'roundId' ? 'round' : 'file');
  if (details.length > 0) return details.map((d) => ({ field: fieldOf(d.field), message: d.message }));
  return [{ field: error.code === 'NOT_FOUND' ? 'round' : 'file', message: error.message }];
}

/** A checked file's missing columns and first problems, each linking to where the report shows it. */
export function problemsOfReport(report: CheckedFile): FieldProblem[] {
  const found: FieldProblem[] = [];
  if (report.missingColumns.length > 0)
    found.push({ field: 'missing', message: `The file has no column for: ${report.missingColumns.join(', ')}` });
  report.problems.slice(0, LISTED).forEach((p, i) =>
    found.push({
      field: `problem-${i}`,
      message: p.field === '(whole row)' ? `Row ${p.row}: ${p.message}` : `Row ${p.row}, ${p.field}: ${p.message}`,
    }),
  );
  const more = report.problemCount - Math.min(LISTED, report.problems.length);
  if (more > 0)
    found.push({
      field: 'problems',
      message: `and ${more.toLocaleString('en-GB')} more ${more === 1 ? 'problem' : 'problems'} — see the report`,
    });
  return found;
}
