// `grantpanel decisions` and `grantpanel export-key` (issue 12): a round's decisions in each format
// with their signatures checked, and the Chief Executive's .pub file that minisign checks a
// decision with.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cliIn } from '../support/cli-in';
import { makeCore, tempDir, TEST_OFFICER } from '../support/core';
import { steppingClock } from '../support/clock';
import { validDraft } from '../support/drafts';
import { screenEligible } from '../support/panels';
import { DECISION_FIELDS } from '../../electron/core/cli/decisions';
import { DEFAULT_LETTER_TEMPLATE } from '../../shared/domain/letters';

const FIRST = 'a first passphrase given';
const OWN = 'the chief executive’s own words';
const ROUND = 'ACF winter 2026';
const dirs: string[] = [];
let dataDir: string;
let files: { text: string; signature: string };
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(async () => {
  dataDir = tempDir('grantpanel-decisions-cli-');
  dirs.push(dataDir);
  const core = makeCore(dataDir, steppingClock('2026-11-28T10:00:00.000Z', 60_000));
  await core.ready();
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: ROUND,
    opens: '2026-10-01',
    closes: '2026-12-18',
  });
  const a = await core.call('applications.create', validDraft(round.id, { organisationName: '=HYPERLINK("http://evil.example")' }));
  const b = await core.call('applications.create', validDraft(round.id, { organisationName: 'Foleshill Residents’ Association' }));
  await screenEligible(core, b.id);
  const chief = await core.call('people.add', { name: 'Sam Okoro', roles: ['chief-executive'], areas: [], passphrase: FIRST });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: chief.id, passphrase: FIRST });
  await core.call('session.changePassphrase', { current: FIRST, next: OWN });
  await core.call('decisions.sign', { applicationId: a.id, decision: 'decline', reason: 'Not a community project', passphrase: OWN });
  const approved = await core.call('decisions.sign', { applicationId: b.id, decision: 'approve', amountPence: 125_000, passphrase: OWN });
  files = await core.call('decisions.files', { id: approved.id });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: `officer-${core.ctx.device.id}`, passphrase: TEST_OFFICER.passphrase });
  core.close();
});

test('decisions lists a round’s decisions with their signatures checked, as a table, JSON and defused CSV', async () => {
  const gp = cliIn(dataDir);
  const shown = await gp('decisions', '--round', ROUND);
  expect(shown.code).toBe(0);
  expect(shown.out).toMatch(/Declined\s+£0\.00\s+Not a community project\s+Sam Okoro\s+28 Nov 2026, 10:\d\d\s+valid\s+standing/);
  expect(shown.out).toMatch(/Approved\s+£1,250\.00/);
  const asJson = JSON.parse((await gp('decisions', '--round', ROUND, '--format', 'json')).out) as Record<string, unknown>[];
  expect(asJson.map((d) => [d.decision, d.amount_pence, d.signature])).toEqual([
    ['decline', 0, 'valid'],
    ['approve', 125_000, 'valid'],
  ]);
  const csv = (await gp('decisions', '--round', ROUND, '--format', 'csv')).out;
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0]!)).toEqual(DECISION_FIELDS);
  expect(rows[0]!.organisation).toBe(`'=HYPERLINK("http://evil.example")`);
  expect((await gp('decisions')).code).toBe(2);
});

test('export-key writes the Chief Executive’s .pub file, which minisign checks a decision with', async () => {
  const gp = cliIn(dataDir);
  const done = await gp('export-key', '--person', 'sam okoro', '--out', 'chief.pub');
  expect(done.code).toBe(0);
  expect(done.out).toContain('Wrote Sam Okoro’s public key');
  const pub = join(dataDir, 'chief.pub');
  expect(readFileSync(pub, 'utf8')).toMatch(/^untrusted comment: GrantPanel public key of Sam Okoro\nRW/);
  const [text, sig] = [join(dataDir, 'decision.txt'), join(dataDir, 'decision.txt.minisig')];
  writeFileSync(text, files.text);
  writeFileSync(sig, files.signature);
  expect(execFileSync('minisign', ['-V', '-m', text, '-x', sig, '-p', pub], { encoding: 'utf8' })).toMatch(/verified/);
  // Never over a file already there.
  const again = await gp('export-key', '--person', 'Sam Okoro', '--out', 'chief.pub');
  expect([again.code, again.err]).toEqual([1, expect.stringContaining('There is already a file')]);
});

