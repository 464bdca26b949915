// `grantpanel list applications` shows each application's stage and filters by it (`--stage`).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliIn } from '../support/cli-in';
import { makeCore, tempDir, TEST_OFFICER } from '../support/core';
import { steppingClock } from '../support/clock';
import { validDraft } from '../support/drafts';
import { screenEligible } from '../support/panels';

const FIRST = 'a first passphrase given';
const OWN = 'the chief executive’s own words';
let dataDir: string;
let references: { offered: string; received: string };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

beforeAll(async () => {
  dataDir = tempDir('grantpanel-statuses-cli-');
  const core = makeCore(dataDir, steppingClock('2026-11-28T10:00:00.000Z', 60_000));
  await core.ready();
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'ACF winter 2026',
    opens: '2026-10-01',
    closes: '2026-12-18',
  });
  const a = await core.call('applications.create', validDraft(round.id, { organisationName: 'Foleshill Residents’ Association' }));
  const b = await core.call('applications.create', validDraft(round.id, { organisationName: 'Bloxwich Recovery Collective' }));
  await screenEligible(core, a.id);
  references = { offered: a.reference, received: b.reference };
  const chief = await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: FIRST });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: chief.id, passphrase: FIRST });
  await core.call('session.changePassphrase', { current: FIRST, next: OWN });
  const d = await core.call('decisions.sign', { applicationId: a.id, decision: 'approve', amountPence: 125_000, passphrase: OWN });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: `officer-${core.ctx.device.id}`, passphrase: TEST_OFFICER.passphrase });
  await core.call('offers.recordSent', { applicationId: a.id, decisionId: d.id, sentOn: '2026-11-28' });
  core.close();
});

test('list applications shows each stage, in words in the table and as its id in JSON; --stage filters by it', async () => {
  const gp = cliIn(dataDir);
  const table = await gp('list', 'applications');
  expect(table.code).toBe(0);
  expect(table.out).toMatch(new RegExp(`${references.offered}.*Offered`));
  expect(table.out).toMatch(new RegExp(`${references.received}.*Received`));
  const offered = JSON.parse((await gp('list', 'applications', '--stage', 'offered', '--format', 'json')).out) as {
    reference: string;
    stage: string;
    status: string;
  }[];
  expect(offered.map((a) => [a.reference, a.stage, a.status])).toEqual([[references.offered, 'offered', 'received']]);
  expect((await gp('list', 'applications', '--stage', 'accepted')).out).toBe('No applications to list.\n');
});

test('--stage must be a stage, and only for applications: a usage error (exit 2) naming the stages', async () => {
  const gp = cliIn(dataDir);
  const wrong = await gp('list', 'applications', '--stage', 'paid');
  expect(wrong.code).toBe(2);
  expect(wrong.err).toContain(
    '--stage must be one of received, eligible, ineligible, scored, recommended, not-recommended, approved, amended, declined, offered, accepted, withdrawn, not "paid"',
  );
  const elsewhere = await gp('list', 'rounds', '--stage', 'offered');
  expect(elsewhere.code).toBe(2);
  expect(elsewhere.err).toContain('--stage applies only to list applications');
});
