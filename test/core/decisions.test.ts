// The Chief Executive's signed decisions (issue 12): signed with their passphrase at the moment of
// signing, checkable by Debian's `minisign -V` with their .pub file (and failing after one byte of
// the text changes); nobody else can sign; a forged decision in a bundle is refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { decisionText } from '../../shared/domain/decisions';
import { officerOf, write } from '../../electron/core/context';
import { makeCore, switchPerson, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { steppingClock } from '../support/clock';
import { coventryRound } from '../support/rounds';
import { validDraft } from '../support/drafts';
import { chain, eventsOf, forgeBundle, keyOfLaptop } from '../support/forge';
import { trustLaptop } from '../support/laptops';
import { screenEligible } from '../support/panels';
import { newPersonKey } from '../../electron/core/crypto/credential';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';

const FIRST = 'a first passphrase given';
const OWN = 'the chief executive’s own words';
const cores: TestCore[] = [];
let core: TestCore;
let applicationId: string;
let chiefId: string;
let dir: string;

beforeEach(async () => {
  // A minute on at each reading: decisions signed one after another are ordered by when.
  core = makeCore(undefined, steppingClock('2026-11-28T10:00:00.000Z', 60_000));
  cores.push(core);
  dir = tempDir();
  const roundId = await coventryRound(core);
  applicationId = (
    await core.call(
      'applications.create',
      validDraft(roundId, { areaId: 'coventry', organisationName: 'Foleshill Residents’ Association' }),
    )
  ).id;
  await screenEligible(core, applicationId);
  chiefId = (await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: FIRST })).id;
  await switchPerson(core, chiefId, FIRST);
  await core.call('session.changePassphrase', { current: FIRST, next: OWN });
});
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const eventCount = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a signed decision verifies with minisign -V and the signer’s .pub file, and fails after one byte of its text changes', async () => {
  const signed = await core.call('decisions.sign', {
    applicationId,
    decision: 'amend',
    amountPence: 150_000,
    reason: 'Match funding from the council covers the rest',
    passphrase: OWN,
  });
  expect(signed).toMatchObject({ decision: 'amend', amountPence: 150_000, signerName: 'Sam Okoro', valid: true, superseded: false });
  const files = await core.call('decisions.files', { id: signed.id });
  expect(files.text).toContain('Organisation: Foleshill Residents’ Association');
  expect(files.text).toContain('Amount: £1,500.00 (150000 pence)');
  expect(files.text).toContain('Reason: Match funding from the council covers the rest');
  const [text, sig, pub] = [join(dir, 'decision.txt'), join(dir, 'decision.txt.minisig'), join(dir, 'chief.pub')];
  writeFileSync(text, files.text);
  writeFileSync(sig, files.signature);
  writeFileSync(pub, files.publicKeyFile);
  const ok = execFileSync('minisign', ['-V', '-m', text, '-x', sig, '-p', pub], { encoding: 'utf8' });
  expect(ok).toMatch(/Signature and comment signature verified/);
  expect(ok).toContain('GrantPanel decision:');
  // One byte changed: £1,500.00 becomes £1,600.00.
  const bytes = readFileSync(text);
  const at = bytes.indexOf('1,500');
  bytes[at + 2] = '6'.charCodeAt(0);
  writeFileSync(text, bytes);
  const bad = spawnSync('minisign', ['-V', '-m', text, '-x', sig, '-p', pub], { encoding: 'utf8' });
  expect(bad.status).not.toBe(0);
  expect(`${bad.stdout}${bad.stderr}`).toMatch(/verification failed/i);
});

test('a later decision supersedes the earlier; both stay, each still verifying', async () => {
  const first = await core.call('decisions.sign', { applicationId, decision: 'approve', amountPence: 200_000, passphrase: OWN });
  const second = await core.call('decisions.sign', {
    applicationId,
    decision: 'decline',
    reason: 'The group has withdrawn its match funding',
    passphrase: OWN,
  });
  const listed = await core.call('decisions.list', { roundId: first.roundId });
  expect(listed.map((d) => [d.id, d.decision, d.amountPence, d.superseded, d.valid])).toEqual([
    [first.id, 'approve', 200_000, true, true],
    [second.id, 'decline', 0, false, true],
  ]);
});

test('someone who is not the Chief Executive cannot sign: FORBIDDEN, and nothing is written', async () => {
  await switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
  const before = eventCount(core);
  const refused = await core.dispatch('decisions.sign', {
    applicationId,
    decision: 'approve',
    amountPence: 100_000,
    passphrase: TEST_OFFICER.passphrase,
  });
  expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  expect(eventCount(core)).toBe(before);
});

test('a wrong passphrase, a missing reason or amount: refused with the field named, nothing written', async () => {
  const before = eventCount(core);
  const wrong = await core.dispatch('decisions.sign', { applicationId, decision: 'approve', amountPence: 100_000, passphrase: 'not it' });
  expect(wrong.ok ? null : wrong.error.details).toEqual([{ field: 'passphrase', message: 'That passphrase is not right' }]);
  const noReason = await core.dispatch('decisions.sign', { applicationId, decision: 'decline', passphrase: OWN });
  expect(noReason.ok ? null : noReason.error.details).toEqual([{ field: 'reason', message: 'Enter why the application is declined' }]);
  const noAmount = await core.dispatch('decisions.sign', { applicationId, decision: 'amend', reason: 'Less', passphrase: OWN });
  expect(noAmount.ok ? null : noAmount.error.details).toEqual([
    { field: 'amountPence', message: 'Enter the amount awarded, more than £0' },
  ]);
  const tooMuch = await core.dispatch('decisions.sign', { applicationId, decision: 'approve', amountPence: 99_900_000, passphrase: OWN });
  expect(tooMuch.ok ? null : tooMuch.error.details?.[0]?.field).toBe('amountPence');
  expect(eventCount(core)).toBe(before);
});

