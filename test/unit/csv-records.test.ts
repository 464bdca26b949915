// The import reads plain files in one pass of its own and anything else with csv-parse: both must
// give exactly csv-parse's records, or its error, for any text.
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parseRecords, plainRecords } from '../../electron/core/services/csv-file';

const options = { relax_column_count: true, skip_empty_lines: false, max_record_size: 1_000_000 };
const outcome = (read: () => string[][]) => {
  try {
    return { records: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
const same = (text: string): void => {
  expect(outcome(() => parseRecords(text))).toEqual(outcome(() => parse(text, options) as string[][]));
};

test('any mix of commas, quotes, line endings and text reads as csv-parse reads it', () => {
  const piece = fc.constantFrom('a', 'bc', ' ', 'é', '😀', ',', '"', '""', '\r', '\n', '\r\n', '\t', ';');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => same(pieces.join(''))),
    { numRuns: 3000 },
  );
});

test('spreadsheet-shaped files, quoted or not, CRLF or LF, read as csv-parse reads them', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom('', 'a,b', 'say "hi"', 'two\r\nlines', 'one\nline', ' padded '));
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('windows', 'unix'),
      fc.boolean(),
      (rows, ending, quoted) => {
        const text = stringify(rows, { record_delimiter: ending as 'windows' | 'unix', quoted });
        same(text);
        same(text.replace(/\r?\n$/, ''));
      },
    ),
  );
});

test('a file as a spreadsheet saves it is read in the one pass, not handed to csv-parse', () => {
  const text = stringify(
    [
      ['Applicant reference', 'Organisation name', 'Budget lines'],
      ['ACF-1', 'Tile Hill "Cycling" Club', 'Hall hire: £300; Leaflets: £200'],
      ['ACF-2', 'Line\r\nbreak', ''],
    ],
    { record_delimiter: 'windows' },
  );
  expect(plainRecords(text)).toEqual(parse(text, options));
  expect(plainRecords(text.replace(/\r\n/g, '\n'))).toEqual(parse(text.replace(/\r\n/g, '\n'), options));
});
