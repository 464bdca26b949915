// The audit trail (issue 12): who did what, when and on which laptop, newest first, filtered by
// person, application and kind of change; pages that neither repeat nor skip a change (even where
// two laptops' clocks read the same); each decision's signature shown valid or not, with why; no
// contact details for people who may not read them; only those who audit may read it.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AuditPage, AuditQuery, AuditRow } from '../../shared/contract/audit';
import { decisionText } from '../../shared/domain/decisions';
import { officerOf, write } from '../../electron/core/context';
import { newPersonKey } from '../../electron/core/crypto/credential';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';
import { makeCore, switchPerson, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { coventryRound } from '../support/rounds';
import { steppingClock } from '../support/clock';
import { validDraft } from '../support/drafts';
import { screenEligible } from '../support/panels';
import { trustLaptop } from '../support/laptops';
import { draftOf } from '../../shared/domain/application';

const FIRST = 'a first passphrase given';
const OWN = 'the chief executive’s own words';
const MEMBER = 'a panel member’s passphrase';
const cores: TestCore[] = [];
let core: TestCore;
let roundId: string;
let foleshill: { id: string; reference: string };
let tile: { id: string; reference: string };
let chiefId: string;
let memberId: string;
let officerId: string;

/** A first sign-in: the given passphrase is changed for the person's own (`own`). */
async function signInFirst(c: TestCore, personId: string, given: string, own: string) {
  await switchPerson(c, personId, given);
  await c.call('session.changePassphrase', { current: given, next: own });
}

beforeEach(async () => {
  core = makeCore(tempDir(), steppingClock('2026-11-28T10:00:00.000Z'));
  cores.push(core);
  officerId = officerOf(core.ctx.device.id);
  roundId = await coventryRound(core);
  foleshill = await core.call(
    'applications.create',
    validDraft(roundId, { areaId: 'coventry', organisationName: 'Foleshill Residents’ Association' }),
  );
  await screenEligible(core, foleshill.id);
  tile = await core.call('applications.create', validDraft(roundId, { areaId: 'coventry', organisationName: 'Tile Hill Youth Club' }));
  const detail = await core.call('applications.get', { id: tile.id });
  await core.call('applications.update', { id: tile.id, application: { ...draftOf(detail), contactEmail: 'secret.person@example.org' } });
  memberId = (await core.call('people.add', { name: 'Priya Shah', roles: ['panel-member'], areas: [], passphrase: MEMBER })).id;
  chiefId = (await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: FIRST })).id;
  await switchPerson(core, chiefId, FIRST);
  await core.call('session.changePassphrase', { current: FIRST, next: OWN });
});
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const list = (c: TestCore, q: AuditQuery = {}) => c.call('audit.list', q);

/** Every page, following the cursor. */
async function allPages(c: TestCore, q: AuditQuery): Promise<AuditRow[][]> {
  const pages: AuditPage[] = [await list(c, q)];
  while (pages[pages.length - 1]!.next) pages.push(await list(c, { ...q, before: pages[pages.length - 1]!.next! }));
  return pages.map((p) => p.rows);
}

/** A decision in the Chief Executive's name signed with a key they never held (a lying laptop's). */
async function signWithAStolenKey(): Promise<void> {
  const signed = await core.call('decisions.sign', {
    applicationId: foleshill.id,
    decision: 'approve',
    amountPence: 100_000,
    passphrase: OWN,
  });
  const thief = newPersonKey();
  const { id, valid, superseded, areaId, ...facts } = { ...signed, amountPence: 499_900, signedAt: '2026-11-28T11:30:00.000Z' };
  void [id, valid, superseded, areaId];
  const payload = {
    ...facts,
    publicKey: minisignPublicKey(thief.publicKey),
    signature: signMinisign({ secretKey: thief.secretKey, message: Buffer.from(decisionText(facts)), trustedComment: 'decision' }),
    supersedes: [signed.id],
  };
  write(core.ctx, () => core.ctx.log.append(chiefId, 'decision.signed', `decision:${foleshill.id}`, payload));
}

