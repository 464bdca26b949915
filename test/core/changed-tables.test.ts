// Every call's envelope names the tables its writes changed, from the kinds' declarations: the
// renderer refreshes exactly the screens that read them. Reads and refused calls change nothing.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { steppingClock } from '../support/clock';
import { validDraft } from '../support/drafts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const changedBy = async (c: TestCore, method: string, input: unknown) => {
  const result = await c.dispatch(method, input);
  return { ok: result.ok, changed: result.changed ?? [] };
};

test('a write names the tables it changed; a read, and a refused write, name none', async () => {
  const office = makeCore();
  cores.push(office);
  expect(await changedBy(office, 'catalogue.funds', {})).toEqual({ ok: true, changed: [] });
  const [acf] = await office.call('catalogue.funds', {});
  // The first change of a session also records the person's sign-in on this laptop.
  expect(await changedBy(office, 'catalogue.saveFund', { ...acf!, maxAwardPence: 400_000 })).toEqual({
    ok: true,
    changed: ['conflicts', 'funds', 'ignored_changes', 'sign_ins'],
  });
  expect(await changedBy(office, 'catalogue.saveFund', { ...acf!, maxAwardPence: 300_000 })).toEqual({
    ok: true,
    changed: ['conflicts', 'funds'],
  });
  const round = await office.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Spring 2027',
    opens: '2027-01-01',
    closes: '2027-03-31',
    budgets: [],
  });
  expect(await changedBy(office, 'applications.create', validDraft(round.id))).toEqual({
    ok: true,
    changed: ['application_priorities', 'application_stages', 'applications', 'conflicts'],
  });
  // Refused: nothing written, nothing to refresh.
  expect(await changedBy(office, 'applications.create', { ...validDraft(round.id), amountRequested: -1 })).toEqual({
    ok: false,
    changed: [],
  });
});

test('a bundle import names the kinds of record it brought and the signed heads it keeps; one that replays the log names every table', async () => {
  const clock = steppingClock();
  const office = makeCore(tempDir(), clock);
  const panel = makeCore(tempDir(), clock);
  cores.push(office, panel);
  const [o, p] = await Promise.all([office.call('session.current', {}), panel.call('session.current', {})]);
  await office.call('devices.trust', { publicKey: p.device.publicKey, name: 'Panel' });
  await panel.call('devices.trust', { publicKey: o.device.publicKey, name: 'Office' });
  const exported = async () => {
    const file = join(tempDir(), 'panel.gpbundle');
    await panel.call('bundles.export', { file });
    return file;
  };
  // The panel's first events are older than the office's latest: the projections are rebuilt.
  const first = await changedBy(office, 'bundles.import', { file: await exported() });
  expect(first.changed).toEqual(expect.arrayContaining(['applications', 'funds', 'people', 'rounds', 'signed_heads', 'trusted_devices']));
  // Then a round, newer than everything the office holds: projected alone.
  await panel.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Panel round',
    opens: '2027-01-01',
    closes: '2027-03-31',
    budgets: [],
  });
  const second = await changedBy(office, 'bundles.import', { file: await exported() });
  expect(second.changed).toEqual(['conflicts', 'round_budgets', 'rounds', 'signed_heads']);
});
