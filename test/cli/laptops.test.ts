// laptops, revoke and choose-version: a laptop restored from a backup signs a second version of
// its log; the panel refuses it, lists both, a person chooses, and a stolen laptop stops being trusted.
import { afterAll, expect, test } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliIn } from '../support/cli-in';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-cli-laptops-'));
  temps.push(dir);
  return dir;
}
function laptop(dataDir = temp()) {
  const gp = cliIn(dataDir);
  const show = async (what: RegExp) => what.exec((await gp('device', 'show')).out)?.[1] ?? '';
  return { dataDir, gp, key: () => show(/Public key \(minisign\): (\S+)/), id: () => show(/Device id: (\S+)/) };
}
const round = (name: string) => [
  'add',
  'round',
  '--name',
  name,
  '--fund',
  'acf',
  '--plan',
  'pcp-2025-2029',
  '--opens',
  '2026-11-01',
  '--closes',
  '2026-12-31',
];

test('two versions are listed with their first differing change; choose-version settles them; revoke refuses later bundles', async () => {
  const office = laptop();
  const panel = laptop();
  expect((await office.gp('list', 'funds')).code).toBe(0);
  expect((await panel.gp('trust', await office.key(), '--name', 'Office laptop')).code).toBe(0);
  const usb = temp();
  const twin = laptop(join(temp(), 'twin'));
  cpSync(office.dataDir, twin.dataDir, { recursive: true });
  expect((await office.gp(...round('Old laptop round'))).code).toBe(0);
  expect((await twin.gp(...round('Restored laptop round'))).code).toBe(0);
  expect((await office.gp('export-bundle', '--out', join(usb, 'old.gpbundle'))).code).toBe(0);
  expect((await twin.gp('export-bundle', '--out', join(usb, 'restored.gpbundle'))).code).toBe(0);
  expect((await panel.gp('import-bundle', join(usb, 'old.gpbundle'))).code).toBe(0);
  const refused = await panel.gp('import-bundle', join(usb, 'restored.gpbundle'));
  expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('(Office laptop) has signed two different versions of its log') });

  const listed = (await panel.gp('laptops')).out;
  expect(listed).toContain('Trusted here:\n  Office laptop: device');
  expect(listed).toMatch(/Office laptop \(device [0-9a-f]{16}\), from change (\d+), found .*: no choice made yet/);
  expect(listed).toContain('held here: round added: Old laptop round');
  expect(listed).toContain('arrived: round added: Restored laptop round');
  const seq = /from change (\d+)/.exec(listed)?.[1] ?? '';

  expect(await panel.gp('choose-version', await office.id(), seq)).toMatchObject({
    code: 2,
    err: expect.stringContaining('--held or --arrived'),
  });
  expect(await panel.gp('choose-version', await office.id(), seq, '--arrived')).toMatchObject({
    code: 0,
    out: expect.stringContaining('the office accepts the version that arrived'),
  });
  const again = await panel.gp('import-bundle', join(usb, 'restored.gpbundle'));
  expect(again.err).toBe('');
  expect(again.code).toBe(0);
  expect((await panel.gp('list', 'rounds')).out).toContain('Restored laptop round');
  expect(await panel.gp('import-bundle', join(usb, 'old.gpbundle'))).toMatchObject({
    code: 0,
    // The old laptop's sign-in, its round and its sign-out.
    out: expect.stringMatching(/Left out 3 changes from laptops no longer trusted here/),
  });

  expect(await panel.gp('revoke', await office.id())).toMatchObject({ code: 2, err: expect.stringContaining('--reason') });
  expect(await panel.gp('revoke', await office.id(), '--reason', 'Reported stolen')).toMatchObject({ code: 0 });
  expect((await panel.gp('laptops')).out).toContain('Trusted here:\n  none');
  expect(await panel.gp('import-bundle', join(usb, 'old.gpbundle'))).toMatchObject({
    code: 1,
    err: expect.stringContaining('which this laptop stopped trusting (Reported stolen)'),
  });
  expect(await panel.gp('revoke', await office.id(), '--reason', 'Again')).toMatchObject({
    code: 1,
    err: expect.stringContaining('nothing to revoke'),
  });
});
