// Applicants' contact details beside the log: replaced details are erased in the same transaction,
// the same way on every laptop and in every rebuild, and sealed bundles carry only those in use.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { validDraft } from '../support/drafts';
import { draftOf } from '../../shared/domain/application';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};

/** Every contact record a laptop holds, as stored (not people's sealed sign-ins, also personal data). */
const held = (c: TestCore) =>
  c.ctx.db
    .prepare('SELECT digest, salt, body FROM personal_data WHERE digest NOT IN (SELECT secret FROM credentials) ORDER BY digest')
    .all() as {
    digest: string;
    salt: string;
    body: string;
  }[];
const emails = (c: TestCore) => held(c).map((r) => (JSON.parse(r.body) as { contactEmail: string }).contactEmail);
const digestOf = (c: TestCore, id: string) =>
  (c.ctx.db.prepare('SELECT contact_digest AS d FROM applications WHERE id = ?').get(id) as { d: string }).d;

async function anApplication(c: TestCore): Promise<string> {
  const round = await c.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Winter 2026',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  return (await c.call('applications.create', validDraft(round.id))).id;
}
const editContact = async (c: TestCore, id: string, contactEmail: string) =>
  c.call('applications.update', { id, application: { ...draftOf(await c.call('applications.get', { id })), contactEmail } });

let n = 0;
/** How many contact records a sealed bundle carried (besides each of its people's sealed sign-in). */
async function sealedTo(from: TestCore, to: TestCore): Promise<number | null> {
  const file = join(tempDir(), `s${++n}.gpbundle.age`);
  const info = await from.call('bundles.export', { file, to: [(await to.call('session.current', {})).device.sealRecipient] });
  await to.call('bundles.import', { file });
  const signIns = from.ctx.db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number };
  return info.personalRecords === null ? null : info.personalRecords - signIns.n;
}

test('replaced contact details are erased with the edit, and a rebuild leaves the table exactly as it was', async () => {
  const office = laptop();
  const id = await anApplication(office);
  await editContact(office, id, 'first.change@example.org');
  await editContact(office, id, 'second.change@example.org');
  expect(emails(office)).toEqual(['second.change@example.org']);
  expect(held(office)[0]?.digest).toBe(digestOf(office, id));

  const before = { personal: held(office), tables: projectionSnapshot(office.ctx.db) };
  office.ctx.projection.rebuild();
  expect({ personal: held(office), tables: projectionSnapshot(office.ctx.db) }).toEqual(before);
});

test('a sealed bundle exported after an edit carries only the current details, and the other laptop erases the old ones too', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(panel, office, 'Office');
  const id = await anApplication(office);
  expect(await sealedTo(office, panel)).toBe(1);
  expect(emails(panel)).toEqual(['amira.khan@example.org']);

  await editContact(office, id, 'new.contact@example.org');
  expect(await sealedTo(office, panel)).toBe(1);
  expect(held(panel).map((r) => r.digest)).toEqual([digestOf(office, id)]);
  expect(emails(panel)).toEqual(['new.contact@example.org']);
});

test('details nothing refers to (left by an older bundle) never travel in a sealed bundle', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(panel, office, 'Office');
  await anApplication(office);
  office.ctx.db
    .prepare('INSERT INTO personal_data (digest, salt, body) VALUES (?, ?, ?)')
    .run('ab'.repeat(32), 'cd'.repeat(16), JSON.stringify({ contactName: 'Left Over', contactEmail: 'left.over@example.org' }));
  expect(await sealedTo(office, panel)).toBe(1);
  expect(emails(panel)).toEqual(['amira.khan@example.org']);
});

test('both versions of contact details in conflict are kept until a person chooses; then the other is erased on both laptops', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office');
  const id = await anApplication(office);
  await sealedTo(office, panel);
  await editContact(office, id, 'office@example.org');
  await editContact(panel, id, 'panel@example.org');
  await sealedTo(panel, office);
  await sealedTo(office, panel);
  for (const c of [office, panel]) expect(emails(c).sort()).toEqual(['office@example.org', 'panel@example.org']);

  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  await office.call('conflicts.resolve', { id: conflict!.id, choices: { contactDigest: 'incoming' } });
  expect(emails(office)).toEqual(['panel@example.org']);
  await sealedTo(office, panel);
  expect(emails(panel)).toEqual(['panel@example.org']);
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});
