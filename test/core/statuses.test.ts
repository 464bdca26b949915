// Statuses (issue 12): an application's stage follows the log — screening, decision, the offer sent
// and the acceptance back — and the register filters by it. Offers are refused, with the field
// named and nothing written, where they cannot be; a lying laptop's are contained; a rebuild gives
// the same stages.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { officerOf, write } from '../../electron/core/context';
import { makeCore, switchPerson, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { coventryRound } from '../support/rounds';
import { validDraft } from '../support/drafts';
import { screenEligible } from '../support/panels';
import { chain, forgeBundle, keyFrom, type EventSpec } from '../support/forge';
import { projectionSnapshot } from '../support/laptops';

const FIRST = 'a first passphrase given';
const OWN = 'the chief executive’s own words';
const cores: TestCore[] = [];
let core: TestCore;
let roundId: string;
let applicationId: string;
let chiefId: string;
let clock: number;

const asOfficer = () => switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
const asChief = () => switchPerson(core, chiefId, OWN);
const stage = async (id = applicationId) => (await core.call('applications.get', { id })).stage;
const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const ignored = () => core.ctx.db.prepare('SELECT reason, count FROM ignored_changes ORDER BY reason').all();

beforeEach(async () => {
  // A minute on at each reading, from 10:00 on 28 Nov 2026.
  clock = Date.parse('2026-11-28T10:00:00.000Z');
  core = makeCore(undefined, () => new Date((clock += 60_000)));
  cores.push(core);
  roundId = await coventryRound(core);
  applicationId = (await core.call('applications.create', validDraft(roundId, { areaId: 'coventry' }))).id;
  chiefId = (await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: FIRST })).id;
  await switchPerson(core, chiefId, FIRST);
  await core.call('session.changePassphrase', { current: FIRST, next: OWN });
  await asOfficer();
});
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function approve(amountPence = 100_000) {
  // Only an application screened eligible is awarded a grant.
  if ((await stage()) === 'received') await screenEligible(core, applicationId);
  await asChief();
  const d = await core.call('decisions.sign', { applicationId, decision: 'approve', amountPence, passphrase: OWN });
  await asOfficer();
  return d;
}

test('received → eligible → approved → offered → accepted, and the register filters by each stage', async () => {
  expect(await stage()).toBe('received');
  const { officerChecks } = await core.call('screening.round', { roundId });
  await core.call('screening.record', { applicationId, officerAnswers: officerChecks.map(() => true) });
  expect(await stage()).toBe('eligible');
  const d = await approve();
  expect(await stage()).toBe('approved');
  expect(await core.call('offers.get', { applicationId })).toMatchObject({
    stage: 'approved',
    decision: { id: d.id, decision: 'approve', amountPence: 100_000, signedOn: '2026-11-28' },
    sentOn: null,
  });
  // Typed as the officer would: UK order.
  const offered = await core.call('offers.recordSent', { applicationId, decisionId: d.id, sentOn: '28/11/2026' });
  expect(offered).toMatchObject({ stage: 'offered', sentOn: '2026-11-28', sentBy: TEST_OFFICER.name, acceptedOn: null });
  const accepted = await core.call('offers.recordAccepted', { applicationId, decisionId: d.id, acceptedOn: '28 Nov 2026' });
  // The audit trail says so, in words, under the application.
  const trail = await core.call('audit.list', { applicationId, kind: 'offer' });
  expect(trail.rows.map((r) => r.what)).toEqual([
    ['Signed acceptance of the offer came back, dated 28 Nov 2026'],
    ['Offer letter sent on 28 Nov 2026'],
  ]);
  expect(accepted).toMatchObject({ stage: 'accepted', acceptedOn: '2026-11-28', acceptedBy: TEST_OFFICER.name });

  const other = (await core.call('applications.create', validDraft(roundId, { areaId: 'coventry', organisationName: 'Other group' }))).id;
  const list = async (q: object) => (await core.call('applications.list', q)).rows.map((r) => [r.id, r.stage]);
  expect(await list({ stage: 'accepted' })).toEqual([[applicationId, 'accepted']]);
  expect(await list({ stage: 'accepted', roundId })).toEqual([[applicationId, 'accepted']]);
  expect(await list({ stage: 'received', roundId })).toEqual([[other, 'received']]);
  expect((await core.call('applications.list', { stage: 'offered' })).total).toBe(0);
  // By stage in the order of the cycle, not the alphabet's.
  expect(await list({ sort: 'status', direction: 'asc' })).toEqual([
    [other, 'received'],
    [applicationId, 'accepted'],
  ]);
  await core.call('applications.withdraw', { id: other, reason: 'The group disbanded' });
  expect(await list({ stage: 'withdrawn' })).toEqual([[other, 'withdrawn']]);
});

