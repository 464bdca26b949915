import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';

let core: TestCore;
let roundId: string;
beforeEach(async () => {
  core = makeCore(undefined, () => new Date('2026-11-25T10:00:00Z'));
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'ACF winter',
    opens: '2026-11-01',
    closes: '2026-12-31',
    budgets: [
      { areaId: 'coventry', amountPence: 4_500_000 },
      { areaId: 'walsall', amountPence: 4_500_000 },
    ],
  });
  roundId = round.id;
});
afterEach(() => core.dispose());

const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a valid application is received with the next reference, and reads back whole', async () => {
  const { id, reference } = await core.call('applications.create', validDraft(roundId));
  expect(reference).toBe('ACF-2026-0001');
  expect((await core.call('applications.create', validDraft(roundId))).reference).toBe('ACF-2026-0002');
  const detail = await core.call('applications.get', { id });
  expect(detail).toMatchObject({
    status: 'received',
    roundName: 'ACF winter',
    fundName: 'Active Citizens Fund',
    areaName: 'Coventry',
    amountRequested: 250000,
    receivedAt: '2026-11-25T10:00:00.000Z',
  });
  expect(detail.priorities).toEqual([{ id: 'pcp-2025-2029:VIOLENCE', code: 'VIOLENCE', title: 'Preventing and Tackling Violence' }]);
});

test('every wrong field is named with a plain-English message, and nothing is written', async () => {
  const before = eventCount();
  const result = await core.dispatch('applications.create', {
    ...validDraft(roundId),
    organisationName: '   ',
    contactEmail: 'not-an-email',
    amountRequested: -5,
    budgetLines: [{ item: 'Hall', amount: 0 }],
    startDate: '2027-05-01',
    endDate: '2027-04-01',
    priorityIds: [],
    projectTitle: 'x'.repeat(141),
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION');
  const byField = Object.fromEntries((result.error.details ?? []).map((d) => [d.field, d.message]));
  expect(byField).toMatchObject({
    organisationName: 'Enter the organisation name',
    contactEmail: 'Enter an email address like name@example.org',
    amountRequested: 'The amount requested must be more than £0',
    'budgetLines.0.amount': 'The budget line amount must be more than £0',
    priorityIds: 'Choose at least one Police and Crime Plan priority',
    projectTitle: 'Project title must be 140 characters or fewer',
  });
  expect(eventCount()).toBe(before);
});

test('a priority chosen twice is refused with the field named, not an internal error, and nothing is written', async () => {
  const before = eventCount();
  const draft = validDraft(roundId);
  const twice = await core.dispatch('applications.create', { ...draft, priorityIds: [draft.priorityIds[0], draft.priorityIds[0]] });
  expect(twice).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'priorityIds', message: 'Choose each priority once' }] },
  });
  expect(eventCount()).toBe(before);
});

test('rules against the round: fund maximum, end before start, unknown area, area without budget, plan priorities', async () => {
  const over = await core.dispatch(
    'applications.create',
    validDraft(roundId, { amountRequested: 600000, budgetLines: [{ item: 'All', amount: 600000 }] }),
  );
  expect(over).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [
        {
          field: 'amountRequested',
          message: 'Enter an amount of £5,000.00 or less — the Active Citizens Fund’s maximum'.replace('’', "'"),
        },
      ],
    },
  });
  const dates = await core.dispatch('applications.create', validDraft(roundId, { startDate: '2027-06-01', endDate: '2027-05-31' }));
  expect(dates).toMatchObject({
    ok: false,
    error: { details: [{ field: 'endDate', message: 'The end date must be the same as or after the start date' }] },
  });
  const unknown = await core.dispatch('applications.create', validDraft(roundId, { areaId: 'atlantis' }));
  expect(unknown).toMatchObject({
    ok: false,
    error: { details: [{ field: 'areaId', message: 'Choose an area from the list — that area is not known' }] },
  });
  const noBudget = await core.dispatch('applications.create', validDraft(roundId, { areaId: 'dudley' }));
  expect(noBudget).toMatchObject({
    ok: false,
    error: {
      details: [{ field: 'areaId', message: 'Dudley has no budget in ACF winter — choose one of the round’s areas'.replace('’', "'") }],
    },
  });
  const oldPlan = await core.dispatch('applications.create', validDraft(roundId, { priorityIds: ['pcp-2021-2025:VAWG'] }));
  expect(oldPlan).toMatchObject({ ok: false, error: { details: [{ field: 'priorityIds' }] } });
  const sum = await core.dispatch('applications.create', validDraft(roundId, { amountRequested: 250001 }));
  expect(sum).toMatchObject({ ok: false, error: { details: [{ field: 'budgetLines', message: expect.stringContaining('must match') }] } });
  expect((await core.call('applications.list', {})).total).toBe(0);
});

