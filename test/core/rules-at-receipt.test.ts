// No silent changes: rules apply as they were when an application was received, a change touching
// applications already received says what it will do and waits for a person to confirm, and a
// reference never changes once given.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';
import { steppingClock } from '../support/clock';
import { validDraft } from '../support/drafts';

let core: TestCore;
let roundId: string;
const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const acf = async () => (await core.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
const roundInput = {
  fundId: 'acf',
  planId: 'pcp-2025-2029',
  name: 'ACF winter',
  opens: '2026-11-01',
  closes: '2026-12-31',
  budgets: [
    { areaId: 'coventry', amountPence: 4_500_000 },
    { areaId: 'walsall', amountPence: 4_500_000 },
  ],
};
/** An application of `pence`, its budget one line of the same. */
const asking = (pence: number, overrides = {}) =>
  validDraft(roundId, { amountRequested: pence, budgetLines: [{ item: 'Everything', amount: pence }], ...overrides });

beforeEach(async () => {
  core = makeCore(undefined, steppingClock('2026-11-25T10:00:00.000Z'));
  roundId = (await core.call('rounds.create', roundInput)).id;
});
afterEach(() => core.dispose());

test('lowering a fund’s maximum says which applications ask for more, waits for confirmation, and then blocks none of their edits', async () => {
  const { id: over } = await core.call('applications.create', asking(483_800));
  const { id: under } = await core.call('applications.create', asking(300_000));
  const before = eventCount();
  expect(await core.dispatch('catalogue.saveFund', { ...(await acf()), maxAwardPence: 400_000 })).toMatchObject({
    ok: false,
    error: {
      code: 'NEEDS_CONFIRMATION',
      details: [
        {
          field: 'maxAwardPence',
          message:
            '1 application asks for more than the new maximum of £4,000.00. Each keeps the rules it was received under, and says so on its page.',
        },
      ],
    },
  });
  expect(eventCount()).toBe(before);
  await core.call('catalogue.saveFund', { ...(await acf()), maxAwardPence: 400_000, confirmed: true });

  const detail = await core.call('applications.get', { id: over });
  expect(detail.rulesNotice).toBe(
    "This application asks for £4,838.00, more than the Active Citizens Fund's maximum of £4,000.00 today. When it was received, the Active Citizens Fund allowed up to £5,000.00; it is judged by the rules as they were then.",
  );
  expect((await core.call('applications.get', { id: under })).rulesNotice).toBeNull();

  // A phone number corrected, and an amount changed within the maximum it was received under.
  const draft = asking(483_800);
  await core.call('applications.update', {
    id: over,
    application: { ...draft, reference: detail.reference, contactPhone: '0121 496 0999' },
  });
  await core.call('applications.update', { id: over, application: { ...asking(450_000), reference: detail.reference } });
  expect(
    await core.dispatch('applications.update', { id: over, application: { ...asking(520_000), reference: detail.reference } }),
  ).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [
        {
          field: 'amountRequested',
          message: "Enter an amount of £5,000.00 or less — the Active Citizens Fund's maximum when this application was received",
        },
      ],
    },
  });
  // A new application meets today's rules.
  expect(await core.dispatch('applications.create', asking(450_000))).toMatchObject({
    ok: false,
    error: { details: [{ field: 'amountRequested', message: expect.stringContaining('£4,000.00 or less') }] },
  });
});

test('raising a maximum, or lowering it above every application, needs no confirmation', async () => {
  await core.call('applications.create', asking(300_000));
  await core.call('catalogue.saveFund', { ...(await acf()), maxAwardPence: 600_000 });
  await core.call('catalogue.saveFund', { ...(await acf()), maxAwardPence: 300_000 });
  expect((await acf()).maxAwardPence).toBe(300_000);
});

test('a fund’s new code keeps the references already given and numbers new ones with it', async () => {
  const first = await core.call('applications.create', asking(100_000));
  const refused = await core.dispatch('catalogue.saveFund', { ...(await acf()), code: 'ACT' });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'NEEDS_CONFIRMATION',
      details: [{ field: 'code', message: "1 application keeps its ACF reference; new applications' references will begin ACT." }],
    },
  });
  await core.call('catalogue.saveFund', { ...(await acf()), code: 'ACT', confirmed: true });
  expect((await core.call('applications.get', { id: first.id })).reference).toBe('ACF-2026-0001');
  expect((await core.call('applications.create', asking(100_000))).reference).toBe('ACT-2026-0001');
});