test('a later decision supersedes the offered one: the stage goes back to the new decision, and the offer is its own to record again', async () => {
  const first = await approve();
  await core.call('offers.recordSent', { applicationId, decisionId: first.id, sentOn: '2026-11-28' });
  expect(await stage()).toBe('offered');
  await asChief();
  const amended = await core.call('decisions.sign', {
    applicationId,
    decision: 'amend',
    amountPence: 80_000,
    reason: 'Match funding covers the rest',
    passphrase: OWN,
  });
  await asOfficer();
  expect(await stage()).toBe('amended');
  expect(await core.call('offers.get', { applicationId })).toMatchObject({ decision: { id: amended.id }, sentOn: null });
  // The old decision's offer can no longer be accepted.
  const stale = await core.dispatch('offers.recordAccepted', { applicationId, decisionId: first.id, acceptedOn: '2026-11-28' });
  expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/later decision .* supersedes/) } });
  await core.call('offers.recordSent', { applicationId, decisionId: amended.id, sentOn: '2026-11-28' });
  expect(await stage()).toBe('offered');
  await asChief();
  await core.call('decisions.sign', { applicationId, decision: 'decline', reason: 'The project cannot go ahead', passphrase: OWN });
  expect(await stage()).toBe('declined');
});

test('refused with the field named, nothing written: no decision, a decline, a superseded decision, a day to come, no offer yet, out of order', async () => {
  /** The call is refused and writes nothing. */
  const refused = async (method: 'offers.recordSent' | 'offers.recordAccepted', input: object, error: object) => {
    const before = eventCount();
    expect(await core.dispatch(method, { applicationId, ...input } as never)).toMatchObject({ ok: false, error });
    expect(eventCount()).toBe(before);
  };
  await refused(
    'offers.recordSent',
    { decisionId: 'a'.repeat(64), sentOn: '2026-11-28' },
    { code: 'FORBIDDEN', message: expect.stringMatching(/has no decision yet/) },
  );
  const d = await approve();
  const sent = (sentOn: string, field: string, message: string) =>
    refused('offers.recordSent', { decisionId: d.id, sentOn }, { code: 'VALIDATION', details: [{ field, message }] });
  await sent('2026-11-29', 'sentOn', 'The date the offer was sent cannot be in the future: today is 28 Nov 2026');
  await sent('31/02/2026', 'sentOn', 'Enter the date the offer was sent as a real date, like 25/11/2026');
  await sent('2026-11-27', 'sentOn', 'The date the offer was sent cannot be before the decision was signed, 28 Nov 2026');
  await sent(' ', 'sentOn', 'Enter the date the offer was sent');
  await refused(
    'offers.recordAccepted',
    { decisionId: d.id, acceptedOn: '2026-11-28' },
    { code: 'FORBIDDEN', message: expect.stringMatching(/offer was sent first/) },
  );

  await core.call('offers.recordSent', { applicationId, decisionId: d.id, sentOn: '2026-11-28' });
  await refused(
    'offers.recordAccepted',
    { decisionId: d.id, acceptedOn: '2026-11-27' },
    {
      details: [
        { field: 'acceptedOn', message: 'The date the signed acceptance came back cannot be before the offer was sent, 28 Nov 2026' },
      ],
    },
  );
  await refused('offers.recordAccepted', { decisionId: d.id, acceptedOn: '2027-01-01' }, { details: [{ field: 'acceptedOn' }] });

  // A decline has no offer; nor has an application withdrawn.
  await asChief();
  const declined = await core.call('decisions.sign', { applicationId, decision: 'decline', reason: 'No longer viable', passphrase: OWN });
  await asOfficer();
  await refused(
    'offers.recordSent',
    { decisionId: declined.id, sentOn: '2026-11-28' },
    { code: 'FORBIDDEN', message: expect.stringMatching(/declined, so there is no offer/) },
  );
  await core.call('applications.withdraw', { id: applicationId, reason: 'Withdrawn by the group' });
  expect(await stage()).toBe('withdrawn');
  await refused(
    'offers.recordSent',
    { decisionId: declined.id, sentOn: '2026-11-28' },
    { code: 'FORBIDDEN', message: expect.stringMatching(/was withdrawn/) },
  );
});

