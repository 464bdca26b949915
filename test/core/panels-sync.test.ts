// Panels between laptops: a member scoring on two laptops converges to their latest scores
// everywhere; a declaration of interest arriving after scores were entered elsewhere excludes those
// scores and says so; a rubric changed on one laptop after scoring began on another is refused as
// it arrives and raised for a person.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { makeCore, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';
import { panelRound } from '../support/panels';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { officerOf } from '../../electron/core/context';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

/** A laptop's clock: a second on at each reading, and moved on by hand to make one laptop's change the later. */
const clocks = new Map<TestCore, { later(hours: number): void }>();
function clock(start: string) {
  let at = Date.parse(start);
  return { now: () => new Date((at += 1000)), later: (hours: number) => void (at += hours * 3_600_000) };
}
const later = (core: TestCore, hours = 1) => clocks.get(core)!.later(hours);

const FIRST = 'a first passphrase given';
const OWN = 'my own panel passphrase';
let usb: string;
let n = 0;

async function send(from: TestCore, to: TestCore): Promise<void> {
  const { device } = await to.call('session.current', {});
  const file = join(usb, `b${++n}.gpbundle.age`);
  await signInOfficer(from);
  await from.call('bundles.export', { file, to: [device.sealRecipient] });
  await signInOfficer(to);
  await to.call('bundles.import', { file });
}

async function signInOfficer(core: TestCore): Promise<void> {
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: officerOf(core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
}

async function signIn(core: TestCore, personId: string, passphrase = OWN): Promise<void> {
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId, passphrase });
}

/** An office and two panel laptops that trust each other; the office's round, rubric, panel and one application on all three. */
async function office() {
  usb = tempDir();
  const [o, a, b] = [0, 1, 2].map(() => {
    const c = clock('2026-11-27T09:00:00Z');
    const core = makeCore(undefined, c.now);
    clocks.set(core, c);
    cores.push(core);
    return core;
  }) as [TestCore, TestCore, TestCore];
  for (const x of [o, a, b]) for (const y of [o, a, b]) if (x !== y) await trustLaptop(x, y);
  const { roundId, priorityId } = await panelRound(o);
  const application = await o.call('applications.create', validDraft(roundId, { areaId: 'coventry', priorityIds: [priorityId] }));
  const asha = await o.call('people.add', { name: 'Asha', roles: ['panel-member'], areas: [], passphrase: FIRST });
  const ben = await o.call('people.add', { name: 'Ben', roles: ['panel-member'], areas: [], passphrase: FIRST });
  const panel = await o.call('panels.save', {
    roundId,
    name: 'Coventry panel',
    quorum: 1,
    areaIds: ['coventry'],
    memberIds: [asha.id, ben.id],
  });
  // Each member chooses their own passphrase at the office, before the panel.
  for (const m of [asha, ben]) {
    await signIn(o, m.id, FIRST);
    await o.call('session.changePassphrase', { current: FIRST, next: OWN });
  }
  await signInOfficer(o);
  await send(o, a);
  await send(o, b);
  return { o, a, b, roundId, applicationId: application.id, asha: asha.id, ben: ben.id, panelId: panel.id };
}

const levelOf = (core: TestCore, applicationId: string, memberId: string, criterionId: string) =>
  (
    core.ctx.db
      .prepare('SELECT level FROM scores WHERE application_id = ? AND member_id = ? AND criterion_id = ?')
      .get(applicationId, memberId, criterionId) as { level: number } | undefined
  )?.level;

