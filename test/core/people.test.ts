// People and signing in, in the core: setting up, the events a person makes carrying their id,
// wrong passphrases slowing down, deactivation, idle locking, and credentials travelling only in
// sealed bundles so a person signs in on a second laptop — and an officer's reset reaches it.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { officerOf, write } from '../../electron/core/context';
import type { Input, MethodName } from '../../shared/contract';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

/** A clock the test moves by hand. */
function handClock(start = '2026-11-27T09:00:00.000Z') {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}

function laptop(now?: () => Date, signedOut = false): TestCore {
  const core = makeCore(undefined, now, { signedOut });
  cores.push(core);
  return core;
}

async function refused<M extends MethodName>(core: TestCore, method: M, input: Input<M>) {
  const answer = await core.dispatch(method, input);
  if (answer.ok) throw new Error(`${method} was expected to be refused`);
  return answer.error;
}

const CHAIR = {
  name: 'Dev Sharma',
  roles: ['panel-chair' as const, 'panel-member' as const],
  areas: ['coventry'],
  passphrase: 'temporary passphrase 1',
};

test('a new laptop waits to be set up; setting up makes its grants officer, who is then signed in', async () => {
  const core = laptop(undefined, true);
  expect(await core.call('session.current', {})).toMatchObject({ state: 'set-up', person: null, hasData: false });
  expect(await refused(core, 'rounds.list', {})).toMatchObject({ code: 'SIGNED_OUT' });
  // A passphrase that fails the policy is refused at its field, and nothing is written.
  const events = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const before = events();
  expect(await refused(core, 'session.setUp', { name: 'Sam Okafor', passphrase: 'short' })).toMatchObject({
    code: 'VALIDATION',
    details: [{ field: 'passphrase' }],
  });
  expect(events()).toBe(before);
  const session = await core.call('session.setUp', { name: 'Sam Okafor', passphrase: 'sandwell canal boat morning' });
  expect(session).toMatchObject({
    state: 'signed-in',
    person: { id: officerOf(core.ctx.device.id), name: 'Sam Okafor', roles: ['grants-officer'], mustChangePassphrase: false },
  });
  // Set up once: a second attempt is refused.
  expect(await refused(core, 'session.setUp', { name: 'Intruder', passphrase: 'another passphrase here' })).toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('every event a person makes carries their id', async () => {
  const core = laptop();
  const chair = await core.call('people.add', { ...CHAIR, roles: ['grants-officer'] });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase });
  await core.call('session.changePassphrase', { current: CHAIR.passphrase, next: 'dev chooses this one' });
  const round = (await core.call('rounds.list', {}))[0];
  const mark = (core.ctx.db.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }).s;
  await core.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  const actors = core.ctx.db.prepare('SELECT DISTINCT actor FROM events WHERE seq > ?').all(mark) as { actor: string }[];
  expect(actors).toEqual([{ actor: chair.id }]);
  expect(round).toBeUndefined();
});

