// Every CSV GrantPanel writes — the templates, the command line's --format csv, exports — is
// written here, the same way: UTF-8 with a byte-order mark (so Excel reads it as UTF-8, not as
// Windows-1252), Windows line endings as Excel saves, and every text cell a spreadsheet would run as
// a formula written with a leading apostrophe, so it shows as text (OWASP "CSV injection"): a cell
// starting with = + - @, a tab or a carriage return, or the full-width ＝ ＋ － ＠ some spreadsheets
// read the same. Numbers stay numbers: -5 is written as -5.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

export const BOM = '\ufeff';

/** A header row, then one row per record: booleans as true/false, null as an empty cell. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([[...header], ...rows.map((r) => [...r])], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (b: boolean) => (b ? 'true' : 'false') },
  });
}

/** The same, from records: a header row of field names, then each record's fields in that order. */
export function csvText(fields: readonly string[], records: readonly Record<string, CsvCell>[]): string {
  return writeCsv(
    fields,
    records.map((r) => fields.map((f) => r[f] ?? null)),
  );
}
