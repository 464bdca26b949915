import { z } from 'zod';
import type { ContractError, FieldProblem } from './result';
import { APPLICATION_COLUMNS, type ImportField } from '../formats/applications-csv';
import { method } from './method';
import { fileId } from './files';

const fields = APPLICATION_COLUMNS.map((c) => c.field) as [ImportField, ...ImportField[]];

export const importInputSchema = z.object({
  roundId: z.string('Choose the round to import into').min(1, 'Choose the round to import into'),
  /** The CSV file, chosen in the Open dialog or uploaded (see files.ts): read afresh at each check. */
  file: fileId,
  /** File header → field, or null to ignore that column. Omitted: remembered or suggested. */
  mapping: z.record(z.string(), z.enum(fields).nullable()).optional(),
});
export type ImportInput = z.input<typeof importInputSchema>;

export interface ImportReport {
  fileName: string;
  encoding: string;
  headers: string[];
  mapping: Record<string, ImportField | null>;
  mappingSource: 'template' | 'remembered' | 'suggested' | 'given';
  missingColumns: string[];
  rowCount: number;
  /** Problems with their spreadsheet row number (header = row 1) and column; the first 1,000. */
  problems: FieldProblem[];
  problemCount: number;
  rowsWithProblems: number;
  /** Rows whose applicant reference is already in the register: reported, skipped, never doubled. */
  duplicates: { row: number; reference: string }[];
  importable: number;
}

/** A long check or import running in the core, polled for its progress. */
export interface ImportJob {
  jobId: string;
  mode: 'check' | 'import';
  state: 'checking' | 'importing' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  report: ImportReport | null;
  imported: number | null;
  skippedDuplicates: number | null;
  error: ContractError | null;
}

const jobId = z.object({ jobId: z.string().min(1).max(64) });

export const imports = {
  'imports.template': method<{ fileName: string; csv: string }>()(z.object({})),
  'imports.preview': method<ImportReport>()(importInputSchema),
  'imports.commit': method<{ imported: number; skippedDuplicates: number; report: ImportReport }>()(importInputSchema),
  /** Starts a check or an import as a job with progress; the import is still all or nothing. */
  'imports.start': method<ImportJob>()(importInputSchema.extend({ mode: z.enum(['check', 'import']) })),
  'imports.progress': method<ImportJob>()(jobId),
  /** Stops a job; an import stopped before it commits leaves the register exactly as it was. */
  'imports.cancel': method<ImportJob>()(jobId),
};