test('audit verify prints OK and what it checked; after one event is altered in the database, the first broken link (exit 1)', async () => {
  const gp = cliIn(dataDir);
  const ok = await gp('audit', 'verify');
  expect([ok.code, ok.out]).toEqual([
    0,
    expect.stringMatching(/^OK: [\d,]+ events from 1 laptop, 0 signed heads and 2 signed decisions checked\.\n$/),
  ]);
  const core = makeCore(dataDir);
  const seq = (
    core.ctx.db.prepare("SELECT seq FROM events WHERE type = 'decision.signed' ORDER BY seq DESC LIMIT 1").get() as { seq: number }
  ).seq;
  core.ctx.db.prepare("UPDATE events SET payload = replace(payload, '125000', '999900') WHERE seq = ?").run(seq);
  core.close();
  const broken = await gp('audit', 'verify');
  expect(broken.code).toBe(1);
  expect(broken.err).toContain(`Broken: this laptop, event ${seq}: content does not match its hash`);
});

test('letters writes an offer (with its reason, payments, conditions and acceptance slip) and a decline letter, read back as text', async () => {
  const gp = cliIn(dataDir);
  const done = await gp('letters', '--round', ROUND, '--area', 'Coventry', '--out', 'letters');
  expect(done.err).toBe('');
  expect(done.code).toBe(0);
  expect(done.out).toContain('Wrote 1 offer letter and 1 decline letter');
  const folder = join(dataDir, 'letters');
  const files = readdirSync(folder).sort();
  expect(files).toEqual([expect.stringMatching(/^ACF-2026-\d{4}-decline\.pdf$/), expect.stringMatching(/^ACF-2026-\d{4}-offer\.pdf$/)]);
  const text = (f: string) => execFileSync('pdftotext', ['-layout', join(folder, f), '-'], { encoding: 'utf8' });
  const offer = text(files[1]!);
  expect(offer).toContain('Foleshill Residents’ Association');
  expect(offer).toContain('a grant of £1,250.00');
  expect(offer).toMatch(/50% when we receive your signed acceptance slip.*£625\.00/);
  expect(offer).toContain('Conditions of grant');
  expect(offer).toContain('Acceptance slip');
  expect(offer).toContain('Sam Okoro, Chief Executive');
  const decline = text(files[0]!);
  expect(decline).toContain('we cannot fund it this time');
  expect(decline).toContain('Not a community project');
  // Never over letters already there.
  const again = await gp('letters', '--round', ROUND, '--out', 'letters');
  expect([again.code, again.err]).toEqual([1, expect.stringContaining('is already there')]);
});

test('letters follow the fund’s letter template: a condition and payment schedule changed in the app are in the letters the CLI writes', async () => {
  const core = makeCore(dataDir);
  await core.ready();
  await core.call('letterTemplates.save', {
    fundId: 'acf',
    template: {
      ...DEFAULT_LETTER_TEMPLATE,
      conditions: ['Invite the neighbourhood policing team to the opening session.'],
      payments: [{ percent: 100, when: 'in full on acceptance' }],
    },
  });
  core.close();
  const gp = cliIn(dataDir);
  const done = await gp('letters', '--round', ROUND, '--out', 'letters-after-template');
  expect([done.code, done.err]).toEqual([0, '']);
  const folder = join(dataDir, 'letters-after-template');
  const offer = readdirSync(folder).find((f) => f.endsWith('-offer.pdf'))!;
  const text = execFileSync('pdftotext', ['-layout', join(folder, offer), '-'], { encoding: 'utf8' });
  expect(text).toContain('Invite the neighbourhood policing team to the opening session.');
  expect(text).toMatch(/100% in full on acceptance.*£1,250\.00/);
  expect(text).not.toContain('50% when we receive your signed acceptance slip');
});