test('a reference already in the register is refused on the form', async () => {
  await core.call('applications.create', validDraft(roundId, { reference: 'COV-1' }));
  const again = await core.dispatch('applications.create', validDraft(roundId, { reference: 'COV-1' }));
  expect(again).toMatchObject({ ok: false, error: { details: [{ field: 'reference' }] } });
});

test('HTML and script are stored as plain text, exactly as typed', async () => {
  const title = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const { id } = await core.call('applications.create', validDraft(roundId, { projectTitle: title }));
  expect((await core.call('applications.get', { id })).projectTitle).toBe(title);
});

test('list: filters by round, fund, area, status, priority and search; sorts; pages; no contact details', async () => {
  await core.call('demo.load', {});
  const all = await core.call('applications.list', { limit: 500 });
  expect(all.total).toBe(40);
  expect(JSON.stringify(all.rows)).not.toMatch(/@example\.org|0121 496/);
  const coventry = await core.call('applications.list', { areaId: 'coventry', limit: 500 });
  expect(coventry.rows.every((r) => r.areaId === 'coventry')).toBe(true);
  const csf = await core.call('applications.list', { fundId: 'csf', limit: 500 });
  expect(csf.total).toBe(8);
  const roads = await core.call('applications.list', { priorityId: 'pcp-2025-2029:ROADS', limit: 500 });
  expect(roads.total).toBeGreaterThan(0);
  expect(roads.rows.every((r) => r.projectTitle === 'Community speedwatch kit')).toBe(true);
  const search = await core.call('applications.list', { search: 'BOXING', limit: 500 });
  expect(search.total).toBeGreaterThan(0);
  expect(search.rows.every((r) => /boxing/i.test(r.projectTitle + r.organisationName))).toBe(true);
  expect((await core.call('applications.list', { search: '%' })).total).toBe(0);
  const sorted = await core.call('applications.list', { sort: 'amountRequested', direction: 'asc', limit: 500 });
  const amounts = sorted.rows.map((r) => r.amountRequested);
  expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  const page2 = await core.call('applications.list', { sort: 'reference', direction: 'asc', offset: 10, limit: 10 });
  expect(page2.rows.map((r) => r.reference)).toEqual(
    (await core.call('applications.list', { sort: 'reference', direction: 'asc', limit: 500 })).rows.slice(10, 20).map((r) => r.reference),
  );
  const target = all.rows[0]!;
  await core.call('applications.withdraw', { id: target.id, reason: 'Group folded' });
  expect((await core.call('applications.list', { status: 'withdrawn' })).rows.map((r) => r.id)).toEqual([target.id]);
  expect(await core.dispatch('applications.withdraw', { id: target.id, reason: 'again' })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT' },
  });
});

test('the demo loads once', async () => {
  await core.call('demo.load', {});
  expect(await core.dispatch('demo.load', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

test('an unknown method, a malformed input and a missing record answer with typed errors', async () => {
  expect(await core.dispatch('applications.drop', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await core.dispatch('applications.list', { limit: 'lots' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(await core.dispatch('applications.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await core.dispatch('applications.create', null)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});