test('only someone who records offers may: the Chief Executive is refused, and an offer written in their name is not applied', async () => {
  const d = await approve();
  await asChief();
  const before = eventCount();
  const refused = await core.dispatch('offers.recordSent', { applicationId, decisionId: d.id, sentOn: '2026-11-28' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(eventCount()).toBe(before);
  // A buggy or lying laptop writes it anyway: kept in the log, counted, not applied.
  const payload = { applicationId, decisionId: d.id, sentOn: '2026-11-28' };
  write(core.ctx, () => core.ctx.log.append(chiefId, 'offer.sent', `offer:${applicationId}`, payload));
  expect(await stage()).toBe('approved');
  expect(ignored()).toEqual([{ reason: 'beyond what its author’s roles allowed', count: 1 }]);
});

test('in the log itself, an offer under a decline, dated ahead, or an acceptance with no offer is contained', async () => {
  const d = await approve();
  const officer = officerOf(core.ctx.device.id);
  const append = (type: string, payload: object) =>
    write(core.ctx, () => core.ctx.log.append(officer, type, `offer:${applicationId}`, { applicationId, decisionId: d.id, ...payload }));
  append('offer.accepted', { acceptedOn: '2026-11-28' });
  append('offer.sent', { sentOn: '2027-03-01' });
  write(core.ctx, () =>
    core.ctx.log.append(officer, 'offer.sent', `offer:${applicationId}`, {
      applicationId,
      decisionId: 'b'.repeat(64),
      sentOn: '2026-11-28',
    }),
  );
  expect(await stage()).toBe('approved');
  await asChief();
  const declined = await core.call('decisions.sign', { applicationId, decision: 'decline', reason: 'No longer viable', passphrase: OWN });
  await asOfficer();
  write(core.ctx, () =>
    core.ctx.log.append(officer, 'offer.sent', `offer:${applicationId}`, { applicationId, decisionId: declined.id, sentOn: '2026-11-28' }),
  );
  expect(await stage()).toBe('declined');
  expect(ignored()).toEqual([
    { reason: 'an acceptance recorded before any offer', count: 1 },
    { reason: 'an offer dated after the day it was recorded', count: 1 },
    { reason: 'an offer under a decision this laptop does not hold', count: 1 },
    { reason: 'an offer under a decision to decline', count: 1 },
  ]);
});

test('a rebuild from the log gives the same stages and offers', async () => {
  const d = await approve();
  await core.call('offers.recordSent', { applicationId, decisionId: d.id, sentOn: '2026-11-28' });
  await core.call('offers.recordAccepted', { applicationId, decisionId: d.id, acceptedOn: '2026-11-28' });
  await core.call('applications.create', validDraft(roundId, { areaId: 'coventry', organisationName: 'Second group' }));
  const before = projectionSnapshot(core.ctx.db);
  expect(before.application_stages).toHaveLength(2);
  expect(before.offers).toHaveLength(1);
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
  // A laptop upgraded from before stages were kept fills them in as it opens.
  core.ctx.db.prepare('DELETE FROM application_stages').run();
  core.close();
  const reopened = makeCore(core.dataDir, () => new Date(clock));
  cores.push(reopened);
  expect(projectionSnapshot(reopened.ctx.db)).toEqual(before);
});

test('a lying laptop’s offers: misfiled, malformed or holding more than an offer does is refused; one under a decision not held, or an acceptance with no offer, is contained', async () => {
  const d = await approve();
  const f = keyFrom('panel F');
  await core.call('devices.trust', { publicKey: f.publicKey, name: 'Panel laptop' });
  const at = (minutes: number) => `${new Date(clock + minutes * 60_000).toISOString()}-0000`;
  const officerF = `officer-${f.deviceId}`;
  // The forged laptop's own officer, set up as its first event: a Chief Executive, who may not record offers.
  const setUp = (roles: string[]): EventSpec => ({
    type: 'person.added',
    entity: `person:${officerF}`,
    payload: { id: officerF, name: 'Forger', roles, areas: [], active: true },
    hlc: at(1),
  });
  const offer = (payload: object, entity = `offer:${applicationId}`, minutes = 2): EventSpec => ({
    type: 'offer.sent',
    entity,
    payload: { applicationId, decisionId: d.id, sentOn: '2026-11-28', ...payload },
    hlc: at(minutes),
  });
  const send = async (specs: EventSpec[], roles = ['grants-officer']) => {
    const bundle = join(tempDir(), 'forged.gpbundle');
    await forgeBundle(bundle, { signer: f, events: chain(f.deviceId, [setUp(roles), ...specs]) });
    return bundle;
  };
  const refused = async (bundle: string, why: RegExp) => {
    const before = { events: eventCount(), tables: projectionSnapshot(core.ctx.db) };
    expect(await core.dispatch('bundles.import', { file: bundle })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(why) },
    });
    expect({ events: eventCount(), tables: projectionSnapshot(core.ctx.db) }).toEqual(before);
  };
  await refused(await send([offer({}, 'offer:another')]), /is filed under "offer:another"/);
  await refused(await send([offer({ signedBy: 'Jo Bloggs' })]), /a field it should not: "signedBy"/);
  await refused(await send([offer({ sentOn: 'yesterday' })]), /offer\.sent: sentOn must be a real date/);

  // Well formed, so kept as that laptop's word; none of it moves the stage.
  const contained = await send(
    [
      offer({ decisionId: 'c'.repeat(64) }),
      { ...offer({}, undefined, 3), type: 'offer.accepted', payload: { applicationId, decisionId: d.id, acceptedOn: '2026-11-28' } },
    ],
    ['grants-officer'],
  );
  expect(await core.call('bundles.import', { file: contained })).toMatchObject({ newEvents: 3 });
  expect(await stage()).toBe('approved');
  expect(ignored()).toEqual([
    { reason: 'an acceptance recorded before any offer', count: 1 },
    { reason: 'an offer under a decision this laptop does not hold', count: 1 },
  ]);
});

