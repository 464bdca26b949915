// The three shapes a list comes out in: an aligned table for people, JSON and CSV for other
// programs. CSV is written as every CSV the app writes (shared/formats/csv-out.ts): UTF-8 with a
// BOM, and cells a spreadsheet would run as a formula defused with an apostrophe.
import { printable } from '../../../shared/domain/text';
import { csvText } from '../../../shared/formats/csv-out';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

export interface Column<R> {
  header: string;
  cell(row: R): string;
  align?: 'left' | 'right';
  /** Longest cell before it is cut short with "…"; unlimited when omitted. */
  max?: number;
}

const width = (s: string) => [...s].length;

/** One line, no control characters (see printable), at most `max` characters. */
function cut(s: string, max: number | undefined): string {
  const flat = printable(s.replace(/\s+/g, ' ').trim());
  if (max === undefined || width(flat) <= max) return flat;
  return `${[...flat].slice(0, max - 1).join('')}…`;
}

/** Columns padded to their widest cell, two spaces apart; trailing spaces trimmed. */
export function table<R>(rows: R[], columns: Column<R>[]): string {
  const cells = rows.map((r) => columns.map((c) => cut(c.cell(r), c.max)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i] ?? ''))));
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(v));
        return columns[i]?.align === 'right' ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Pretty-printed, one array, a newline at the end. */
export function json(records: JsonRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/**
 * A header row of field names, then one row per record (see writeCsv: UTF-8 with a BOM, Windows
 * line endings; a text cell starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe, so a spreadsheet shows it as text instead of running it). Numbers stay numbers.
 */
export function csv(fields: string[], records: Record<string, Scalar>[]): string {
  return csvText(fields, records);
}

/** 25 Nov 2026, the day the instant falls on in the UK. */
export function ukDay(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' }).format(d);
}
