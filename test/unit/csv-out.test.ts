// Every CSV the app writes: UTF-8 with a BOM, Windows line endings, and no cell a spreadsheet would
// run as a formula — each leading character that starts one is defused with an apostrophe.
import { expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { writeCsv } from '../../shared/formats/csv-out';

const cellsOf = (csv: string) => (parse(csv, { bom: true }) as string[][]).slice(1).map((r) => r[0]);

test('a BOM, then the header row and each record on a Windows line', () => {
  const csv = writeCsv(
    ['name', 'amount', 'active'],
    [
      ['Good Group', 120050, true],
      ['Other, "quoted"', null, false],
    ],
  );
  expect(csv).toBe('\ufeffname,amount,active\r\nGood Group,120050,true\r\n"Other, ""quoted""",,false\r\n');
});

test.each([
  ['=', '=1+1'],
  ['+', '+44 121 000'],
  ['-', '-2+3'],
  ['@', '@SUM(A1:A9)'],
  ['a tab', '\t=1+1'],
  ['a carriage return', '\r=1+1'],
  ['a full-width =', '\uff1d1+1'],
  ['a full-width +', '\uff0b1'],
  ['a full-width -', '\uff0d1'],
  ['a full-width @', '\uff20SUM(A1)'],
])('a text cell starting with %s gets a leading apostrophe', (_, cell) => {
  expect(cellsOf(writeCsv(['v'], [[cell]]))).toEqual([`'${cell}`]);
});

test('formulas are defused in the header too, and only at the start of a cell; numbers stay numbers', () => {
  const csv = writeCsv(['=v'], [['a=1'], [-5], [0], ['plain'], [null], ['']]);
  expect((parse(csv, { bom: true }) as string[][])[0]).toEqual(["'=v"]);
  expect(cellsOf(csv)).toEqual(['a=1', '-5', '0', 'plain', '', '']);
});
