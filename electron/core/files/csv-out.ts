// Every CSV GrantPanel writes: UTF-8 with a byte-order mark (so Excel reads £ and names rightly),
// and each cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first)
// defused with a leading apostrophe.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

export function csvText(fields: readonly string[], records: readonly Record<string, CsvCell>[]): string {
  return stringify(
    records.map((r) => fields.map((f) => r[f] ?? null)),
    { header: true, columns: [...fields], escape_formulas: true, bom: true, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } },
  );
}
