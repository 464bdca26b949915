// export-roster, verify-roster and import-roster: in-process for the behaviour, and the bundled CLI
// as a child process for the exit codes a shell sees.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliIn } from '../support/cli-in';
import { builtCommand, officerArgs } from '../support/built-cli';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-cli-roster-'));
  temps.push(dir);
  return dir;
}

/** A laptop: its data folder and `grantpanel --data-dir …` run in-process, in that folder. */
function laptop() {
  const dataDir = temp();
  const gp = cliIn(dataDir);
  const key = async () => /Public key \(minisign\): (\S+)/.exec((await gp('device', 'show')).out)?.[1] ?? '';
  const id = async () => /Device id: (\S+)/.exec((await gp('device', 'show')).out)?.[1] ?? '';
  return { dataDir, gp, key, id };
}

/** An office laptop trusting two panel laptops, and the roster it exported. */
async function office() {
  const hq = laptop();
  const coventry = laptop();
  const walsall = laptop();
  expect((await hq.gp('trust', await coventry.key(), '--name', 'Coventry panel laptop')).code).toBe(0);
  expect((await hq.gp('trust', await walsall.key(), '--name', 'Walsall panel laptop')).code).toBe(0);
  const exported = await hq.gp('export-roster', '--out', 'office.gproster');
  return { hq, coventry, walsall, exported, file: join(hq.dataDir, 'office.gproster') };
}

describe('roster commands', () => {
  test('export-roster, then a new laptop verifies it, is refused until it trusts the office, then imports it once', async () => {
    const { hq, coventry, walsall, exported, file } = await office();
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toMatch(/^Wrote and checked the roster: 3 laptops\.\nRoster: .*office\.gproster\n/);
    expect(exported.out).toContain(`Coventry panel laptop: device ${await coventry.id()}`);
    expect(exported.out).toMatch(/Signed by: device [0-9a-f]{16} \(key fingerprint [0-9A-F ]+\) — this laptop, Grants officer/);

    const newcomer = laptop();
    const unknown = await newcomer.gp('verify-roster', file);
    expect(unknown).toMatchObject({ code: 0, err: '' });
    expect(unknown.out).toMatch(/signature is good\. This laptop does not trust the laptop that signed it/);
    expect(unknown.out).toContain('— NOT trusted here');

    const refused = await newcomer.gp('import-roster', file);
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toMatch(/This roster comes from device [0-9a-f]{16} \(key fingerprint [0-9A-F ]+, exported by Grants officer\)/);
    expect(refused.err).toContain(`grantpanel trust ${await hq.key()}`);

    expect((await newcomer.gp('trust', await hq.key(), '--name', 'Office laptop')).code).toBe(0);
    expect((await newcomer.gp('verify-roster', file)).out).toMatch(/signature is good\. 2 laptops not trusted here yet\./);
    // Before the roster, there is no office key to seal to.
    expect(await newcomer.gp('export-bundle', '--out', 'early.gpbundle.age', '--office')).toMatchObject({
      code: 1,
      err: expect.stringContaining('no office key yet'),
    });
    const imported = await newcomer.gp('import-roster', file);
    expect(imported.out).toContain('The office key came with it');
    // Sealed to the office without typing its key: the office opens it.
    const sealed = await newcomer.gp('export-bundle', '--out', 'to-office.gpbundle.age', '--office');
    expect(sealed).toMatchObject({ code: 0, err: '' });
    expect((await hq.gp('trust', await newcomer.key(), '--name', 'New laptop')).code).toBe(0);
    expect((await hq.gp('verify-bundle', join(newcomer.dataDir, 'to-office.gpbundle.age'))).code).toBe(0);
    expect((await coventry.gp('verify-bundle', join(newcomer.dataDir, 'to-office.gpbundle.age'))).code).toBe(1);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^Trusted 2 new laptops \(1 laptop already trusted\)\.\n/);
    expect(imported.out).toContain(`Walsall panel laptop: device ${await walsall.id()}`);
    expect(imported.out).toMatch(/Walsall panel laptop: .* — trusted now/);
    expect((await newcomer.gp('import-roster', file)).out).toMatch(/^Trusted 0 new laptops \(3 laptops already trusted\)\.\n/);

    // Now a panel's bundle is accepted without trusting the panel by hand.
    expect((await walsall.gp('demo')).code).toBe(0);
    expect((await walsall.gp('export-bundle', '--out', 'walsall.gpbundle')).code).toBe(0);
    expect((await newcomer.gp('import-bundle', join(walsall.dataDir, 'walsall.gpbundle'))).code).toBe(0);
  });

  test('a damaged roster, a wrong file name, an existing file: exit 1 with the reason; no --out or FILE: exit 2', async () => {
    const { hq, file } = await office();
    writeFileSync(join(hq.dataDir, 'junk.gproster'), 'not a zip');
    const bad = await hq.gp('verify-roster', 'junk.gproster');
    expect(bad).toMatchObject({ code: 1, out: '' });
    expect(bad.err).toMatch(/^This roster cannot be used: it is not a GrantPanel roster/);
    const damaged = Buffer.from(readFileSync(file));
    damaged[100] = (damaged[100] ?? 0) ^ 0xff; // inside roster.json's compressed bytes
    writeFileSync(join(hq.dataDir, 'damaged.gproster'), damaged);
    expect(await hq.gp('import-roster', 'damaged.gproster')).toMatchObject({ code: 1, err: expect.stringMatching(/cannot be used/) });
    expect(await hq.gp('export-roster', '--out', 'office.gproster')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/never overwrites a roster/),
    });
    expect(await hq.gp('export-roster', '--out', 'office.zip')).toMatchObject({ code: 1, err: expect.stringMatching(/end in \.gproster/) });
    expect(await hq.gp('export-roster')).toMatchObject({ code: 2, err: expect.stringContaining('Give the file to write with --out FILE') });
    expect(await hq.gp('import-roster')).toMatchObject({ code: 2, err: expect.stringContaining('Missing FILE') });
  });

  test.each([['export-roster'], ['verify-roster'], ['import-roster']])(
    'grantpanel %s --help exits 0 with usage and examples',
    async (word) => {
      const r = await laptop().gp(word, '--help');
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/Usage: grantpanel /);
      expect(r.out).toContain('Examples:');
      expect((await laptop().gp('--help')).out).toContain(word);
    },
  );
});

describe('the built command', () => {
  const node = builtCommand('grantpanel-cli-roster-test');

  test('export-roster exits 0; importing a roster from an unknown laptop exits 1 with the reason and no stack trace', async () => {
    const office = temp();
    const panel = temp();
    const file = join(office, 'office.gproster');
    const exported = await node(['--data-dir', office, ...(await officerArgs(office)), 'export-roster', '--out', file]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('Wrote and checked the roster: 1 laptop.');
    const asPanelOfficer = await officerArgs(panel);
    const refused = await node(['--data-dir', panel, ...asPanelOfficer, 'import-roster', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/does not trust yet\. Nothing was imported/);
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect((await node(['--data-dir', panel, ...asPanelOfficer, 'verify-roster', file])).code).toBe(0);
  });
});
