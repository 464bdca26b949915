// An application's history from the event log, and reinstating a withdrawn application: what each
// change says, in order, by whom and on which laptop; contact details only for those allowed to read
// them; a reinstatement refused (the database untouched) unless the application is withdrawn.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';
import { steppingClock } from '../support/clock';
import { exportBundleTo, projectionSnapshot, trustLaptop } from '../support/laptops';
import { draftOf } from '../../shared/domain/application';
import { applicationHistory } from '../../electron/core/services/application-history';

let cores: TestCore[] = [];
let core: TestCore;
let roundId: string;
const clock = steppingClock('2026-11-25T10:00:00.000Z');

beforeEach(async () => {
  core = makeCore(tempDir(), clock);
  cores = [core];
  roundId = (
    await core.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'ACF winter',
      opens: '2026-11-01',
      closes: '2026-12-31',
      budgets: [{ areaId: 'coventry', amountPence: 4_500_000 }],
    })
  ).id;
});
afterEach(() => cores.forEach((c) => c.dispose()));

const state = (c: TestCore) => ({
  events: (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
  tables: projectionSnapshot(c.ctx.db),
});

async function receivedThenEdited(): Promise<string> {
  const { id } = await core.call(
    'applications.create',
    validDraft(roundId, { amountRequested: 483_800, budgetLines: [{ item: 'Hall', amount: 483_800 }] }),
  );
  const detail = await core.call('applications.get', { id });
  await core.call('applications.update', {
    id,
    application: {
      ...draftOf(detail),
      projectTitle: 'Saturday football',
      amountRequested: 450_000,
      budgetLines: [{ item: 'Hall', amount: 450_000 }],
      contactPhone: '0121 496 0001',
    },
  });
  return id;
}

test('the history lists each change in order: what, who, on which laptop, when', async () => {
  const id = await receivedThenEdited();
  await core.call('applications.withdraw', { id, reason: 'The group disbanded' });
  const reinstated = await core.call('applications.reinstate', { id, reason: 'Withdrawn by mistake' });
  expect(reinstated).toMatchObject({ status: 'received', withdrawnReason: null });

  const history = await core.call('applications.history', { id });
  expect(history.reference).toBe('ACF-2026-0001');
  expect(history.entries.map((e) => e.lines)).toEqual([
    ['Received'],
    [
      'Contact details changed to “Amira Khan, amira.khan@example.org, 0121 496 0001” (the earlier ones are not kept)',
      'Project title changed from “Friday night youth football” to “Saturday football”',
      'Amount requested changed from £4,838.00 to £4,500.00',
      'Budget changed from Hall £4,838.00 to Hall £4,500.00',
    ],
    ['Withdrawn: The group disbanded'],
    ['Reinstated: Withdrawn by mistake'],
  ]);
  const times = history.entries.map((e) => e.at);
  expect(times).toEqual([...times].sort());
  for (const e of history.entries) expect(e).toMatchObject({ by: 'Grants officer', yours: true, on: 'this laptop', thisLaptop: true });
  expect(history.entries[0]!.at).toMatch(/^2026-11-25T10:00:\d\d\.000Z$/);
  // Reinstated, it can be edited and withdrawn again.
  const detail = await core.call('applications.get', { id });
  await core.call('applications.update', { id, application: { ...draftOf(detail), projectTitle: 'Sunday football' } });
  await core.call('applications.withdraw', { id, reason: 'Funded elsewhere' });
  expect((await core.call('applications.history', { id })).entries.slice(-2).map((e) => e.lines)).toEqual([
    ['Project title changed from “Saturday football” to “Sunday football”'],
    ['Withdrawn: Funded elsewhere'],
  ]);
});

test('contact details show in the history only to people allowed to read personal data', async () => {
  const id = await receivedThenEdited();
  const hidden = applicationHistory(core.ctx, id, false);
  expect(hidden.entries[1]!.lines[0]).toBe('Contact details changed');
  expect(JSON.stringify(hidden)).not.toMatch(/amira|0121/i);
  // Both versions still held (here, put back as a restored backup might): field by field.
  const [before, after] = core.ctx.db
    .prepare<[string], { payload: string }>("SELECT payload FROM events WHERE entity = ? AND type = 'application.changed'")
    .all(`application:${id}`)
    .map((r) => JSON.parse(r.payload) as { changes: { contactDigest: { from: string; to: string } } })
    .map((p) => [p.changes.contactDigest.from, p.changes.contactDigest.to])[0]!;
  core.ctx.db
    .prepare('INSERT INTO personal_data (digest, salt, body) VALUES (?, ?, ?)')
    .run(
      before,
      '00',
      JSON.stringify({ contactName: 'Amira Khan', contactEmail: 'amira.khan@example.org', contactPhone: '0121 496 0000' }),
    );
  expect(after).toMatch(/^[0-9a-f]{64}$/);
  expect(applicationHistory(core.ctx, id, false).entries[1]!.lines[0]).toBe('Contact phone changed');
  expect(applicationHistory(core.ctx, id, true).entries[1]!.lines[0]).toBe('Contact phone changed from “0121 496 0000” to “0121 496 0001”');
});

test('reinstating is refused, changing nothing, unless the application is withdrawn; the reason is required and bounded', async () => {
  const id = await receivedThenEdited();
  const before = state(core);
  expect(await core.dispatch('applications.reinstate', { id, reason: 'Why not' })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: 'ACF-2026-0001 is not withdrawn, so there is nothing to reinstate' },
  });
  expect(await core.dispatch('applications.reinstate', { id: 'no-such-application', reason: 'Why not' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', message: 'That application does not exist' },
  });
  await core.call('applications.withdraw', { id, reason: 'The group disbanded' });
  const withdrawn = state(core);
  expect(await core.dispatch('applications.reinstate', { id, reason: '   ' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'reason', message: 'Enter why the application is reinstated' }] },
  });
  expect(await core.dispatch('applications.reinstate', { id, reason: 'x'.repeat(501) })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'reason', message: 'Reason must be 500 characters or fewer' }] },
  });
  expect(state(core)).toEqual(withdrawn);
  expect(withdrawn.events).toBe(before.events + 1);
  await core.call('applications.reinstate', { id, reason: 'Withdrawn by mistake' });
  expect(await core.dispatch('applications.reinstate', { id, reason: 'Again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(await core.dispatch('applications.history', { id: 'no-such-application' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  // A rebuild from the log gives the same tables.
  const live = projectionSnapshot(core.ctx.db);
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(live);
});

test('another laptop is named as this laptop trusts it; a clash and its resolution say what they did', async () => {
  const panel = makeCore(tempDir(), clock);
  cores.push(panel);
  await trustLaptop(core, panel, 'Coventry panel laptop');
  await trustLaptop(panel, core, 'Office laptop');
  const id = await receivedThenEdited();
  const usb = tempDir();
  await panel.call('bundles.import', { file: (await exportBundleTo(core, usb, 'office')).file });
  // Both laptops retitle it before they next meet: the office's (earlier) stands, the panel's clashes.
  const retitle = async (c: TestCore, title: string) =>
    c.call('applications.update', { id, application: { ...draftOf(await c.call('applications.get', { id })), projectTitle: title } });
  await retitle(core, 'Office title');
  await retitle(panel, 'Panel title');
  await panel.call('applications.withdraw', { id, reason: 'Asked to withdraw by phone' });
  await core.call('bundles.import', { file: (await exportBundleTo(panel, usb, 'panel')).file });
  let entries = (await core.call('applications.history', { id })).entries;
  expect(entries.slice(-3).map((e) => [e.on, e.lines])).toEqual([
    ['this laptop', ['Project title changed from “Saturday football” to “Office title”']],
    [
      'Coventry panel laptop',
      ['Project title was not changed to “Panel title”: it clashed with another change, and waits for a person on the Conflicts screen'],
    ],
    ['Coventry panel laptop', ['Withdrawn: Asked to withdraw by phone']],
  ]);
  expect(entries.at(-1)).toMatchObject({ by: 'Grants officer', yours: false, thisLaptop: false });
  const [conflict] = (await core.call('conflicts.list', {})).conflicts;
  await core.call('conflicts.resolve', { id: conflict!.id, choices: { projectTitle: 'incoming' } });
  await core.call('applications.reinstate', { id, reason: 'Applicant changed their mind' });
  entries = (await core.call('applications.history', { id })).entries;
  expect(entries.slice(-3).map((e) => e.lines)).toEqual([
    ['Withdrawn: Asked to withdraw by phone'],
    ['Conflict resolved: chose Project title “Panel title” from the other version'],
    ['Reinstated: Applicant changed their mind'],
  ]);
  // The panel laptop calls the office by the name it trusted it under.
  await panel.call('bundles.import', { file: (await exportBundleTo(core, usb, 'office')).file });
  const there = (await panel.call('applications.history', { id })).entries;
  expect(there.at(-1)).toMatchObject({ on: 'Office laptop', lines: ['Reinstated: Applicant changed their mind'] });
  // The same story, but for the contact details: a bundle not sealed does not carry them.
  expect(there[1]!.lines[0]).toBe('Contact details changed');
  expect(there.map((e) => e.lines).slice(2)).toEqual(entries.map((e) => e.lines).slice(2));
});

test('two laptops withdrawing it with different reasons: the second finds it withdrawn, and its reason clashes', async () => {
  const panel = makeCore(tempDir(), clock);
  cores.push(panel);
  await trustLaptop(core, panel, 'Coventry panel laptop');
  await trustLaptop(panel, core, 'Office laptop');
  const { id } = await core.call('applications.create', validDraft(roundId));
  const usb = tempDir();
  await panel.call('bundles.import', { file: (await exportBundleTo(core, usb, 'office')).file });
  await core.call('applications.withdraw', { id, reason: 'Asked to withdraw' });
  await panel.call('applications.withdraw', { id, reason: 'Group disbanded' });
  await core.call('bundles.import', { file: (await exportBundleTo(panel, usb, 'panel')).file });
  expect((await core.call('applications.history', { id })).entries.slice(1).map((e) => [e.on, e.lines])).toEqual([
    ['this laptop', ['Withdrawn: Asked to withdraw']],
    [
      'Coventry panel laptop',
      [
        'Withdrawn (it already was)',
        'Reason for withdrawal was not changed to “Group disbanded”: it clashed with another change, and waits for a person on the Conflicts screen',
      ],
    ],
  ]);
});
