// People on the command line: setting a laptop up, --as and passphrases (from a file or a
// terminal, never an argument), adding people, roles decided by the core, passphrase changes,
// deactivation, and a demo laptop's people.
import { afterAll, expect, test } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliIn } from '../support/cli-in';
import { makeCore, tempDir, TEST_OFFICER } from '../support/core';
import { officerPassphraseFile } from '../support/built-cli';
import { officerOf } from '../../electron/core/context';
import { choosePerson } from '../../electron/core/cli/signin';
import { roleFrom } from '../../electron/core/cli/people';
import type { Rejected } from '../../electron/core/cli/command';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};

const secrets = temp('grantpanel-secrets-');
let files = 0;
/** A passphrase in a file of its own, outside the data folder. */
const secret = (passphrase: string) => {
  const file = join(secrets, `p${++files}.txt`);
  writeFileSync(file, `${passphrase}\n`);
  return file;
};

const OFFICER = { name: 'Priya Shah', passphrase: 'kingfisher over the canal' };
const SAM = { name: 'Sam Jones', first: 'sandwell valley at dawn', own: 'dudley zoo penguins waddle' };

/** A fresh data folder and a grantpanel with no --as, and one acting as whoever is named. */
function laptop() {
  const dataDir = temp('grantpanel-people-cli-');
  const nobody = cliIn(dataDir, { as: null });
  const as = (name: string, passphrase: string) => cliIn(dataDir, { as: { name, passphraseFile: secret(passphrase) } });
  const events = () => {
    const db = new Database(join(dataDir, 'grantpanel.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { dataDir, nobody, as, events };
}

/** Set up with Priya as grants officer, Sam added as a panel member who has chosen their own passphrase. */
async function office() {
  const l = laptop();
  expect(await l.nobody('setup', '--name', OFFICER.name, '--passphrase-file', secret(OFFICER.passphrase))).toMatchObject({
    code: 0,
    err: '',
  });
  const priya = l.as('priya shah', OFFICER.passphrase);
  const added = await priya(
    'add',
    'person',
    '--name',
    SAM.name,
    '--role',
    'panel member',
    '--area',
    'Coventry',
    '--new-passphrase-file',
    secret(SAM.first),
  );
  expect(added).toMatchObject({ code: 0, err: '' });
  expect((await l.as(SAM.name, SAM.first)('set-passphrase', '--new-passphrase-file', secret(SAM.own))).code).toBe(0);
  return { ...l, priya, sam: l.as(SAM.name, SAM.own) };
}

test('setup makes the first grants officer; after it a command needs --as, and setup again is refused', async () => {
  const { nobody, as } = laptop();
  const before = await nobody('list', 'rounds');
  expect(before).toMatchObject({ code: 1, out: '' });
  expect(before.err).toContain('Nobody has been set up on this laptop yet');
  expect(before.err).toContain('grantpanel setup --name "YOUR NAME"');
  expect((await nobody('init')).out).toContain('Next: set up its first grants officer with: grantpanel setup --name');

  const setUp = await nobody('setup', '--name', OFFICER.name, '--passphrase-file', secret(OFFICER.passphrase));
  expect(setUp).toMatchObject({ code: 0, err: '' });
  expect(setUp.out).toMatch(/^Set up this laptop: Priya Shah is its grants officer\.\n/);
  expect((await nobody('init')).out).toContain('People who can sign in here: 1');

  const anonymous = await nobody('list', 'rounds');
  expect(anonymous.code).toBe(2);
  expect(anonymous.err).toContain('Say who you are: grantpanel --as NAME list rounds …');
  expect(anonymous.err).toContain('Priya Shah');

  const again = await nobody('setup', '--name', 'Someone Else', '--passphrase-file', secret('another passphrase here'));
  expect(again.code).toBe(1);
  expect(again.err).toContain('This laptop is already set up');
  expect((await as('Someone Else', 'another passphrase here')('list', 'rounds')).err).toMatch(
    /Nobody called "Someone Else" can sign in on this laptop\.\n {2}People who can sign in here:\n {2}Priya Shah \(Grants officer\)/,
  );
  expect(await as(OFFICER.name, OFFICER.passphrase)('setup', '--name', 'X')).toMatchObject({ code: 2 });
});

test('a weak passphrase at setup is refused and nothing is set up', async () => {
  const { nobody } = laptop();
  const weak = await nobody('setup', '--name', OFFICER.name, '--passphrase-file', secret('password'));
  expect(weak.code).toBe(1);
  expect(weak.err).not.toContain('password\n');
  expect((await nobody('init')).out).toContain('Next: set up its first grants officer');
});

test('setup names the grants officer of a data folder from before people signed in', async () => {
  const dataDir = temp('grantpanel-people-claim-');
  const old = makeCore(dataDir, undefined, { signedOut: true });
  const officer = officerOf(old.ctx.device.id);
  old.ctx.db.transaction(() =>
    old.ctx.log.append(officer, 'person.added', `person:${officer}`, { id: officer, name: 'Grants officer', role: 'officer' }),
  )();
  old.close();
  const nobody = cliIn(dataDir, { as: null });
  expect((await nobody('list', 'rounds')).err).toContain('from before people signed in');
  const claimed = await nobody('setup', '--name', OFFICER.name, '--passphrase-file', secret(OFFICER.passphrase));
  expect(claimed).toMatchObject({ code: 0, err: '' });
  expect(claimed.out).toContain('Priya Shah is now this data folder’s grants officer');
  const people = await cliIn(dataDir, { as: { name: OFFICER.name, passphraseFile: secret(OFFICER.passphrase) } })(
    'list',
    'people',
    '--format',
    'json',
  );
  expect(JSON.parse(people.out)).toEqual([expect.objectContaining({ id: officer, name: OFFICER.name, roles: ['grants-officer'] })]);
});

test('add person and list people: roles by their words, areas by name; the table, json and csv', async () => {
  const { priya, sam } = await office();
  const chair = await priya(
    'add',
    'person',
    '--name',
    'Dr Amira Khan',
    '--role',
    'Panel Chair',
    '--role',
    'panel-member',
    '--new-passphrase-file',
    secret('a first passphrase for amira'),
  );
  expect(chair).toMatchObject({ code: 0, err: '' });
  expect(chair.out).toMatch(/^Added Dr Amira Khan: Panel chair and panel member, every area\.\nPerson id: person-[0-9a-f-]+\n/);
  expect(chair.out).toContain('grantpanel --as "Dr Amira Khan" set-passphrase');

  const table = await priya('list', 'people');
  expect(table).toMatchObject({ code: 0, err: '' });
  const lines = table.out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^Name\s+Roles\s+Areas\s+Status\s+Id$/);
  expect(lines[1]).toMatch(
    /^Dr Amira Khan\s+Panel chair and panel member\s+every area\s+active; chooses a passphrase at first sign-in\s+person-/,
  );
  expect(lines[2]).toMatch(/^Priya Shah\s+Grants officer\s+every area\s+active\s+/);
  expect(lines[3]).toMatch(/^Sam Jones\s+Panel member\s+Coventry\s+active\s+person-/);
  expect(lines.at(-1)).toBe('3 people, 3 active');

  // A panel member reads the register of people too.
  const json = await sam('list', 'people', '--format', 'json');
  expect(json).toMatchObject({ code: 0, err: '' });
  const rows = JSON.parse(json.out) as Record<string, unknown>[];
  expect(rows.map((r) => Object.keys(r))[0]).toEqual([
    'id',
    'name',
    'roles',
    'areas',
    'status',
    'active',
    'canSignInHere',
    'mustChangePassphrase',
  ]);
  expect(rows.find((r) => r.name === SAM.name)).toMatchObject({
    roles: ['panel-member'],
    areas: ['coventry'],
    active: true,
    mustChangePassphrase: false,
  });
  const csv = await priya('list', 'people', '--format', 'csv');
  expect(csv.out.split('\r\n')[0] ?? csv.out.split('\n')[0]).toContain(
    'id,name,roles,areas,status,active,canSignInHere,mustChangePassphrase',
  );
  expect(csv.out).toContain('panel-chair;panel-member');

  // Bad roles are usage errors; unknown areas are refused; nothing is added.
  expect(
    await priya('add', 'person', '--name', 'X Y', '--role', 'boss', '--new-passphrase-file', secret('whatever it is now')),
  ).toMatchObject({
    code: 2,
    err: expect.stringContaining('--role "boss" is not a role'),
  });
  expect(await priya('add', 'person', '--name', 'X Y', '--new-passphrase-file', secret('whatever it is now'))).toMatchObject({
    code: 2,
    err: expect.stringContaining('Missing --role'),
  });
  const badArea = await priya(
    'add',
    'person',
    '--name',
    'X Y',
    '--role',
    'auditor',
    '--area',
    'Atlantis',
    '--new-passphrase-file',
    secret('whatever it is now'),
  );
  expect(badArea.code).toBe(1);
  expect(badArea.err).toContain('--area Atlantis: No area is called "Atlantis"');
  expect(JSON.parse((await priya('list', 'people', '--format', 'json')).out)).toHaveLength(3);
});

test('a panel member’s writes are refused with exit 1 and nothing is written', async () => {
  const { sam, events, priya } = await office();
  const before = events();
  const add = await sam(
    'add',
    'person',
    '--name',
    'Mallory',
    '--role',
    'grants officer',
    '--new-passphrase-file',
    secret('let me in please now'),
  );
  expect(add).toMatchObject({ code: 1, out: '' });
  expect(add.err).toContain('Sam Jones is not allowed to do that');
  const round = await sam('add', 'round', '--fund', 'ACF', '--name', 'Sneaky', '--opens', '2027-01-01', '--closes', '2027-02-01');
  expect(round).toMatchObject({ code: 1, out: '' });
  expect(round.err).toContain('not allowed');
  expect((await sam('person', 'deactivate', OFFICER.name)).code).toBe(1);
  expect(events()).toBe(before);
  expect(JSON.parse((await priya('list', 'people', '--format', 'json')).out)).toHaveLength(2);
  expect((await sam('list', 'rounds')).code).toBe(0);
});

test('a wrong passphrase is refused; a passphrase is never an argument; with no terminal and no file, exit 2', async () => {
  const { as, nobody } = await office();
  const wrong = await as(OFFICER.name, 'not the right passphrase')('list', 'rounds');
  expect(wrong).toMatchObject({ code: 1, out: '' });
  expect(wrong.err).toContain('That passphrase is not right for Priya Shah.');

  for (const args of [
    ['--as', OFFICER.name, '--passphrase', OFFICER.passphrase, 'list', 'rounds'],
    ['--as', OFFICER.name, `--passphrase=${OFFICER.passphrase}`, 'list', 'rounds'],
    ['--as', OFFICER.name, 'list', 'rounds', '--passphrase', OFFICER.passphrase],
    ['--as', OFFICER.name, 'set-passphrase', `--new-passphrase=${OFFICER.passphrase}`],
  ]) {
    const r = await nobody(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not an option: a passphrase is never typed on the command line/);
    expect(r.err).not.toContain(OFFICER.passphrase);
  }
  const noFile = await nobody('--as', OFFICER.name, 'list', 'rounds');
  expect(noFile.code).toBe(2);
  expect(noFile.err).toContain('Give --passphrase-file FILE');
});

test('at a terminal the passphrase is asked (not given as an argument); a new one twice', async () => {
  const { dataDir } = laptop();
  const answers = [OFFICER.passphrase, OFFICER.passphrase, OFFICER.passphrase];
  const prompts: string[] = [];
  const readSecret = async (prompt: string) => {
    prompts.push(prompt);
    return answers.shift() ?? '';
  };
  const terminal = cliIn(dataDir, { as: null, readSecret });
  expect(await terminal('setup', '--name', OFFICER.name)).toMatchObject({ code: 0 });
  expect(prompts).toEqual(['New passphrase for Priya Shah (at least 12 characters, or three words): ', 'The same passphrase again: ']);
  expect(await terminal('--as', 'PRIYA SHAH', 'list', 'people')).toMatchObject({ code: 0 });
  expect(prompts.at(-1)).toBe('Passphrase for Priya Shah: ');

  // Two different answers: nothing changes.
  answers.push(OFFICER.passphrase, 'a brand new passphrase here', 'a brand new passphrase typo');
  const typo = await terminal('--as', OFFICER.name, 'set-passphrase');
  expect(typo.code).toBe(1);
  expect(typo.err).toContain('The two passphrases typed are not the same');
  expect((await cliIn(dataDir, { as: { name: OFFICER.name, passphraseFile: secret(OFFICER.passphrase) } })('list', 'rounds')).code).toBe(0);
});

test('a person given a first passphrase chooses their own before anything else; set-passphrase changes it', async () => {
  const { priya, as } = await office();
  await priya('add', 'person', '--name', 'Tom Clarke', '--role', 'auditor', '--new-passphrase-file', secret('first one for tom clarke'));
  const first = await as('Tom Clarke', 'first one for tom clarke')('list', 'rounds');
  expect(first.code).toBe(1);
  expect(first.err).toContain('Tom Clarke must choose their own passphrase first');
  expect(first.err).toContain('grantpanel --as "Tom Clarke" set-passphrase');
  const changed = await as('Tom Clarke', 'first one for tom clarke')(
    'set-passphrase',
    '--new-passphrase-file',
    secret('toms own secret words'),
  );
  expect(changed).toMatchObject({ code: 0, err: '' });
  expect(changed.out).toContain('Changed the passphrase of Tom Clarke');
  expect((await as('Tom Clarke', 'toms own secret words')('list', 'rounds')).code).toBe(0);
  expect((await as('Tom Clarke', 'first one for tom clarke')('list', 'rounds')).code).toBe(1);
  // Their own again, checked against the policy.
  const weak = await as('Tom Clarke', 'toms own secret words')('set-passphrase', '--new-passphrase-file', secret('123456789'));
  expect(weak.code).toBe(1);
  expect((await as('Tom Clarke', 'toms own secret words')('list', 'rounds')).code).toBe(0);
});

test('deactivate: that person cannot sign in; reactivate lets them; reset-passphrase gives a new first one', async () => {
  const { priya, sam, as } = await office();
  const off = await priya('person', 'deactivate', 'SAM JONES');
  expect(off).toMatchObject({ code: 0, err: '' });
  expect(off.out).toMatch(/^Deactivated Sam Jones: they cannot sign in/);
  const refused = await sam('list', 'rounds');
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('Nobody called "Sam Jones" can sign in on this laptop');
  expect(JSON.parse((await priya('list', 'people', '--format', 'json')).out)).toContainEqual(
    expect.objectContaining({ name: SAM.name, active: false, status: 'deactivated' }),
  );
  expect((await priya('person', 'deactivate', OFFICER.name)).code).toBe(1);
  expect((await priya('person', 'deactivate', 'Nobody Here')).err).toContain('Nobody called "Nobody Here" is on this laptop');

  expect((await priya('person', 'reactivate', SAM.name)).out).toContain('Reactivated Sam Jones');
  expect((await sam('list', 'rounds')).code).toBe(0);

  const reset = await priya('person', 'reset-passphrase', SAM.name, '--new-passphrase-file', secret('a fresh start for sam'));
  expect(reset).toMatchObject({ code: 0, err: '' });
  expect((await sam('list', 'rounds')).code).toBe(1);
  expect((await as(SAM.name, 'a fresh start for sam')('list', 'rounds')).err).toContain('must choose their own passphrase first');
});

test('demo on a fresh data folder sets up a demo laptop and prints its people, marked as demo data', async () => {
  const { nobody, as } = laptop();
  const demo = await nobody('demo');
  expect(demo).toMatchObject({ code: 0, err: '' });
  expect(demo.out).toMatch(/^Set up this laptop as a demo, with the demo rounds \(40 applications\) and 6 demo people\.\n/);
  expect(demo.out).toContain('DEMO DATA: invented people whose passphrases are printed here. Never use this data folder for real work.');
  expect(demo.out).toMatch(/Jordan Ellis \(demo\)\s+Grants officer\s+demo grants officer/);
  expect(demo.out).toMatch(/Helen Carter \(demo\)\s+Chief Executive\s+demo chief executive/);
  // The demo people sign in with the passphrases printed: the panel member reads, the officer writes.
  const tom = await as('tom clarke (demo)', 'demo panel member one')('list', 'applications', '--format', 'json');
  expect(tom.code).toBe(0);
  expect(JSON.parse(tom.out)).toHaveLength(40);
  const again = await as('Jordan Ellis (demo)', 'demo grants officer')('demo');
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/already loaded/);
  // Once the laptop is set up, demo needs --as (a grants officer) and loads only the rounds.
  expect((await nobody('demo')).code).toBe(2);
});

test('the test officer helpers sign in as makeCore’s officer', async () => {
  const dataDir = temp('grantpanel-people-officer-');
  const r = await cliIn(dataDir)('list', 'people', '--format', 'json');
  expect(r).toMatchObject({ code: 0, err: '' });
  expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ name: TEST_OFFICER.name })]);
  expect(officerPassphraseFile()).toMatch(/officer\.txt$/);
});