test('a Chief Executive’s forged laptop cannot record an offer; its officer’s real offer does move the stage', async () => {
  const d = await approve();
  const at = (minutes: number) => `${new Date(clock + minutes * 60_000).toISOString()}-0000`;
  const sendFrom = async (label: string, roles: string[]) => {
    const f = keyFrom(label);
    await core.call('devices.trust', { publicKey: f.publicKey, name: label });
    const officerF = `officer-${f.deviceId}`;
    const bundle = join(tempDir(), `${label}.gpbundle`);
    await forgeBundle(bundle, {
      signer: f,
      events: chain(f.deviceId, [
        {
          type: 'person.added',
          entity: `person:${officerF}`,
          payload: { id: officerF, name: label, roles, areas: [], active: true },
          hlc: at(1),
        },
        {
          type: 'offer.sent',
          entity: `offer:${applicationId}`,
          payload: { applicationId, decisionId: d.id, sentOn: '2026-11-28' },
          hlc: at(2),
        },
      ]),
    });
    return core.call('bundles.import', { file: bundle });
  };
  await sendFrom('chief laptop', ['chief-executive']);
  expect(await stage()).toBe('approved');
  expect(ignored()).toEqual([{ reason: 'beyond what its author’s roles allowed', count: 1 }]);
  await sendFrom('office laptop', ['grants-officer']);
  expect(await stage()).toBe('offered');
});
