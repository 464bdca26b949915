// The automatic eligibility checks: limits and the spending window are inclusive; a missing limit
// or window checks nothing; the result and the applicant's sentence follow from the checks.
import { expect, test } from 'vitest';
import {
  automaticChecks,
  officerChecksOf,
  organisationTypesOf,
  resultOf,
  sentenceFor,
  spendingWindow,
  type ScreenedFacts,
  type ScreeningRules,
} from '../../shared/domain/eligibility';

const facts: ScreenedFacts = {
  amountRequested: 250_000,
  constituted: true,
  bankTwoSignatories: true,
  organisationType: 'tenants-association',
  startDate: '2027-01-10',
  endDate: '2027-06-30',
};
const rules: ScreeningRules = {
  fundName: 'Active Citizens Fund',
  minAwardPence: 25_000,
  maxAwardPence: 500_000,
  organisationTypes: [],
  spendFrom: '2027-01-01',
  spendBy: '2027-12-31',
};
const passed = (f: Partial<ScreenedFacts>, r: Partial<ScreeningRules> = {}) =>
  Object.fromEntries(automaticChecks({ ...facts, ...f }, { ...rules, ...r }).map((c) => [c.check, c.passed]));

test('every check passes for an application well inside the rules, in the screen’s order', () => {
  const checks = automaticChecks(facts, rules);
  expect(checks.map((c) => c.check)).toEqual(['amount', 'constituted', 'bank', 'organisationType', 'dates']);
  expect(checks.every((c) => c.passed)).toBe(true);
  expect(checks[0]!.detail).toBe('£2,500.00 asked; limits £250.00 to £5,000.00');
  expect(checks[4]!.detail).toBe('10 Jan 2027 to 30 Jun 2027; window 1 Jan 2027 to 31 Dec 2027');
});

test('the amount passes exactly at the minimum and the maximum, and fails a penny either side', () => {
  expect(passed({ amountRequested: 25_000 }).amount).toBe(true);
  expect(passed({ amountRequested: 500_000 }).amount).toBe(true);
  expect(passed({ amountRequested: 24_999 }).amount).toBe(false);
  expect(passed({ amountRequested: 500_001 }).amount).toBe(false);
  expect(passed({ amountRequested: 1 }, { minAwardPence: null }).amount).toBe(true);
  expect(passed({ amountRequested: 99_999_999 }, { maxAwardPence: null }).amount).toBe(true);
  const [low] = automaticChecks({ ...facts, amountRequested: 24_999 }, rules);
  expect(low!.failSentence).toBe('The Active Citizens Fund makes awards of £250.00 or more; the application asks for £249.99.');
  const [high] = automaticChecks({ ...facts, amountRequested: 500_001 }, rules);
  expect(high!.failSentence).toBe('The Active Citizens Fund makes awards of up to £5,000.00; the application asks for £5,000.01.');
  expect(automaticChecks(facts, { ...rules, minAwardPence: null, maxAwardPence: null })[0]!.detail).toBe('£2,500.00 asked; no limits set');
});

test('project dates on the window’s first and last days pass; a day outside fails', () => {
  expect(passed({ startDate: '2027-01-01', endDate: '2027-12-31' }).dates).toBe(true);
  expect(passed({ startDate: '2026-12-31' }).dates).toBe(false);
  expect(passed({ endDate: '2028-01-01' }).dates).toBe(false);
  // Half a window checks its one side.
  expect(passed({ startDate: '2020-01-01' }, { spendFrom: null }).dates).toBe(true);
  expect(passed({ endDate: '2030-01-01' }, { spendFrom: null }).dates).toBe(false);
  expect(passed({ endDate: '2030-01-01' }, { spendBy: null }).dates).toBe(true);
});

test('a round with no spending window checks no dates, and says so', () => {
  const none = { spendFrom: null, spendBy: null };
  expect(passed({ startDate: '1999-01-01', endDate: '2099-12-31' }, none).dates).toBe(true);
  expect(automaticChecks(facts, { ...rules, ...none })[4]!.detail).toBe('The round has no spending window');
  expect(spendingWindow(none)).toBeNull();
  expect(spendingWindow({ spendFrom: '2027-04-01', spendBy: null })).toBe('from 1 Apr 2027');
  expect(spendingWindow({ spendFrom: null, spendBy: '2028-03-31' })).toBe('by 31 Mar 2028');
});

test('constitution, two signatories and the type of organisation are checked as the application says', () => {
  expect(passed({ constituted: false }).constituted).toBe(false);
  expect(passed({ bankTwoSignatories: false }).bank).toBe(false);
  expect(passed({ organisationType: 'school' }, { organisationTypes: ['charity', 'community-group'] }).organisationType).toBe(false);
  expect(passed({ organisationType: 'charity' }, { organisationTypes: ['charity', 'community-group'] }).organisationType).toBe(true);
  // None listed: every type.
  expect(passed({ organisationType: 'school' }, { organisationTypes: [] }).organisationType).toBe(true);
});

test('eligible when every check passed or was set aside with a reason; the sentence lists only what still fails', () => {
  const checks = [
    { passed: true, overrideReason: null, failSentence: 'A.' },
    { passed: false, overrideReason: 'An umbrella body holds the money', failSentence: 'B.' },
  ];
  expect(resultOf(checks)).toBe('eligible');
  expect(sentenceFor(checks)).toBe('');
  const failing = [...checks, { passed: false, overrideReason: null, failSentence: 'Salaries are not funded.' }];
  expect(resultOf(failing)).toBe('ineligible');
  expect(sentenceFor([...failing, { passed: false, overrideReason: null, failSentence: 'No trips.' }])).toBe(
    'Salaries are not funded.\nNo trips.',
  );
});

test('a shipped fund never edited uses its shipped checklist; an edited one, its own', () => {
  expect(officerChecksOf('acf', null).map((c) => c.question)).toContain('Not for an individual, sponsorship, trips or fundraising');
  expect(officerChecksOf('csf', null).map((c) => c.question)).toContain('Not a statutory service or a post partners must provide');
  expect(officerChecksOf('acf', [])).toEqual([]);
  expect(officerChecksOf('parks', null)).toEqual([]);
  expect(organisationTypesOf('acf', null)).not.toContain('public-body');
  expect(organisationTypesOf('csf', null)).toEqual([]);
});