test('help for the people commands; a bundle’s --passphrase-file after the command is the bundle’s, not yours', async () => {
  const { nobody } = laptop();
  for (const words of [
    ['setup'],
    ['add', 'person'],
    ['set-passphrase'],
    ['person', 'deactivate'],
    ['person', 'reset-passphrase'],
    ['person'],
  ]) {
    const r = await nobody(...words, '--help');
    expect(r, words.join(' ')).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Usage: grantpanel/);
  }
  expect((await nobody('--help')).out).toContain('--as NAME');
  expect((await nobody('add', 'person', '--help')).out).toContain('"panel member"');

  const exported = await nobody(
    '--as',
    'Grants officer',
    'export-bundle',
    '--out',
    'x.gpbundle.age',
    '--passphrase-file',
    secret('bundle words here'),
  );
  expect(exported.code).toBe(2);
  expect(exported.err).toContain('Give --passphrase-file FILE before "export-bundle"');
});

test('--as: any case and spacing, or the id; two people of one name must be told apart by id', () => {
  const choices = [
    { id: 'person-a', name: 'Sam Jones', roles: ['panel-member' as const] },
    { id: 'person-b', name: 'Sam  JONES', roles: ['auditor' as const] },
    { id: 'person-c', name: 'Priya Shah', roles: ['grants-officer' as const] },
  ];
  expect(choosePerson(choices, ' priya   shah ').id).toBe('person-c');
  expect(choosePerson(choices, 'person-b').id).toBe('person-b');
  expect(() => choosePerson(choices, 'sam jones')).toThrow(
    /2 people called "sam jones" can sign in here: give the one you are by their id/,
  );
  try {
    choosePerson(choices, 'sam jones');
  } catch (error) {
    expect((error as Rejected).lines).toEqual(['--as person-a  Sam Jones (Panel member)', '--as person-b  Sam  JONES (Auditor)']);
  }
  expect(roleFrom('Chief Executive')).toBe('chief-executive');
  expect(roleFrom('grants_officer')).toBe('grants-officer');
  expect(roleFrom('officer')).toBeUndefined();
});