test('a member who scored on two laptops has their latest scores on every laptop, whatever order the bundles arrive in', async () => {
  const { o, a, b, applicationId, asha } = await office();
  await signIn(a, asha);
  await a.call('scoring.declare', { applicationId, interest: false });
  await a.call('scoring.enter', { applicationId, criterionId: 'need', level: 2 });
  await a.call('scoring.enter', { applicationId, criterionId: 'value', level: 3 });
  // Later, on the other laptop, without seeing the first: need again, and outcomes.
  later(b, 2);
  await signIn(b, asha);
  await b.call('scoring.declare', { applicationId, interest: false });
  await b.call('scoring.enter', { applicationId, criterionId: 'need', level: 4 });
  await b.call('scoring.enter', { applicationId, criterionId: 'outcomes', level: 1 });
  await send(b, o);
  await send(a, o);
  await send(o, a);
  await send(o, b);
  for (const core of [o, a, b]) {
    expect(levelOf(core, applicationId, asha, 'need')).toBe(4);
    expect(levelOf(core, applicationId, asha, 'value')).toBe(3);
    expect(levelOf(core, applicationId, asha, 'outcomes')).toBe(1);
  }
  // The panels' tables agree (sign-ins differ: each export here signs a laptop's officer in again).
  const panelTables = (core: TestCore) => {
    const { scores, score_submissions, declarations, entries, rubrics, panels } = projectionSnapshot(core.ctx.db);
    return { scores, score_submissions, declarations, entries, rubrics, panels };
  };
  expect(panelTables(a)).toEqual(panelTables(o));
  expect(panelTables(b)).toEqual(panelTables(o));
}, 120_000);

test('an interest declared on one laptop after scores were entered on another excludes them, and the report says so', async () => {
  const { o, a, b, applicationId, ben, panelId } = await office();
  await signIn(a, ben);
  await a.call('scoring.declare', { applicationId, interest: false });
  const rubric = (await a.call('scoring.sheet', { applicationId })).rubric!;
  for (const c of rubric.criteria) await a.call('scoring.enter', { applicationId, criterionId: c.id, level: 3 });
  await a.call('scoring.enter', { applicationId, criterionId: 'governance', level: 1 });
  await a.call('scoring.submit', { applicationId });
  // On the other laptop, Ben remembers: he knows the group. His standing declaration there is the
  // "none" only if it arrived first; here it has not, so this declaration supersedes nothing.
  later(b, 2);
  await signIn(b, ben);
  await b.call('scoring.declare', { applicationId, interest: true, nature: 'I coach at the club' });
  await send(a, o);
  await send(b, o);
  await signInOfficer(o);
  const row = (await o.call('moderation.view', { panelId })).applications[0]!;
  expect(row.members).toEqual([]);
  expect(row.excluded).toEqual([
    expect.objectContaining({ name: 'Ben', reason: expect.stringMatching(/I coach at the club.*not counted/) }),
  ]);
  expect(row.ranking.status).toBe('not-ranked');
}, 120_000);

test('a rubric changed on one laptop after scoring began on another is refused as it arrives, and raised for a person', async () => {
  const { o, a, roundId, applicationId, asha } = await office();
  await signIn(a, asha);
  await a.call('scoring.declare', { applicationId, interest: false });
  await a.call('scoring.enter', { applicationId, criterionId: 'need', level: 2 });
  // Later, the office, not yet knowing, makes need weigh more.
  later(o, 2);
  await signInOfficer(o);
  const held = (await o.call('rubrics.get', { roundId })).rubric!;
  const { id, version, ...content } = held;
  void [id, version];
  await o.call('rubrics.save', {
    roundId,
    content: { ...content, criteria: held.criteria.map((c) => (c.id === 'need' ? { ...c, weight: 4 } : c)) },
  });
  // Asha's score came first (the office's change is the later): as her bundle arrives, the change is replayed after it.
  await send(a, o);
  const after = (await o.call('rubrics.get', { roundId })).rubric!;
  expect(after.criteria.find((c) => c.id === 'need')?.weight).toBe(2);
  const { conflicts } = await o.call('conflicts.list', {});
  expect(conflicts.map((c) => c.kind)).toEqual(['rubric']);
  // Named by its round and version; the criteria one to a line, so the one that differs shows.
  expect(conflicts[0]!.label).toMatch(/^.+, version 1$/);
  const criteria = conflicts[0]!.fields.find((f) => f.field === 'criteria')!;
  expect(criteria.kept.split('\n')).toContain('Evidence of local need (weight 2, 0–5)');
  expect(criteria.incoming.split('\n')).toContain('Evidence of local need (weight 4, 0–5)');
}, 120_000);