test('an application’s trail holds everything about it, newest first, and each decision’s signature valid or not, with why', async () => {
  await signWithAStolenKey();
  const { rows, next } = await list(core, { applicationId: foleshill.id });
  expect(next).toBeNull();
  expect(rows.every((r) => r.application?.id === foleshill.id && r.application.reference === foleshill.reference)).toBe(true);
  expect(rows.map((r) => r.kindNoun)).toEqual(['Decision', 'Decision', 'Eligibility screening', 'Application']);
  const [stolen, genuine, screened, received] = rows;
  expect(screened).toMatchObject({ by: 'Grants officer', signature: null });
  expect(genuine).toMatchObject({ by: 'Sam Okoro', on: 'this laptop', signature: { valid: true, problem: null } });
  expect(genuine!.what).toEqual(['Approved £1,000.00 — signed by Sam Okoro']);
  expect(stolen!.signature).toEqual({ valid: false, problem: 'a decision signed with a key its signer did not hold' });
  expect(received).toMatchObject({ by: 'Grants officer', what: ['Received'], signature: null });
  expect(received!.application!.organisation).toBe('Foleshill Residents’ Association');
  // Newest first, by the clock.
  expect([...rows].sort((a, b) => b.at.localeCompare(a.at)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  // The same by its reference, as a person types it.
  expect((await list(core, { reference: foleshill.reference.toLowerCase() })).rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
});

test('filters by person and by kind of change, and the filters combine', async () => {
  await core.call('decisions.sign', { applicationId: tile.id, decision: 'decline', reason: 'Outside the fund’s aims', passphrase: OWN });
  const chief = await allPages(core, { personId: chiefId, limit: 3 });
  const chiefRows = chief.flat();
  expect(chiefRows.length).toBeGreaterThan(2);
  expect(chiefRows.every((r) => r.personId === chiefId && r.by === 'Sam Okoro')).toBe(true);
  expect(chiefRows.map((r) => r.what[0])).toContain('Signed in');
  const decisions = (await list(core, { kind: 'decision' })).rows;
  expect(decisions.map((r) => [r.application!.reference, r.what[0]])).toEqual([
    [tile.reference, 'Declined: “Outside the fund’s aims” — signed by Sam Okoro'],
  ]);
  const officersApplications = (await list(core, { personId: officerId, kind: 'application' })).rows;
  expect(officersApplications.map((r) => r.application!.reference).sort()).toEqual(
    [foleshill.reference, tile.reference, tile.reference].sort(),
  );
  expect((await list(core, { personId: chiefId, kind: 'application' })).rows).toEqual([]);
  expect((await list(core, { applicationId: tile.id, kind: 'decision' })).rows.map((r) => r.kindNoun)).toEqual(['Decision']);
  expect((await list(core, { applicationId: tile.id, kind: 'round' })).rows).toEqual([]);
  expect((await list(core, { applicationId: tile.id, personId: chiefId })).rows.map((r) => r.kindNoun)).toEqual(['Decision']);
  // A person's sign-ins and passphrases are theirs; keys and secrets are never shown.
  const people = (await list(core, { kind: 'person', limit: 200 })).rows;
  expect(people.map((r) => r.what.join(' ')).join('\n')).not.toMatch(/RW[Q-T][A-Za-z0-9+/]{20}|[0-9a-f]{64}/);
});

test('paging is stable and complete: no change twice or missing, even where two laptops’ clocks read the same', async () => {
  // A second laptop on the same clock: its events carry the very clock readings this one's do.
  const other = makeCore(tempDir(), steppingClock('2026-11-28T10:00:00.000Z'));
  cores.push(other);
  await switchPerson(core, officerId, TEST_OFFICER.passphrase);
  await trustLaptop(other, core, 'Office');
  await trustLaptop(core, other, 'Coventry panel laptop');
  await other.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'ACF spring 2027',
    opens: '2027-01-01',
    closes: '2027-03-31',
    budgets: [{ areaId: 'walsall', amountPence: 1_000_000 }],
  });
  const usb = tempDir();
  await other.call('bundles.export', { file: join(usb, 'other.gpbundle') });
  await core.call('bundles.import', { file: join(usb, 'other.gpbundle') });
  const shared = core.ctx.db
    .prepare('SELECT count(*) AS n FROM (SELECT hlc FROM events GROUP BY hlc HAVING count(DISTINCT device_id) > 1)')
    .get() as { n: number };
  expect(shared.n).toBeGreaterThan(3);
  const total = (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const whole = (await list(core, { limit: 200 })).rows;
  expect(whole).toHaveLength(total);
  for (const limit of [1, 2, 7]) {
    const pages = await allPages(core, { limit });
    expect(pages.every((p) => p.length <= limit)).toBe(true);
    expect(pages.flat().map((r) => r.id)).toEqual(whole.map((r) => r.id));
  }
  expect(new Set(whole.map((r) => r.id)).size).toBe(total);
  expect(whole.some((r) => r.on === 'Coventry panel laptop' && !r.thisLaptop)).toBe(true);
  // The same by person: the other laptop's officer.
  const theirs = whole.filter((r) => r.on === 'Coventry panel laptop').map((r) => r.personId);
  const theirOfficer = theirs[0]!;
  const byPerson = await allPages(core, { personId: theirOfficer, limit: 2 });
  expect(byPerson.flat().map((r) => r.id)).toEqual(whole.filter((r) => r.personId === theirOfficer).map((r) => r.id));
});

test('contact details only for those who may read personal data', async () => {
  // The Chief Executive (no read-personal-data) sees that the contact details changed, not what to.
  const chiefSees = (await list(core, { applicationId: tile.id })).rows.flatMap((r) => r.what).join('\n');
  expect(chiefSees).toContain('Contact details changed');
  expect(chiefSees).not.toContain('secret.person@example.org');
  await switchPerson(core, officerId, TEST_OFFICER.passphrase);
  const officerSees = (await list(core, { applicationId: tile.id })).rows.flatMap((r) => r.what).join('\n');
  expect(officerSees).toContain('secret.person@example.org');
});

test('a panel member may not read the trail or check the log; bad filters are named', async () => {
  await signInFirst(core, memberId, MEMBER, `${MEMBER}, now mine`);
  for (const method of ['audit.list', 'audit.verify'] as const) {
    const refused = await core.dispatch(method, {});
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  }
  await switchPerson(core, officerId, TEST_OFFICER.passphrase);
  const problem = async (q: unknown) => {
    const r = await core.dispatch('audit.list', q);
    return r.ok ? null : { code: r.error.code, fields: r.error.details?.map((d) => d.field) };
  };
  expect(await problem({ limit: 0 })).toEqual({ code: 'VALIDATION', fields: ['limit'] });
  expect(await problem({ limit: 201 })).toEqual({ code: 'VALIDATION', fields: ['limit'] });
  expect(await problem({ personId: 'nobody-here' })).toEqual({ code: 'VALIDATION', fields: ['personId'] });
  expect(await problem({ applicationId: 'no-such-application' })).toEqual({ code: 'VALIDATION', fields: ['applicationId'] });
  expect(await problem({ reference: 'ACF-1999-9999' })).toEqual({ code: 'VALIDATION', fields: ['reference'] });
  expect(await problem({ kind: 'gossip' })).toEqual({ code: 'VALIDATION', fields: ['kind'] });
  expect(await problem({ before: { hlc: 'x', deviceId: 'y', seq: 0 } })).toEqual({ code: 'VALIDATION', fields: ['before.seq'] });
  // The auditor reads it, and checks the log.
  const auditorId = (await core.call('people.add', { name: 'Ade Bello', roles: ['auditor'], areas: [], passphrase: MEMBER })).id;
  await signInFirst(core, auditorId, MEMBER, `${MEMBER}, the auditor’s`);
  expect((await list(core, { limit: 1 })).rows).toHaveLength(1);
  expect((await core.call('audit.verify', {})).ok).toBe(true);
  expect(roundId).toBeTruthy();
});