test('moving a round to another fund or plan, or dropping an area’s budget, says what it touches first', async () => {
  for (const areaId of ['coventry', 'coventry', 'walsall']) await core.call('applications.create', asking(450_000, { areaId }));
  const before = eventCount();
  const refused = await core.dispatch('rounds.update', {
    id: roundId,
    changes: { ...roundInput, fundId: 'csf', planId: 'pcp-2021-2025', budgets: [{ areaId: 'walsall', amountPence: 4_500_000 }] },
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
  const messages = refused.ok ? [] : refused.error.details!.map((d) => `${d.field}: ${d.message}`);
  expect(messages).toEqual([
    expect.stringMatching(
      /^fundId: 3 applications in this round will move from the Active Citizens Fund to the .+ Their references stay as they are; new applications' references will begin CSF\./,
    ),
    expect.stringMatching(
      /^planId: 3 applications in this round chose priorities from the Police and Crime Plan 2025.2029\. They keep them; new applications choose from the Police and Crime Plan 2021.2025\.$/,
    ),
    'budget:coventry: 2 applications in Coventry would be left in an area with no budget in this round.',
  ]);
  expect(eventCount()).toBe(before);

  await core.call('rounds.update', { id: roundId, changes: { ...roundInput, name: 'ACF winter 2026' } });
  expect(eventCount()).toBe(before + 1);
  await core.call('rounds.update', { id: roundId, changes: { ...roundInput, fundId: 'csf' }, confirmed: true });
  const rows = (await core.call('applications.list', { roundId })).rows;
  expect(rows.map((r) => r.reference).sort()).toEqual(['ACF-2026-0001', 'ACF-2026-0002', 'ACF-2026-0003']);
});

test('a round with no applications changes without a question', async () => {
  await core.call('rounds.update', { id: roundId, changes: { ...roundInput, fundId: 'csf', budgets: [] } });
});

test('the date received defaults to today, keeps an earlier day, orders the register by it, and is never in the future', async () => {
  const today = await core.call('applications.create', asking(100_000));
  const paper = await core.call('applications.create', asking(100_000, { receivedOn: '2026-11-18' }));
  expect((await core.call('applications.get', { id: today.id })).receivedOn).toBe('2026-11-25');
  const detail = await core.call('applications.get', { id: paper.id });
  expect(detail).toMatchObject({ receivedOn: '2026-11-18', receivedAt: expect.stringMatching(/^2026-11-25T/) });
  const rows = (await core.call('applications.list', { roundId, sort: 'receivedAt', direction: 'asc' })).rows;
  expect(rows.map((r) => [r.reference, r.receivedAt])).toEqual([
    [paper.reference, '2026-11-18T00:00:00.000Z'],
    [today.reference, expect.stringMatching(/^2026-11-25T10:/)],
  ]);

  const before = eventCount();
  expect(await core.dispatch('applications.create', asking(100_000, { receivedOn: '2026-11-26' }))).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'receivedOn', message: expect.stringContaining('cannot be in the future') }] },
  });
  expect(await core.dispatch('applications.create', asking(100_000, { receivedOn: '2026-02-30' }))).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'receivedOn', message: 'Enter the date received as a real date, like 25/11/2026' }] },
  });
  expect(eventCount()).toBe(before);

  // A wrong date received is corrected like any other field, the change kept in the log.
  await core.call('applications.update', {
    id: paper.id,
    application: { ...asking(100_000, { receivedOn: '2026-11-17' }), reference: paper.reference },
  });
  expect((await core.call('applications.get', { id: paper.id })).receivedOn).toBe('2026-11-17');
});

test('a day in British Summer Time begins at 23:00 UTC the evening before', async () => {
  const summer = makeCore(undefined, () => new Date('2026-07-10T12:00:00.000Z'));
  try {
    const round = await summer.call('rounds.create', { ...roundInput, opens: '2026-06-01', closes: '2026-08-31' });
    await summer.call('applications.create', validDraft(round.id, { receivedOn: '2026-07-01' }));
    expect((await summer.call('applications.list', { roundId: round.id })).rows[0]!.receivedAt).toBe('2026-06-30T23:00:00.000Z');
  } finally {
    summer.dispose();
  }
});