test('wrong passphrases slow down after five, and are kept without the passphrase', async () => {
  const clock = handClock();
  const core = laptop(clock.now);
  const chair = await core.call('people.add', CHAIR);
  await core.call('session.signOut', {});
  for (let i = 1; i <= 5; i++)
    expect(await refused(core, 'session.signIn', { personId: chair.id, passphrase: `wrong guess number ${i}` })).toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'passphrase' }],
    });
  // The People screen tells an officer, without the guesses.
  await core.call('session.signIn', { personId: officerOf(core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  expect((await core.call('people.list', {})).find((p) => p.id === chair.id)?.wrongPassphrases).toBe(5);
  await core.call('session.signOut', {});
  // Now even the right passphrase waits: 30 seconds after the fifth.
  expect(await refused(core, 'session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({
    code: 'WAIT',
    message: expect.stringContaining('30 seconds'),
  });
  clock.advance(30_000);
  await refused(core, 'session.signIn', { personId: chair.id, passphrase: 'a sixth wrong guess' });
  // The wait doubles.
  clock.advance(30_000);
  expect(await refused(core, 'session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({ code: 'WAIT' });
  clock.advance(30_000);
  expect(await core.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({ state: 'signed-in' });
  const rows = JSON.stringify(core.ctx.db.prepare('SELECT * FROM sign_in_failures').all());
  expect(rows).toBe('[]');
  const all = JSON.stringify(core.ctx.db.prepare('SELECT * FROM events').all());
  expect(all).not.toContain('wrong guess');
});

test('a deactivated person cannot sign in, and what they did stays theirs', async () => {
  const core = laptop();
  const chair = await core.call('people.add', { ...CHAIR, roles: ['grants-officer'] });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase });
  await core.call('session.changePassphrase', { current: CHAIR.passphrase, next: 'dev chooses this one' });
  await core.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: officerOf(core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  // The last active grants officer cannot go; nor can anyone deactivate themselves.
  expect(await refused(core, 'people.change', { id: officerOf(core.ctx.device.id), active: false })).toMatchObject({ code: 'VALIDATION' });
  await core.call('people.change', { id: chair.id, active: false });
  expect(await refused(core, 'people.change', { id: officerOf(core.ctx.device.id), roles: ['auditor'] })).toMatchObject({
    code: 'VALIDATION',
    message: expect.stringContaining('last active grants officer'),
  });
  await core.call('session.signOut', {});
  expect(await refused(core, 'session.signIn', { personId: chair.id, passphrase: 'dev chooses this one' })).toMatchObject({
    code: 'FORBIDDEN',
    message: expect.stringContaining('deactivated'),
  });
  expect((await core.call('session.choices', {})).map((c) => c.name)).toEqual([TEST_OFFICER.name]);
  const actor = core.ctx.db.prepare("SELECT actor FROM events WHERE type = 'area.added'").get() as { actor: string };
  expect(actor.actor).toBe(chair.id);
});

test('the laptop locks itself after the idle time, and only the person who locked it unlocks it', async () => {
  const clock = handClock();
  const core = laptop(clock.now);
  await core.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  clock.advance(14 * 60_000);
  await core.call('rounds.list', {});
  clock.advance(15 * 60_000);
  expect(await refused(core, 'rounds.list', {})).toMatchObject({ code: 'SIGNED_OUT', message: expect.stringContaining('locked') });
  const locked = await core.call('session.current', {});
  expect(locked).toMatchObject({ state: 'locked', person: null, lockedBy: { name: TEST_OFFICER.name }, hasData: false });
  // The lock closed their window in the log: their sign-in had been recorded with a change.
  const types = core.ctx.db.prepare("SELECT type FROM events WHERE type LIKE 'session.%' ORDER BY seq").all();
  expect(types).toEqual([{ type: 'session.signedIn' }, { type: 'session.signedOut' }]);
  expect(await refused(core, 'session.unlock', { passphrase: 'not the passphrase' })).toMatchObject({ code: 'VALIDATION' });
  expect(await core.call('session.unlock', { passphrase: TEST_OFFICER.passphrase })).toMatchObject({ state: 'signed-in' });
  // A shorter idle time, set for this laptop, applies from now.
  await core.call('session.setIdleLock', { minutes: 5 });
  clock.advance(5 * 60_000);
  expect(await refused(core, 'rounds.list', {})).toMatchObject({ code: 'SIGNED_OUT' });
});

test('a data folder from before people signed in asks its officer for a name and passphrase; old events keep their actor', async () => {
  const dir = tempDir();
  const old = makeCore(dir, undefined, { signedOut: true });
  const officer = officerOf(old.ctx.device.id);
  // What GrantPanel wrote before issue 10: the laptop's implicit officer, as themselves.
  old.ctx.db.transaction(() =>
    old.ctx.log.append(officer, 'person.added', `person:${officer}`, { id: officer, name: 'Grants officer', role: 'officer' }),
  )();
  old.close();
  const core = makeCore(dir, undefined, { signedOut: true });
  cores.push(core);
  expect(await core.call('session.current', {})).toMatchObject({ state: 'claim' });
  await core.call('session.claim', { name: 'Priya Kaur', passphrase: 'west bromwich albion forever' });
  expect((await core.call('people.list', {})).map((p) => [p.id, p.name, p.roles])).toEqual([[officer, 'Priya Kaur', ['grants-officer']]]);
  const seeded = core.ctx.db.prepare("SELECT DISTINCT actor FROM events WHERE type = 'fund.seeded'").all();
  expect(seeded).toEqual([{ actor: officer }]);
});

test('credentials travel only in sealed bundles: a person signs in on a second laptop, and a reset reaches it', async () => {
  const office = laptop();
  const panel = laptop();
  const chair = await office.call('people.add', CHAIR);
  const officeSession = await office.call('session.current', {});
  const panelSession = await panel.call('session.current', {});
  await panel.call('devices.trust', { publicKey: officeSession.device.publicKey, name: 'Office' });
  const usb = tempDir();

  // An open bundle brings the person and their public key, but not their sealed secret.
  await office.call('bundles.export', { file: join(usb, 'open.gpbundle') });
  await panel.call('bundles.import', { file: join(usb, 'open.gpbundle') });
  const arrived = (await panel.call('people.list', {})).find((p) => p.id === chair.id)!;
  expect(arrived).toMatchObject({ name: CHAIR.name, canSignInHere: false, publicKey: chair.publicKey });
  await panel.call('session.signOut', {});
  expect((await panel.call('session.choices', {})).map((c) => c.id)).not.toContain(chair.id);
  expect(await refused(panel, 'session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({
    message: expect.stringContaining('has not reached'),
  });

  // A sealed one carries it: the same passphrase works there.
  await office.call('bundles.export', { file: join(usb, 'sealed.gpbundle.age'), to: [panelSession.device.sealRecipient] });
  await panel.call('session.signIn', { personId: officerOf(panel.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  await panel.call('bundles.import', { file: join(usb, 'sealed.gpbundle.age') });
  await panel.call('session.signOut', {});
  expect(await panel.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({
    state: 'signed-in',
    person: { name: CHAIR.name, roles: ['panel-chair', 'panel-member'], mustChangePassphrase: true },
  });

  // The officer resets it at the office; after the next sealed bundle only the new one works on the panel laptop.
  await office.call('people.resetPassphrase', { id: chair.id, passphrase: 'reset by the office today' });
  await office.call('bundles.export', { file: join(usb, 'reset.gpbundle.age'), to: [panelSession.device.sealRecipient] });
  await panel.call('session.signOut', {});
  await panel.call('session.signIn', { personId: officerOf(panel.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  await panel.call('bundles.import', { file: join(usb, 'reset.gpbundle.age') });
  await panel.call('session.signOut', {});
  expect(await refused(panel, 'session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({
    code: 'VALIDATION',
  });
  const after = await panel.call('session.signIn', { personId: chair.id, passphrase: 'reset by the office today' });
  expect(after.person).toMatchObject({ mustChangePassphrase: true });
  // Their new public key replaced the old, and both are kept for checking old signatures.
  const keys = panel.ctx.db.prepare('SELECT count(*) AS n FROM person_keys WHERE person_id = ?').get(chair.id) as { n: number };
  expect(keys.n).toBe(2);
}, 60_000);

test('a panel member reads an application without the applicant’s contact details', async () => {
  const core = laptop();
  await core.call('demo.load', {});
  const member = await core.call('people.add', {
    name: 'Ola Member',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'temporary passphrase 2',
  });
  const [row] = (await core.call('applications.list', { limit: 1 })).rows;
  const full = await core.call('applications.get', { id: row!.id });
  expect(full).toMatchObject({ contactHidden: false, contactEmail: expect.stringContaining('@') });
  // On the panel that scores it: members read an application in full once they have declared.
  const others = (await core.call('panels.list', { roundId: full.roundId })).filter((p) => p.areaIds.includes(full.areaId));
  expect(others).toEqual([]);
  await core.call('panels.save', { roundId: full.roundId, name: 'Ola’s panel', quorum: 1, areaIds: [full.areaId], memberIds: [member.id] });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: member.id, passphrase: 'temporary passphrase 2' });
  await core.call('session.changePassphrase', { current: 'temporary passphrase 2', next: 'ola picked a better one' });
  await core.call('scoring.declare', { applicationId: row!.id, interest: false });
  const seen = await core.call('applications.get', { id: row!.id });
  expect(seen).toMatchObject({ contactHidden: true, contactName: '', contactEmail: '', contactPhone: '' });
  const history = JSON.stringify(await core.call('applications.history', { id: row!.id }));
  expect(history).not.toMatch(/@example\.org/);
});

test('a laptop set up as a demo has the demo people, whose passphrases its screens show; a real laptop never does', async () => {
  const core = laptop(undefined, true);
  const session = await core.call('session.setUpDemo', {});
  expect(session).toMatchObject({ state: 'signed-in', person: { name: 'Jordan Ellis (demo)', roles: ['grants-officer'] }, hasData: true });
  expect(session.demo?.map((p) => p.roles.join('+'))).toEqual([
    'grants-officer',
    'panel-chair+panel-member',
    'panel-member',
    'panel-member',
    'panel-member',
    'chief-executive',
  ]);
  const chief = session.demo!.find((p) => p.roles.includes('chief-executive'))!;
  const choice = (await core.call('session.choices', {})).find((c) => c.name === chief.name)!;
  await core.call('session.signOut', {});
  expect(await core.call('session.signIn', { personId: choice.id, passphrase: chief.passphrase })).toMatchObject({
    person: { name: chief.name, mustChangePassphrase: false },
  });

  const real = laptop();
  expect((await real.call('session.current', {})).demo).toBeNull();
  expect(await refused(real, 'session.setUpDemo', {})).toMatchObject({ code: 'FORBIDDEN' });
});

test('after set-up, a change in anyone’s name — the laptop’s own officer’s too — stands only inside their signed sign-in', async () => {
  const office = laptop();
  const panel = laptop();
  const officeSession = await office.call('session.current', {});
  await panel.call('devices.trust', { publicKey: officeSession.device.publicKey, name: 'Office' });
  await office.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  // Signed out, a thief holding the office laptop's key writes in its officer's name: no passphrase, no sign-in.
  const officer = office.ctx.person;
  await office.call('session.signOut', {});
  office.ctx.db.transaction(() =>
    office.ctx.log.append(officer.id, 'area.changed', 'area:area-x', { id: 'area-x', changes: { name: { from: 'Hills', to: 'Stolen' } } }),
  )();
  const usb = join(tempDir(), 'office.gpbundle');
  await office.call('session.signIn', { personId: officer.id, passphrase: TEST_OFFICER.passphrase });
  await office.call('bundles.export', { file: usb });
  await panel.call('bundles.import', { file: usb });
  for (const c of [office, panel]) {
    expect((await c.call('catalogue.areas', {})).find((a) => a.id === 'area-x')?.name).toBe('Hills');
    expect(c.ctx.db.prepare('SELECT reason, count FROM ignored_changes').all()).toEqual([
      { reason: 'made in the name of someone not signed in on that laptop', count: 1 },
    ]);
  }
  // The Sync screen says so, in words.
  expect((await panel.call('sync.status', {})).notApplied).toEqual([
    { laptop: 'Office', person: TEST_OFFICER.name, reason: 'made in the name of someone not signed in on that laptop', count: 1 },
  ]);
  // A rebuild reaches the same tables.
  const before = JSON.stringify(panel.ctx.db.prepare('SELECT * FROM areas ORDER BY id').all());
  panel.ctx.projection.rebuild();
  expect(JSON.stringify(panel.ctx.db.prepare('SELECT * FROM areas ORDER BY id').all())).toBe(before);
});

test('a write that fails after recording a sign-in leaves it unrecorded, so the next change records it again', async () => {
  const core = laptop();
  await core.ready();
  expect(() =>
    write(core.ctx, () => {
      throw new Error('the disk filled up');
    }),
  ).toThrow('the disk filled up');
  expect(core.ctx.session.signing?.recorded).toBe(false);
  await core.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  const types = core.ctx.db.prepare("SELECT type FROM events WHERE type IN ('session.signedIn', 'area.added') ORDER BY seq").all();
  expect(types).toEqual([{ type: 'session.signedIn' }, { type: 'area.added' }]);
  expect((await core.call('catalogue.areas', {})).map((a) => a.id)).toContain('area-x');
});

test('a lying laptop cannot borrow a sign-in: one replayed from another laptop, or with a forged proof, opens nothing', async () => {
  const office = laptop();
  const panel = laptop();
  const officeSession = await office.call('session.current', {});
  await panel.call('devices.trust', { publicKey: officeSession.device.publicKey, name: 'Office' });
  await office.call('devices.trust', { publicKey: (await panel.call('session.current', {})).device.publicKey, name: 'Panel' });
  const chair = await office.call('people.add', { ...CHAIR, roles: ['grants-officer'] });
  await office.call('session.signOut', {});
  await office.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase });
  await office.call('session.changePassphrase', { current: CHAIR.passphrase, next: 'dev chooses this one' });
  const usb = tempDir();
  await office.call('bundles.export', { file: join(usb, 'a.gpbundle') });
  await panel.call('bundles.import', { file: join(usb, 'a.gpbundle') });
  // The chair's real sign-in on the office laptop, copied into the panel laptop's log, then a change in their name.
  const real = office.ctx.db.prepare("SELECT payload FROM events WHERE type = 'session.signedIn' AND actor = ?").get(chair.id) as {
    payload: string;
  };
  const forged = { ...(JSON.parse(real.payload) as object), proof: Buffer.alloc(64, 7).toString('base64') };
  const rename = (to: string) => ({ id: 'coventry', changes: { name: { from: 'Coventry', to } } });
  panel.ctx.db.transaction(() => {
    panel.ctx.log.append(chair.id, 'session.signedIn', `person:${chair.id}`, JSON.parse(real.payload));
    panel.ctx.log.append(chair.id, 'area.changed', 'area:coventry', rename('Replayed'));
    panel.ctx.log.append(chair.id, 'session.signedIn', `person:${chair.id}`, forged);
    panel.ctx.log.append(chair.id, 'area.changed', 'area:coventry', rename('Forged'));
  })();
  await panel.call('bundles.export', { file: join(usb, 'b.gpbundle') });
  await office.call('bundles.import', { file: join(usb, 'b.gpbundle') });
  for (const c of [panel, office]) {
    expect((await c.call('catalogue.areas', {})).find((a) => a.id === 'coventry')?.name).toBe('Coventry');
    const ignored = c.ctx.db
      .prepare('SELECT reason, sum(count) AS n FROM ignored_changes WHERE actor = ? GROUP BY reason ORDER BY reason')
      .all(chair.id);
    expect(ignored).toEqual([
      { reason: 'a sign-in not proven by that person’s key', n: 2 },
      { reason: 'made in the name of someone not signed in on that laptop', n: 2 },
    ]);
  }
});

test('someone typing a long form keeps the laptop unlocked by telling the core they are there', async () => {
  const clock = handClock();
  const core = laptop(clock.now);
  await core.call('rounds.list', {});
  for (let i = 0; i < 4; i++) {
    clock.advance(10 * 60_000);
    await core.call('session.touch', {});
  }
  expect(await core.call('rounds.list', {})).toBeDefined();
});

test('a new laptop joins an office with its roster and a protected bundle; the office’s people then sign in there', async () => {
  const office = laptop();
  const chair = await office.call('people.add', CHAIR);
  const usb = tempDir();
  await office.call('roster.export', { file: join(usb, 'office.gproster') });
  await office.call('bundles.export', { file: join(usb, 'office.gpbundle.age'), passphrase: 'told at the office door' });
  const officeFingerprint = (await office.call('session.current', {})).device.fingerprint;

  const fresh = laptop(undefined, true);
  // Chosen as the Open dialog (or the command line) chooses them: the core takes ids, not paths.
  const roster = fresh.ctx.files.choose(join(usb, 'office.gproster'), 'read', 'roster', 'terminal').id;
  const bundle = fresh.ctx.files.choose(join(usb, 'office.gpbundle.age'), 'read', 'bundle', 'terminal').id;
  expect(await fresh.call('session.checkJoin', { roster })).toMatchObject({ office: { fingerprint: officeFingerprint }, laptops: 1 });
  // A fingerprint other than the roster's: refused, and nothing trusted.
  expect(
    await refused(fresh, 'session.join', { roster, bundle, fingerprint: 'AAAA BBBB', passphrase: 'told at the office door' }),
  ).toMatchObject({
    code: 'VALIDATION',
    details: [{ field: 'fingerprint' }],
  });
  expect(fresh.ctx.db.prepare('SELECT count(*) AS n FROM trusted_devices').get()).toEqual({ n: 0 });
  expect(
    await fresh.call('session.join', { roster, bundle, fingerprint: officeFingerprint, passphrase: 'told at the office door' }),
  ).toMatchObject({
    trusted: 1,
    people: 2,
  });
  expect(await fresh.call('session.current', {})).toMatchObject({ state: 'signed-out' });
  expect((await fresh.call('session.choices', {})).map((c) => c.name).sort()).toEqual([CHAIR.name, TEST_OFFICER.name]);
  expect(await fresh.call('session.signIn', { personId: chair.id, passphrase: CHAIR.passphrase })).toMatchObject({
    person: { name: CHAIR.name, mustChangePassphrase: true },
  });
  // The office's officer signs in there too, and works: their changes from this laptop stand at the office.
  await fresh.call('session.signOut', {});
  await fresh.call('session.signIn', { personId: officerOf(office.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
  await fresh.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  await office.call('devices.trust', { publicKey: (await fresh.call('session.current', {})).device.publicKey, name: 'Hall laptop' });
  await fresh.call('bundles.export', { file: join(usb, 'back.gpbundle') });
  await office.call('bundles.import', { file: join(usb, 'back.gpbundle') });
  expect((await office.call('catalogue.areas', {})).map((a) => a.id)).toContain('area-x');
  // Joining again, or on a laptop already set up, is refused.
  expect(await refused(fresh, 'session.join', { roster, bundle, fingerprint: officeFingerprint })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refused(office, 'session.checkJoin', { roster: 'f-unknown' })).toMatchObject({ code: 'FORBIDDEN' });
}, 60_000);

test('a lying laptop cannot take over a sign-in: a credential issued by someone who may not manage people is ignored', async () => {
  const core = laptop();
  const member = await core.call('people.add', {
    name: 'Ola Member',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'temporary passphrase 2',
  });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: member.id, passphrase: 'temporary passphrase 2' });
  await core.call('session.changePassphrase', { current: 'temporary passphrase 2', next: 'ola picked a better one' });
  const officer = officerOf(core.ctx.device.id);
  const held = core.ctx.db.prepare('SELECT public_key, secret FROM credentials WHERE person_id = ?').get(officer);
  // Signed in on this laptop, the member writes a new credential for the officer, as a tampered build could.
  write(core.ctx, () =>
    core.ctx.log.append(member.id, 'credential.issued', `person:${officer}`, {
      personId: officer,
      publicKey: member.publicKey!,
      secret: 'ab'.repeat(32),
      mustChange: false,
    }),
  );
  expect(core.ctx.db.prepare('SELECT public_key, secret FROM credentials WHERE person_id = ?').get(officer)).toEqual(held);
  await core.call('session.signOut', {});
  expect(await core.call('session.signIn', { personId: officer, passphrase: TEST_OFFICER.passphrase })).toMatchObject({
    state: 'signed-in',
  });
});
