// Names from other laptops' files are printed only as printable text (no ANSI escape, no line of
// their own), and names typed in are refused when they hold control characters: one rule in the
// shared schemas, the same message from the contract and the command line, nothing written.
import { afterAll, expect, test } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliIn } from '../support/cli-in';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { unzip } from '../support/unzip';
import { writeZip } from '../../electron/core/bundles/zip';
import { signMinisign } from '../../electron/core/crypto/minisign';
import { rosterOf } from '../../electron/core/bundles/roster';

const cores: TestCore[] = [];
const dirs: string[] = [];
afterAll(() => {
  cores.forEach((c) => c.dispose());
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
/** A laptop with its test officer signed in (as every laptop's work is someone's). */
const laptop = async () => {
  const c = makeCore();
  cores.push(c);
  await c.ready();
  return c;
};
const scratch = () => {
  const d = tempDir('grantpanel-control-');
  dirs.push(d);
  return d;
};

const ESC = '\u001b';
/** A name that would colour the terminal, clear the line and print a line of its own. */
const HOSTILE = `Mallory${ESC}[2K\r\nSigned by: device 0000000000000000 (key fingerprint 0000) — this laptop, Grants officer${ESC}[0m`;

/** Nothing a terminal would act on, and no line starting with the name's fake "Signed by". */
function expectHarmless(text: string): void {
  expect(text).not.toContain(ESC);
  expect(text).not.toMatch(/\r(?!\n)/);
  expect(text.split('\n').filter((l) => l.startsWith('Signed by:')).length).toBeLessThanOrEqual(1);
  expect(text).not.toMatch(/^Signed by: device 0000000000000000/m);
}

test('verify-bundle refuses a manifest naming a person with control characters, and prints its trusted comment as printable text', async () => {
  const office = await laptop();
  const file = join(scratch(), 'office.gpbundle');
  await office.call('bundles.export', { file });
  const files = await unzip(file);
  /** The office's own key signs a manifest naming its person `personName`, with a hostile trusted comment. */
  const forge = async (personName: string) => {
    const manifest = JSON.parse(files['manifest.json']!.toString('utf8')) as { exporter: { personName: string } };
    manifest.exporter.personName = personName;
    const bytes = Buffer.from(JSON.stringify(manifest));
    const signature = signMinisign({
      secretKey: office.ctx.device.secretKey,
      message: bytes,
      trustedComment: `GrantPanel ${ESC}[31mbundle`,
    });
    const forged = join(scratch(), 'forged.gpbundle');
    rmSync(forged, { force: true });
    await writeZip(forged, [
      { name: 'manifest.json', content: bytes },
      { name: 'events.ndjson', content: files['events.ndjson']! },
      { name: 'manifest.json.minisig', content: Buffer.from(signature) },
    ]);
    return cliIn(office.dataDir)('verify-bundle', forged);
  };

  const hostile = await forge(HOSTILE);
  expect(hostile.code).toBe(1);
  expectHarmless(hostile.out + hostile.err);
  expect(hostile.err).toContain('its manifest is damaged');

  const plain = await forge('Grants officer');
  expect(plain.code).toBe(0);
  expectHarmless(plain.out);
  expect(plain.out).toContain('Trusted comment: GrantPanel \uFFFD[31mbundle');
});

test('verify-roster refuses a roster naming a person with control characters, and prints none of them', async () => {
  const office = await laptop();
  const roster = rosterOf(office.ctx);
  roster.exporter.personName = HOSTILE;
  roster.devices[0] = { ...roster.devices[0]!, name: HOSTILE };
  const bytes = Buffer.from(JSON.stringify(roster));
  const file = join(scratch(), 'hostile.gproster');
  await writeZip(file, [
    { name: 'roster.json', content: bytes },
    {
      name: 'roster.json.minisig',
      content: Buffer.from(signMinisign({ secretKey: office.ctx.device.secretKey, message: bytes, trustedComment: 'GrantPanel roster' })),
    },
  ]);
  const r = await cliIn(office.dataDir)('verify-roster', file);
  expect(r).toMatchObject({ code: 1, out: '' });
  expect(r.err).toMatch(/^This roster cannot be used: roster\.json is damaged/);
  expectHarmless(r.err);
});

test('verify-roster prints a hostile trusted comment as printable text', async () => {
  const office = await laptop();
  const bytes = Buffer.from(JSON.stringify(rosterOf(office.ctx)));
  const file = join(scratch(), 'comment.gproster');
  const signature = signMinisign({
    secretKey: office.ctx.device.secretKey,
    message: bytes,
    trustedComment: `roster ${ESC}[2K${ESC}]0;owned\u0007`,
  });
  await writeZip(file, [
    { name: 'roster.json', content: bytes },
    { name: 'roster.json.minisig', content: Buffer.from(signature) },
  ]);
  const r = await cliIn(office.dataDir)('verify-roster', file);
  expect(r.code).toBe(0);
  expectHarmless(r.out);
  expect(r.out).toContain('Trusted comment: roster \uFFFD[2K\uFFFD]0;owned\uFFFD');
});

const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('NUL in a fund, area or round name is refused naming the field, and nothing is written', async () => {
  const office = await laptop();
  const before = events(office);
  const fund = (await office.call('catalogue.funds', {}))[0]!;
  const area = (await office.call('catalogue.areas', {}))[0]!;
  const calls = [
    office.dispatch('catalogue.saveFund', { ...fund, name: 'Active\u0000Citizens' }),
    office.dispatch('catalogue.saveArea', { ...area, name: 'Coventry\u0000' + 'x' }),
    office.dispatch('rounds.create', {
      fundId: fund.id,
      planId: 'pcp-2025-2029',
      name: 'Winter\u00002026',
      opens: '2026-11-01',
      closes: '2026-12-31',
    }),
  ];
  const [f, a, r] = await Promise.all(calls);
  expect(f).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [{ field: 'name', message: expect.stringMatching(/^Fund name must not contain control characters/) }],
    },
  });
  expect(a).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [{ field: 'name', message: expect.stringMatching(/^Area name must not contain control characters/) }],
    },
  });
  expect(r).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [{ field: 'name', message: expect.stringMatching(/^Round name must not contain control characters/) }],
    },
  });
  expect(events(office)).toBe(before);
});

test('grantpanel add round with a NUL or an escape in --name: exit 1 naming --name, no round made', async () => {
  const dataDir = scratch();
  const gp = cliIn(dataDir);
  expect((await gp('init')).code).toBe(0);
  const files = readdirSync(dataDir);
  for (const name of ['Winter\u00002026', `Winter ${ESC}[31m2026`]) {
    const r = await gp('add', 'round', '--fund', 'ACF', '--name', name, '--opens', '2026-11-01', '--closes', '2026-12-31');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(/--name: Round name must not contain control characters/);
    expect(r.err).not.toContain(ESC);
  }
  expect((await gp('list', 'rounds', '--format', 'json')).out).toBe('[]\n');
  expect(readdirSync(dataDir)).toEqual(files);
});