test('only an application screened eligible is awarded a grant; any other may still be declined', async () => {
  await switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
  const roundId = (await core.call('applications.get', { id: applicationId })).roundId;
  const unscreened = (await core.call('applications.create', validDraft(roundId, { areaId: 'coventry' }))).id;
  const ineligible = (await core.call('applications.create', validDraft(roundId, { areaId: 'coventry' }))).id;
  const { officerChecks } = await core.call('screening.round', { roundId });
  await core.call('screening.record', { applicationId: ineligible, officerAnswers: officerChecks.map((_, i) => i !== 0), overrides: [] });
  await switchPerson(core, chiefId, OWN);
  const before = eventCount(core);
  const approve = (id: string) =>
    core.dispatch('decisions.sign', { applicationId: id, decision: 'approve', amountPence: 100_000, passphrase: OWN });
  const notYet = await approve(unscreened);
  expect(notYet.ok ? null : notYet.error.details).toEqual([
    {
      field: 'decision',
      message: expect.stringMatching(/has not been screened yet: only an application screened eligible can be awarded a grant$/),
    },
  ]);
  const refused = await approve(ineligible);
  expect(refused.ok ? null : refused.error.details).toEqual([
    { field: 'decision', message: expect.stringMatching(/was screened ineligible, so it cannot be awarded a grant — it can be declined$/) },
  ]);
  expect(eventCount(core)).toBe(before);
  const declined = await core.call('decisions.sign', {
    applicationId: ineligible,
    decision: 'decline',
    reason: 'Not eligible for the fund',
    passphrase: OWN,
  });
  expect(declined).toMatchObject({ decision: 'decline', valid: true });
});

test('a decision altered on its way (its amount raised) is refused with its bundle, with the reason', async () => {
  const signed = await core.call('decisions.sign', { applicationId, decision: 'approve', amountPence: 100_000, passphrase: OWN });
  // A second laptop the office trusts, given this one's work, then lying: the same decision at £4,999.
  const other = makeCore(undefined, () => new Date('2026-11-28T11:00:00.000Z'));
  cores.push(other);
  await switchPerson(core, officerOf(core.ctx.device.id), TEST_OFFICER.passphrase);
  await trustLaptop(core, other);
  await trustLaptop(other, core);
  const usb = tempDir();
  await core.call('bundles.export', { file: join(usb, 'office.gpbundle') });
  await other.call('bundles.import', { file: join(usb, 'office.gpbundle') });
  const original = core.ctx.db.prepare("SELECT payload FROM events WHERE type = 'decision.signed'").get() as { payload: string };
  const raised = { ...JSON.parse(original.payload), amountPence: 499_900, supersedes: [signed.id] };
  expect(decisionText(raised)).toContain('£4,999.00');
  const theirs = eventsOf(other, other.ctx.device.id);
  const last = theirs.at(-1)!;
  const forged = chain(
    other.ctx.device.id,
    [
      {
        type: 'decision.signed',
        entity: `decision:${applicationId}`,
        payload: raised,
        hlc: '2026-11-28T11:30:00.000Z-0000',
        actor: chiefId,
      },
    ],
    { seq: last.seq + 1, prevHash: last.hash },
  );
  const file = join(usb, 'forged.gpbundle');
  await forgeBundle(file, { signer: keyOfLaptop(other), events: [...theirs, ...forged] });
  const before = eventCount(core);
  const refused = await core.dispatch('bundles.import', { file });
  expect(refused.ok ? null : refused.error.message).toMatch(/decision on ACF-.* is not signed by the key it names/);
  expect(eventCount(core)).toBe(before);
});

test('a decision signed with a key the Chief Executive never held is kept, counted and not applied', async () => {
  const signed = await core.call('decisions.sign', { applicationId, decision: 'approve', amountPence: 100_000, passphrase: OWN });
  // A buggy or lying laptop writes, in the signed-in Chief Executive's name, a decision signed with
  // another key: the signature holds over the text, but the key was never theirs.
  const thief = newPersonKey();
  const { id, valid, superseded, areaId, ...facts } = { ...signed, amountPence: 499_900, signedAt: '2026-11-28T11:30:00.000Z' };
  void [id, valid, superseded, areaId];
  const payload = {
    ...facts,
    publicKey: minisignPublicKey(thief.publicKey),
    signature: signMinisign({ secretKey: thief.secretKey, message: Buffer.from(decisionText(facts)), trustedComment: 'decision' }),
    supersedes: [signed.id],
  };
  write(core.ctx, () => core.ctx.log.append(chiefId, 'decision.signed', `decision:${applicationId}`, payload));
  const listed = await core.call('decisions.list', { roundId: signed.roundId });
  expect(listed.map((d) => [d.amountPence, d.superseded])).toEqual([[100_000, false]]);
  const ignored = core.ctx.db.prepare('SELECT reason, count FROM ignored_changes').all();
  expect(ignored).toEqual([{ reason: 'a decision signed with a key its signer did not hold', count: 1 }]);
  // The audit names it.
  const audit = await core.call('audit.verify', {});
  expect(audit).toMatchObject({ ok: false, decisions: 2, problems: 1 });
  expect(audit.firstProblem).toMatch(/^this laptop, event \d+: the decision on ACF-.* is not signed by a Chief Executive’s key/);
});
