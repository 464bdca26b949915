// The attacks of issue 7, tried as a hostile or broken laptop would: each bundle is hand-built and
// signed by whatever key the attacker holds. Every one is refused with a reason and changes nothing.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { chain, eventsOf, forgeBundle, headFor, keyFrom, keyOfLaptop, type Key, officerSetUp } from '../support/forge';
import { projectionSnapshot } from '../support/laptops';
import { verifyChain } from '../../electron/core/events/verify';
import { validDraft } from '../support/drafts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const FIXED = () => new Date('2026-11-27T12:00:00.000Z');
const laptop = () => {
  const c = makeCore(tempDir(), FIXED);
  cores.push(c);
  return c;
};
const trust = async (who: TestCore, whom: TestCore | Key, name = 'Other laptop') => {
  const publicKey = 'call' in whom ? (await whom.call('session.current', {})).device.publicKey : whom.publicKey;
  await who.call('devices.trust', { publicKey, name });
};
const exportFrom = async (c: TestCore) => {
  const file = join(tempDir(), 'b.gpbundle');
  await c.call('bundles.export', { file });
  return file;
};
const count = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const state = (c: TestCore) => ({ events: count(c), tables: projectionSnapshot(c.ctx.db) });
const file = () => join(tempDir(), 'forged.gpbundle');

/** A's import of `bundle` is refused with a message matching `why`, and A is exactly as it was. */
async function refusedUnchanged(a: TestCore, bundle: string, why: RegExp) {
  const before = state(a);
  const result = await a.dispatch('bundles.import', { file: bundle });
  expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(why) } });
  expect(state(a)).toEqual(before);
}

const forgedFundChange = (deviceId: string, hlc: string) => ({
  type: 'fund.changed',
  entity: 'fund:acf',
  payload: { id: 'acf', changes: { maxAwardPence: { from: 500000, to: 99999999 } } },
  hlc,
  actor: `officer-${deviceId}`,
});

test('a trusted relay cannot forge another laptop’s events: the head must be signed by that laptop’s own key', async () => {
  const a = laptop();
  const b = keyFrom('relay B');
  const d = laptop();
  await trust(a, b);
  const forged = chain(d.ctx.device.id, [
    {
      type: 'person.added',
      entity: `person:officer-${d.ctx.device.id}`,
      payload: { id: `officer-${d.ctx.device.id}`, name: 'Chief Executive (forged)', role: 'officer' },
      hlc: '2026-11-27T10:00:00.000Z-0000',
    },
    forgedFundChange(d.ctx.device.id, '2026-11-27T10:00:01.000Z-0000'),
    {
      type: 'device.trusted',
      entity: 'device:0000000000000000',
      payload: { deviceId: keyFrom('attacker').deviceId, publicKey: keyFrom('attacker').publicKey, fingerprint: 'X', name: 'Attacker' },
      hlc: '2026-11-27T10:00:02.000Z-0000',
    },
  ]);
  // D's head signed by B's key.
  const bundle = file();
  await forgeBundle(bundle, { signer: b, events: forged });
  await refusedUnchanged(a, bundle, /signed head it carries for device [0-9a-f]{16} is signed with another device’s key/);
  // No head for D at all.
  const headless = file();
  await forgeBundle(headless, { signer: b, events: forged, heads: [] });
  await refusedUnchanged(a, headless, /without that laptop’s signed head/);
  // D's genuine head, from a real bundle of D's, with B's events in place of D's.
  const real = eventsOf(d);
  const genuine = headFor(real.at(-1)!, keyOfLaptop(d));
  const swapped = file();
  await forgeBundle(swapped, { signer: b, events: forged, heads: [genuine] });
  await refusedUnchanged(a, swapped, /do not end at the head that laptop signed/);
  // Then D's genuine events arrive, by way of the same relay: nothing was spoiled, nothing locks D out.
  const relayed = file();
  await forgeBundle(relayed, { signer: b, events: real, headSigners: { [d.ctx.device.id]: keyOfLaptop(d) } });
  expect(await a.call('bundles.import', { file: relayed })).toMatchObject({ newEvents: real.length });
  expect(verifyChain(a.ctx.db)).toEqual([]);
});

test('trust stays local: another laptop’s trust events are history, never trust here', async () => {
  const a = laptop();
  const c = laptop();
  const attacker = keyFrom('attacker');
  await trust(a, attacker, 'Attacker’s laptop');
  await trust(c, a, 'Office laptop');
  await c.call('bundles.import', { file: await exportFrom(a) });
  expect((await c.call('devices.list', {})).map((d) => d.name)).toEqual(['Office laptop']);
  // Shown as history on the Sync screen: who trusted whom, elsewhere.
  expect((await c.call('sync.status', {})).trustElsewhere).toEqual([
    expect.objectContaining({ trustedBy: 'Office laptop', deviceId: attacker.deviceId, name: 'Attacker’s laptop', revoked: false }),
  ]);
  const theirs = file();
  await forgeBundle(theirs, {
    signer: attacker,
    events: chain(attacker.deviceId, [forgedFundChange(attacker.deviceId, '2026-11-27T10:00:00.000Z-0000')]),
  });
  await refusedUnchanged(c, theirs, /does not trust yet/);
});

