// Paper score sheets imported from CSV: the template, a check that reports every problem with
// its spreadsheet row and column, and an import of the whole file in one transaction, or nothing.
import { z } from 'zod';
import type { FieldProblem } from './result';
import { method } from './method';
import { fileId } from './files';

export const scoreImportInputSchema = z.object({
  roundId: z.string('Choose the round the sheets are for').min(1, 'Choose the round the sheets are for').max(100),
  /** The CSV file, chosen in the Open dialog or uploaded (see files.ts): read afresh at each check. */
  file: fileId,
});

export interface ScoreImportReport {
  fileName: string;
  encoding: string;
  headers: string[];
  /** Required columns the file has none for (by the template's header or a known other name). */
  missingColumns: string[];
  rowCount: number;
  /** Paper sheets found: rows grouped by application and member. */
  sheetCount: number;
  /** Problems with their spreadsheet row number (header = row 1) and column; the first 1,000. */
  problems: FieldProblem[];
  problemCount: number;
  rowsWithProblems: number;
  /** Sheets that would be imported: all of them when there is no problem, else none. */
  importable: number;
  /** Sheets that replace one typed in from paper before (the later typing wins; both stay in the log). */
  replacing: { row: number; reference: string; member: string }[];
}

export const scoreImports = {
  'scores.template': method<{ fileName: string; csv: string }>()(z.object({})),
  'scores.preview': method<ScoreImportReport>()(scoreImportInputSchema),
  /** `panels`: the panels whose applications the sheets scored, by name, for the screen to link to. */
  'scores.commit': method<{ sheets: number; scores: number; panels: { id: string; name: string }[]; report: ScoreImportReport }>()(
    scoreImportInputSchema,
  ),
};
