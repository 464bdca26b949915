import { expect, test } from 'vitest';
import { APPLICATION_COLUMNS, draftFromCells, headerSignature, suggestMapping } from '../../shared/formats/applications-csv';
import { SEED_AREAS, SEED_PLANS } from '../../electron/core/services/catalogue-seed';

const lookups = { areas: SEED_AREAS, priorities: SEED_PLANS[1]!.priorities };
const header = (f: string) => APPLICATION_COLUMNS.find((c) => c.field === f)!.header;

test('the template headers map to themselves; other names are suggested by alias', () => {
  const template = APPLICATION_COLUMNS.map((c) => c.header);
  expect(Object.values(suggestMapping(template))).toEqual(APPLICATION_COLUMNS.map((c) => c.field));
  expect(suggestMapping(['Org name', 'E-mail', 'NPU', 'Something else'])).toEqual({
    'Org name': 'organisationName',
    'E-mail': 'contactEmail',
    NPU: 'areaId',
    'Something else': null,
  });
});

test('header signatures ignore order and case', () => {
  expect(headerSignature(['A b', 'C'])).toBe(headerSignature(['c', 'a B']));
});

test('cells become a draft: areas by name or ONS code, priorities by code or title, money and dates as typed', () => {
  const { draft, problems } = draftFromCells(
    {
      organisationType: 'Registered charity',
      constituted: 'yes',
      bankTwoSignatories: 'No',
      inImpactArea: '',
      areaId: 'E08000026',
      amountRequested: '£1,200.50',
      budgetLines: 'Hall hire: £1,000; Leaflets: 200.50',
      startDate: '01/02/2027',
      endDate: '31 March 2027',
      priorityIds: 'VIOLENCE; Road and Travel Safety',
      beneficiaryGroups: 'Children and young people; lgbt',
      expectedBeneficiaries: '1,250',
      outcomes: 'Fewer incidents | Police data',
    },
    header,
    lookups,
  );
  expect(problems).toEqual([]);
  expect(draft).toMatchObject({
    organisationType: 'charity',
    constituted: true,
    bankTwoSignatories: false,
    inImpactArea: false,
    areaId: 'coventry',
    amountRequested: 120050,
    budgetLines: [
      { item: 'Hall hire', amount: 100000 },
      { item: 'Leaflets', amount: 20050 },
    ],
    startDate: '2027-02-01',
    endDate: '2027-03-31',
    priorityIds: ['pcp-2025-2029:VIOLENCE', 'pcp-2025-2029:ROADS'],
    beneficiaryGroups: ['young-people', 'lgbt'],
    expectedBeneficiaries: 1250,
    outcomes: [{ outcome: 'Fewer incidents', measure: 'Police data' }],
  });
});

test('bad cells name their column and say how to fix them', () => {
  const { problems } = draftFromCells(
    {
      organisationType: 'Club',
      constituted: 'maybe',
      areaId: 'Atlantis',
      amountRequested: 'abc',
      budgetLines: 'Hall',
      startDate: '31/02/2027',
      priorityIds: 'NOPE',
      beneficiaryGroups: 'martians',
      expectedBeneficiaries: 'many',
    },
    header,
    lookups,
  );
  const byColumn = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  expect(byColumn['Organisation type']).toMatch(/not a known organisation type/);
  expect(byColumn['Constituted group']).toBe('Enter Yes or No');
  expect(byColumn['Area']).toMatch(/"Atlantis" is not a known area/);
  expect(byColumn['Amount requested']).toMatch(/like £1,200.50/);
  expect(byColumn['Budget lines']).toMatch(/Item: £amount/);
  expect(byColumn['Start date']).toMatch(/not a date/);
  expect(byColumn['Plan priorities']).toMatch(/"NOPE"/);
  expect(byColumn['Beneficiary groups']).toMatch(/"martians"/);
  expect(byColumn['Expected beneficiaries']).toMatch(/whole number/);
});

test('a priority named twice in one cell is a problem of that cell, not a failed import', () => {
  const { problems } = draftFromCells({ priorityIds: 'ROADS; Road and Travel Safety' }, header, lookups);
  expect(problems.find((p) => p.field === 'Plan priorities')?.message).toBe(
    '"Road and Travel Safety" is listed twice — name each priority once',
  );
});
