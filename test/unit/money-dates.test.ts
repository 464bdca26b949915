import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatPence, parseMoney } from '../../shared/domain/money';
import { formatDate, formatInstant, formatInstantDay, isIsoDate, parseDate, startOfUkDay, ukIsoDay } from '../../shared/domain/dates';
import { applicationDraftSchema } from '../../shared/domain/application';

describe('money', () => {
  test.each([
    ['£1,200.50', 120050],
    ['1200.5', 120050],
    ['1,200', 120000],
    [' £5,000.00 ', 500000],
    ['GBP 300', 30000],
    ['0.01', 1],
    ['-25', -2500],
  ])('%s is %i pence', (text, pence) => expect(parseMoney(text)).toBe(pence));

  test.each(['', 'abc', '£', '1.234', '1,20', '12,00.00', '£1 200', '1e5', '$100', '1,200.5.5'])('%j is not money', (text) =>
    expect(parseMoney(text)).toBeNull(),
  );

  test('formats en-GB', () => {
    expect(formatPence(125000)).toBe('£1,250.00');
    expect(formatPence(5)).toBe('£0.05');
  });

  test('format then parse is the identity', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (p) => parseMoney(formatPence(p)) === p));
  });
});

describe('dates', () => {
  test.each([
    ['2026-11-25', '2026-11-25'],
    ['25/11/2026', '2026-11-25'],
    ['5/1/2027', '2027-01-05'],
    ['25-11-2026', '2026-11-25'],
    ['25 Nov 2026', '2026-11-25'],
    ['25 November 2026', '2026-11-25'],
    ['29/02/2028', '2028-02-29'],
  ])('%s is %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  test.each(['', '31/02/2026', '2026-13-01', '11/25/2026', '29/02/2027', 'tomorrow', '25 Nov'])('%j is not a date', (text) =>
    expect(parseDate(text)).toBeNull(),
  );

  test('formats en-GB', () => expect(formatDate('2026-11-25')).toBe('25 Nov 2026'));
});

describe('instants in UK time', () => {
  test('the day and time as the UK clock shows them, with our month names', () => {
    expect(formatInstant('2026-09-05T13:05:00Z')).toBe('5 Sep 2026, 14:05');
    expect(formatInstantDay('2026-06-30T23:30:00Z')).toBe('1 Jul 2026');
    expect(formatInstant('2026-11-25T09:00:00Z')).toBe('25 Nov 2026, 09:00');
    expect(formatInstant('not a time')).toBe('not a time');
  });
});

describe('cross-field rules run on the first try', () => {
  test('budget total and end date are checked even when other fields are missing', () => {
    const result = applicationDraftSchema.safeParse({
      amountRequested: 1000,
      budgetLines: [{ item: 'x', amount: 500 }],
      startDate: '2027-02-01',
      endDate: '2027-01-01',
    });
    expect(result.success).toBe(false);
    const fields = result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    expect(fields).toContain('budgetLines');
    expect(fields).toContain('endDate');
    expect(fields).toContain('organisationName');
  });
});

test('the UK day of an instant, and when a UK day began, agree with the clock rules Intl knows', () => {
  const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  // Every half hour across three years (six clock changes), and instants scattered over a century.
  const instants: number[] = [];
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 1_800_000) instants.push(ms);
  let seed = 12345;
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    instants.push(Date.UTC(1997, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2099, 0, 1) - Date.UTC(1997, 0, 1))));
  }
  for (const ms of instants) {
    const instant = new Date(ms).toISOString();
    expect(ukIsoDay(instant), instant).toBe(london.format(ms));
  }
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10);
    const start = Date.parse(startOfUkDay(day));
    expect(london.format(start), day).toBe(day);
    expect(london.format(start - 1), day).not.toBe(day);
  }
  // Asked twice in a row, and after a Date of another day, the same instant gives the same day.
  expect([ukIsoDay('2026-06-30T23:30:00.000Z'), ukIsoDay('2026-06-30T23:30:00.000Z')]).toEqual(['2026-07-01', '2026-07-01']);
  expect([ukIsoDay(new Date('2026-01-05T12:00:00Z')), ukIsoDay('2026-06-30T23:30:00.000Z'), ukIsoDay('')]).toEqual([
    '2026-01-05',
    '2026-07-01',
    '',
  ]);
  expect(startOfUkDay('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
  expect(startOfUkDay('2026-11-02')).toBe('2026-11-02T00:00:00.000Z');
});

test('a real date is one the calendar has: every day of 1899–2201 counted as the clock counts it', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  for (let y = 1899; y <= 2201; y++) {
    for (let mo = 0; mo <= 13; mo++) {
      for (let d = 0; d <= 32; d++) {
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        const real = y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
        if (isIsoDate(text) !== real) expect(isIsoDate(text), text).toBe(real);
      }
    }
  }
  for (const text of ['2026-2-01', '2026-02-1', ' 2026-02-01', '2026-02-01 ', '2026/02/01', '20260-02-01', '2024-02-29x'])
    expect(isIsoDate(text), text).toBe(false);
  expect([isIsoDate('2024-02-29'), isIsoDate('2000-02-29'), isIsoDate('2100-02-29'), isIsoDate('2026-02-29')]).toEqual([
    true,
    true,
    false,
    false,
  ]);
});