test('nobody adds to this laptop’s own log: not after its head, not with a gap, not at a wild number', async () => {
  const a = laptop();
  const b = keyFrom('relay B');
  await trust(a, b);
  const mine = eventsOf(a);
  const last = mine.at(-1)!;
  const next = (seq: number) =>
    chain(a.ctx.device.id, [forgedFundChange(a.ctx.device.id, '2026-11-27T12:00:01.000Z-0000')], { seq, prevHash: last.hash });
  for (const forged of [next(last.seq + 1), next(100)]) {
    const bundle = file();
    await forgeBundle(bundle, { signer: b, events: forged });
    await refusedUnchanged(a, bundle, /signed with another device’s key/);
  }
  // Even with a head that matches (a stolen copy of this laptop's key would make one), events this
  // laptop never made are refused in its own name.
  const stolen = file();
  await forgeBundle(stolen, { signer: b, events: next(last.seq + 1), headSigners: { [a.ctx.device.id]: keyOfLaptop(a) } });
  await refusedUnchanged(a, stolen, /in this laptop’s own name, but this laptop never made it/);
  const wild = file();
  await forgeBundle(wild, { signer: b, events: next(2 ** 53 - 1), headSigners: { [a.ctx.device.id]: keyOfLaptop(a) } });
  await refusedUnchanged(a, wild, /damaged|not a valid GrantPanel event/);
  // This laptop still writes and exports as before.
  await a.call('rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name: 'After', opens: '2026-11-01', closes: '2026-12-31' });
  expect((await a.call('bundles.export', { file: file() })).devices[0]).toMatchObject({ toSeq: last.seq + 1 });
  expect(verifyChain(a.ctx.db)).toEqual([]);
});

test('a laptop’s clock never runs backwards in its own log, and its events are its own person’s', async () => {
  const a = laptop();
  const f = keyFrom('panel F');
  await trust(a, f);
  const backwards = file();
  await forgeBundle(backwards, {
    signer: f,
    events: chain(f.deviceId, [
      forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'),
      forgedFundChange(f.deviceId, '2026-11-27T09:59:59.999Z-0000'),
    ]),
  });
  await refusedUnchanged(
    a,
    backwards,
    /event 2 \(number 2 from device [0-9a-f]{16}\) is dated before the event that laptop made before it/,
  );
  const someoneElse = file();
  await forgeBundle(someoneElse, {
    signer: f,
    events: chain(f.deviceId, [{ ...forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'), actor: `officer-${a.ctx.device.id}` }]),
  });
  // People sign in on any laptop, so another laptop's event may name this one's officer; but they
  // never signed in there, so the change is kept in the log, counted, and not applied.
  const fund = () => a.ctx.db.prepare("SELECT max_award_pence AS max FROM funds WHERE id = 'acf'").get();
  const held = fund();
  await a.call('bundles.import', { file: someoneElse });
  expect(fund()).toEqual(held);
  expect(a.ctx.db.prepare('SELECT actor, reason, count FROM ignored_changes').all()).toEqual([
    { actor: `officer-${a.ctx.device.id}`, reason: 'made in the name of someone not signed in on that laptop', count: 1 },
  ]);
  const nobody = file();
  await forgeBundle(nobody, {
    signer: f,
    events: chain(f.deviceId, [{ ...forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'), actor: 'the-system' }], {
      seq: 2,
      prevHash: chain(f.deviceId, [
        { ...forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'), actor: `officer-${a.ctx.device.id}` },
      ])[0]!.hash,
    }),
  });
  await refusedUnchanged(a, nobody, /names as its author something that is not a person/);
});

test('revoking trust refuses that laptop’s later bundles, and its new events relayed by others', async () => {
  const a = laptop();
  const b = laptop();
  const relay = laptop();
  await trust(a, b, 'Lost laptop');
  await trust(a, relay, 'Relay');
  await trust(relay, b);
  await a.call('bundles.import', { file: await exportFrom(b) });
  await a.call('devices.revoke', { deviceId: b.ctx.device.id, reason: 'Reported stolen' });
  expect((await a.call('devices.list', {})).map((d) => d.name)).toEqual(['Relay']);
  await b.call('rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name: 'Thief', opens: '2026-11-01', closes: '2026-12-31' });
  await refusedUnchanged(
    a,
    await exportFrom(b),
    /comes from Lost laptop \(device [0-9a-f]{16}, key fingerprint [0-9A-F ]+\), which this laptop stopped trusting \(Reported stolen\)\. Its bundles are refused: nothing was imported\. The changes that arrived from it before stay\./,
  );
  await relay.call('bundles.import', { file: await exportFrom(b) });
  const outcome = await a.call('bundles.import', { file: await exportFrom(relay) });
  // The thief's round, and the sign-in recorded with it.
  expect(outcome.leftOut).toBe(2);
  expect((await a.call('rounds.list', {})).map((r) => r.name)).not.toContain('Thief');
});

test('a trusted laptop’s impossible clock or wrong-typed payload is refused; a change of an unknown kind is kept, not applied', async () => {
  const a = laptop();
  const f = keyFrom('panel F');
  await trust(a, f);
  const send = async (specs: Parameters<typeof chain>[1]) => {
    const bundle = file();
    await forgeBundle(bundle, { signer: f, events: chain(f.deviceId, [officerSetUp(f.deviceId), ...specs]) });
    return bundle;
  };
  await refusedUnchanged(
    a,
    await send([forgedFundChange(f.deviceId, '2026-11-27T99:99:99.999Z-0000')]),
    /has a clock value that is not a real time/,
  );
  await refusedUnchanged(
    a,
    await send([
      {
        ...forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'),
        payload: { id: 'acf', changes: { maxAwardPence: { from: 500000, to: 'lots of money' } } },
      },
    ]),
    /is not valid: fund\.changed: maxAwardPence/,
  );
  await refusedUnchanged(
    a,
    await send([{ ...forgedFundChange(f.deviceId, '2026-11-27T10:00:00.000Z-0000'), entity: 'fund:vf' }]),
    /is filed under "fund:vf"/,
  );
  // A day and more ahead of this laptop's clock.
  await refusedUnchanged(a, await send([forgedFundChange(f.deviceId, '2026-11-29T12:00:00.000Z-0000')]), /more than a day ahead/);
  expect((await a.call('catalogue.funds', {})).find((x) => x.id === 'acf')?.maxAwardPence).toBe(500000);
  // Local writes still work after every refusal.
  await a.call('rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name: 'Still here', opens: '2026-11-01', closes: '2026-12-31' });

  // From a newer GrantPanel: kept in the log, not applied, and counted for the Sync screen.
  const newer = await send([{ type: 'grant.paid', entity: 'grant:1', payload: { amount: 4 }, hlc: '2026-11-27T10:00:00.000Z-0000' }]);
  // (with the forged laptop's own officer, set up as its first event)
  expect(await a.call('bundles.import', { file: newer })).toMatchObject({ newEvents: 2 });
  expect((await a.call('sync.status', {})).unknownChanges).toEqual([{ type: 'grant.paid', count: 1 }]);
  expect(verifyChain(a.ctx.db)).toEqual([]);
});

test('a lying laptop’s reinstatement: oversized or misfiled is refused; of an application not withdrawn, or unknown, it changes nothing', async () => {
  const a = laptop();
  const f = keyFrom('panel F');
  await trust(a, f);
  const round = await a.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Winter',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  const { id } = await a.call('applications.create', validDraft(round.id));
  const reinstated = (
    payload: Record<string, unknown>,
    entity = `application:${String(payload.id)}`,
    hlc = '2026-11-27T13:00:00.000Z-0000',
  ) => ({
    type: 'application.reinstated',
    entity,
    payload,
    hlc,
  });
  const send = async (specs: Parameters<typeof chain>[1]) => {
    const bundle = file();
    await forgeBundle(bundle, { signer: f, events: chain(f.deviceId, [officerSetUp(f.deviceId), ...specs]) });
    return bundle;
  };
  await refusedUnchanged(
    a,
    await send([reinstated({ id, reason: 'x'.repeat(501) })]),
    /application\.reinstated: reason must be at most 500 characters/,
  );
  await refusedUnchanged(a, await send([reinstated({ id, reason: 'Because', status: 'received' })]), /a field it should not: "status"/);
  await refusedUnchanged(
    a,
    await send([reinstated({ id, reason: 'Because' }, 'application:another')]),
    /is filed under "application:another"/,
  );
  // Well formed, so kept in the log as that laptop's word; but nothing was withdrawn, so nothing changes.
  await a.call('bundles.import', { file: await send([]) });
  const before = projectionSnapshot(a.ctx.db);
  const harmless = await send([
    reinstated({ id, reason: 'Because' }),
    reinstated({ id: 'never-received', reason: 'Because' }, undefined, '2026-11-27T13:00:01.000Z-0000'),
  ]);
  expect(await a.call('bundles.import', { file: harmless })).toMatchObject({ newEvents: 2 });
  expect(projectionSnapshot(a.ctx.db)).toEqual(before);
  expect((await a.call('applications.history', { id })).entries.at(-1)).toMatchObject({
    on: 'Other laptop',
    lines: ['Reinstated: Because — it was not withdrawn by then, so nothing changed'],
  });
  expect(await a.dispatch('applications.get', { id: 'never-received' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(verifyChain(a.ctx.db)).toEqual([]);
});

test('a lying laptop’s plan changes: oversized or doubled priority lists, or another plan’s priorities, are refused; the rest is contained', async () => {
  const a = laptop();
  const f = keyFrom('panel F');
  await trust(a, f);
  // After this laptop's seeds (its clock reads 12:00), so a well-formed change applies.
  const send = async (payload: unknown) => {
    const hlc = '2026-11-27T12:30:00.000Z-0000';
    const bundle = file();
    await forgeBundle(bundle, {
      signer: f,
      events: chain(f.deviceId, [
        officerSetUp(f.deviceId),
        { type: 'plan.changed', entity: 'plan:pcp-2025-2029', payload, hlc, actor: `officer-${f.deviceId}` },
      ]),
    });
    return bundle;
  };
  const plan = (await a.call('catalogue.plans', {})).find((p) => p.id === 'pcp-2025-2029')!;
  const priorities = (to: unknown) => ({ id: plan.id, changes: { priorities: { from: plan.priorities, to } } });
  const [first, second] = plan.priorities;
  const many = (n: number, title: string) =>
    Array.from({ length: n }, (_, i) => ({ id: `${plan.id}:P${i}`, planId: plan.id, code: `P${i}`, title }));
  // One too many, and far too many: the bundle's line limit stops the second before any parsing.
  await refusedUnchanged(a, await send(priorities(many(201, 'Short'))), /plan\.changed: priorities must have at most 200 entries/);
  await refusedUnchanged(a, await send(priorities(many(10_000, 'x'.repeat(300)))), /longer than 1 MB/);
  await refusedUnchanged(a, await send(priorities([first, { ...second!, id: first!.id }])), /must not list a priority id twice/);
  await refusedUnchanged(
    a,
    await send(priorities([first, { id: 'pcp-2021-2025:VAWG', planId: 'pcp-2021-2025', code: 'VAWG', title: 'Taken over' }])),
    /priorities must each belong to this plan/,
  );
  await refusedUnchanged(a, await send(priorities([])), /priorities must have at least 1 entry/);

  // Well formed, but taking out a priority this laptop's applications chose: it stays for them.
  const r = await a.call('rounds.create', { fundId: 'acf', planId: plan.id, name: 'Winter', opens: '2026-11-01', closes: '2026-12-31' });
  const app = await a.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2025-2029:VIOLENCE'] }));
  expect(await a.call('bundles.import', { file: await send(priorities([second])) })).toMatchObject({ newEvents: 2 });
  expect((await a.call('catalogue.plans', {})).find((p) => p.id === plan.id)?.priorities.map((p) => p.code)).toEqual(['VIOLENCE']);
  const onlyOther = plan.priorities.filter((p) => p.code !== 'VIOLENCE');
  const g = keyFrom('panel G');
  await trust(a, g, 'Panel G');
  const bundle = file();
  await forgeBundle(bundle, {
    signer: g,
    events: chain(g.deviceId, [
      officerSetUp(g.deviceId),
      {
        type: 'plan.changed',
        entity: `plan:${plan.id}`,
        payload: { id: plan.id, changes: { priorities: { from: [second], to: onlyOther } } },
        hlc: '2026-11-27T12:40:00.000Z-0000',
        actor: `officer-${g.deviceId}`,
      },
      // A plan this laptop never heard of: kept in the log, changes nothing.
      {
        type: 'plan.changed',
        entity: 'plan:pcp-1999-2003',
        payload: { id: 'pcp-1999-2003', changes: { name: { from: 'Old', to: 'Older' } } },
        hlc: '2026-11-27T12:40:01.000Z-0000',
        actor: `officer-${g.deviceId}`,
      },
    ]),
  });
  expect(await a.call('bundles.import', { file: bundle })).toMatchObject({ newEvents: 3 });
  expect((await a.call('catalogue.plans', {})).map((p) => p.id)).toEqual(['pcp-2021-2025', 'pcp-2025-2029']);
  expect((await a.call('catalogue.plans', {})).find((p) => p.id === plan.id)?.priorities.map((p) => p.code)).not.toContain('VIOLENCE');
  expect((await a.call('applications.get', { id: app.id })).priorities).toEqual([
    { id: 'pcp-2025-2029:VIOLENCE', code: 'VIOLENCE', title: 'Preventing and Tackling Violence' },
  ]);
  expect(verifyChain(a.ctx.db)).toEqual([]);
});
