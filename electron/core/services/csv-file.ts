// Reading a CSV file as a grants officer's spreadsheet saves it: UTF-8 with or without BOM,
// UTF-16 with BOM, or Windows-1252 (Excel's "CSV" on Windows).
import { readFileSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../../shared/contract/result';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../../shared/formats/applications-csv';

export interface CsvTable {
  encoding: string;
  headers: string[];
  /** Data rows with their spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8 (with BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'Windows-1252' };
  }
}

const PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: false, max_record_size: 1_000_000 } as const;

/** The file's records exactly as csv-parse reads them (or its error): plain files the quick way, the rest by csv-parse. */
export function parseRecords(text: string): string[][] {
  return plainRecords(text) ?? (parse(text, PARSE_OPTIONS) as string[][]);
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Well within csv-parse's limit of 1,000,000 bytes a record: a UTF-16 unit is at most 3 UTF-8 bytes. */
const PLAIN_RECORD_CHARS = 300_000;

/**
 * A file in the shape spreadsheets save, read in one pass: fields separated by commas, quoted
 * fields with "" for a quote, every line ending the same way (CRLF or LF) — what csv-parse gives
 * for the same text (a property test holds them equal). Null for anything else (a stray quote, a
 * lone CR, mixed line endings, a huge record): csv-parse then reads it, or names what is wrong.
 */
export function plainRecords(text: string): string[][] | null {
  const records: string[][] = [];
  const n = text.length;
  let crlf: boolean | null = null;
  let i = 0;
  while (i < n) {
    const start = i;
    const record: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return null;
          if (text.charCodeAt(q + 1) !== QUOTE) {
            value += text.slice(from, q);
            i = q + 1;
            break;
          }
          value += text.slice(from, q + 1);
          from = q + 2;
        }
        record.push(value);
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) return null;
        }
        record.push(text.slice(i, j));
        i = j;
      }
      if (i - start > PLAIN_RECORD_CHARS) return null;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR && text.charCodeAt(i + 1) === LF && crlf !== false) {
        crlf = true;
        i += 2;
        break;
      }
      if (c === LF && crlf !== true) {
        crlf = false;
        i += 1;
        break;
      }
      return null;
    }
    records.push(record);
  }
  return records;
}

function tooLarge(bytes: number): DomainError {
  return new DomainError(
    'TOO_LARGE',
    `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB — the largest file GrantPanel imports is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
  );
}

/** What a file's rows hold, for the messages about an empty file: applications, or scores. */
export interface RowNoun {
  one: string;
  many: string;
}
const APPLICATION_ROWS: RowNoun = { one: 'application', many: 'applications' };

/** A chosen CSV file, read afresh (so a spreadsheet fixed since the last check is what is checked); too large: refused unread. */
export function readCsvFile(path: string, name: string, rowsHold: RowNoun = APPLICATION_ROWS): CsvTable {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `${name} is no longer where it was chosen — choose the file again`
        : code === 'EISDIR'
          ? `${name} is a folder — choose the CSV file inside it`
          : `GrantPanel could not read ${name} — choose the file again`;
    throw new DomainError('VALIDATION', message, [{ field: 'file', message }]);
  }
  return readCsv(bytes, rowsHold);
}

export function readCsv(bytes: Buffer, rowsHold: RowNoun = APPLICATION_ROWS): CsvTable {
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0)
    throw new DomainError('VALIDATION', `The file is empty — choose a CSV file with a header row and at least one ${rowsHold.one}`);
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new DomainError('VALIDATION', 'This is not a CSV file — save the spreadsheet as "CSV (comma delimited)" and choose that file');
  }
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parseRecords(text);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DomainError(
      'VALIDATION',
      `The file could not be read as CSV${line ? ` near row ${line}` : ''}: ${(error as Error).message.replace(/^Invalid /, 'invalid ')}`,
    );
  }
  const [headerRow, ...data] = records;
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (headers.every((h) => h === ''))
    throw new DomainError(
      'VALIDATION',
      'The file has no header row — the first row must name the columns (download the template to see them)',
    );
  const rows = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new DomainError('VALIDATION', `The file has a header row but no ${rowsHold.many}`);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new DomainError(
      'TOO_LARGE',
      `The file has ${rows.length.toLocaleString('en-GB')} rows — import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`,
    );
  return { encoding, headers, rows };
}