test('join: a new laptop shows the roster’s fingerprint, then joins with it and the protected bundle; its people sign in', async () => {
  const { priya } = await office();
  const usb = temp('grantpanel-usb-');
  expect((await priya('export-roster', '--out', join(usb, 'office.gproster'))).code).toBe(0);
  const pass = secret('read out at the hall door');
  expect((await priya('export-bundle', '--out', join(usb, 'office.gpbundle.age'), '--passphrase-file', pass)).code).toBe(0);

  const hall = laptop();
  const shown = await hall.nobody('join', '--roster', join(usb, 'office.gproster'));
  expect(shown).toMatchObject({ code: 0, err: '' });
  const fingerprint = /Fingerprint: ([0-9A-F ]+)/.exec(shown.out)?.[1] ?? '';
  expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){5}$/);
  // Half the pair is a usage error; a fingerprint other than the roster's is refused and trusts nobody.
  expect(await hall.nobody('join', '--roster', join(usb, 'office.gproster'), '--bundle', join(usb, 'office.gpbundle.age'))).toMatchObject({
    code: 2,
  });
  const wrong = await hall.nobody(
    'join',
    '--roster',
    join(usb, 'office.gproster'),
    '--fingerprint',
    'AAAA BBBB CCCC DDDD EEEE FFFF',
    '--bundle',
    join(usb, 'office.gpbundle.age'),
    '--bundle-passphrase-file',
    pass,
  );
  expect(wrong).toMatchObject({ code: 1 });
  const joined = await hall.nobody(
    'join',
    '--roster',
    join(usb, 'office.gproster'),
    '--fingerprint',
    fingerprint,
    '--bundle',
    join(usb, 'office.gpbundle.age'),
    '--bundle-passphrase-file',
    pass,
  );
  expect(joined).toMatchObject({ code: 0, err: '' });
  expect(joined.out).toContain(`People who can sign in here: ${OFFICER.name}, ${SAM.name}`);
  expect(await hall.as(SAM.name, SAM.own)('list', 'rounds')).toMatchObject({ code: 0 });
  // Once joined, it is set up: joining again is refused.
  expect(await hall.nobody('join', '--roster', join(usb, 'office.gproster'))).toMatchObject({ code: 1 });
});
