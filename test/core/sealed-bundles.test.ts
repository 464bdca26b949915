import { afterEach, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { readZip } from '../../electron/core/bundles/zip';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};
const pair = async () => {
  const office = laptop();
  const panel = laptop();
  await office.call('demo.load', {});
  const officeSession = await office.call('session.current', {});
  await panel.call('devices.trust', { publicKey: officeSession.device.publicKey, name: 'Office' });
  return { office, panel, panelSession: await panel.call('session.current', {}) };
};

test('sealed to a laptop’s key, a bundle carries the contact details, and only that laptop opens it', async () => {
  const { office, panel, panelSession } = await pair();
  const usb = tempDir();
  const file = join(usb, 'for-panel.gpbundle.age');
  const dataFolder = readdirSync(office.dataDir).sort();
  const info = await office.call('bundles.export', { file, to: [panelSession.device.sealRecipient] });
  // The 40 applicants' contact details, and the office officer's sealed sign-in.
  expect(info.personalRecords).toBe(41);
  // No plain part (contact details among them) is left beside it, or in the data folder.
  expect(readdirSync(usb)).toEqual(['for-panel.gpbundle.age']);
  expect(readdirSync(office.dataDir).sort()).toEqual(dataFolder);
  expect(readFileSync(file).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  expect(readFileSync(file).toString('latin1')).not.toMatch(/@example\.org/);

  const imported = await panel.call('bundles.import', { file });
  expect(imported.bundle.personalRecords).toBe(41);
  const [row] = (await panel.call('applications.list', { limit: 1 })).rows;
  expect(await panel.call('applications.get', { id: row!.id })).toMatchObject({
    contactHeld: true,
    contactEmail: expect.stringMatching(/@example\.org$/),
  });

  // Another laptop, not a recipient, cannot open it: refused, nothing written.
  const stranger = laptop();
  const result = await stranger.dispatch('bundles.import', { file });
  expect(result).toMatchObject({ ok: false, error: { code: 'BUNDLE_INVALID', message: expect.stringMatching(/another/i) } });
});

test('sealed with a passphrase: the wrong one is refused, the right one opens it', async () => {
  const { office, panel } = await pair();
  const file = join(tempDir(), 'pass.gpbundle.age');
  await office.call('bundles.export', { file, passphrase: 'granite otter lantern quietly' });
  // The problem names its field, so a form shows it at the passphrase, whatever its words.
  expect(await panel.dispatch('bundles.import', { file, passphrase: 'wrong passphrase entirely' })).toMatchObject({
    ok: false,
    error: { code: 'BUNDLE_INVALID', details: [{ field: 'passphrase' }] },
  });
  // With none given, the passphrase is still what is missing.
  expect(await panel.dispatch('bundles.verify', { file })).toMatchObject({
    ok: false,
    error: { code: 'BUNDLE_INVALID', details: [{ field: 'passphrase', message: expect.stringContaining('enter the password') }] },
  });
  expect((await panel.call('applications.list', {})).total).toBe(0);
  expect(await panel.call('bundles.verify', { file, passphrase: 'granite otter lantern quietly' })).toMatchObject({ personalRecords: 41 });
  await panel.call('bundles.import', { file, passphrase: 'granite otter lantern quietly' });
  expect((await panel.call('applications.list', {})).total).toBe(40);
}, 60_000);

test('Debian’s age opens a sealed bundle with the laptop’s key file', async () => {
  const { office, panel, panelSession } = await pair();
  const dir = tempDir();
  const file = join(dir, 'b.gpbundle.age');
  await office.call('bundles.export', { file, to: [panelSession.device.sealRecipient] });
  expect(existsSync('/usr/bin/age'), 'install age (apt-get install age) for this interop test').toBe(true);
  execFileSync('age', ['-d', '-i', join(panel.dataDir, 'seal-key.txt'), '-o', join(dir, 'b.zip'), file]);
  const zip = await readZip(join(dir, 'b.zip'));
  expect(zip.entries.map((e) => e.name).sort()).toEqual(['events.ndjson', 'manifest.json', 'manifest.json.minisig', 'personal.ndjson']);
  zip.close();
});

test('the file name says whether a bundle is sealed, and contact details never travel open', async () => {
  const { office, panelSession } = await pair();
  const dir = tempDir();
  expect(await office.dispatch('bundles.export', { file: join(dir, 'a.gpbundle'), to: [panelSession.device.sealRecipient] })).toMatchObject(
    {
      ok: false,
      error: { code: 'VALIDATION', details: [{ field: 'file', message: 'Protected bundle files end in .gpbundle.age' }] },
    },
  );
  expect(await office.dispatch('bundles.export', { file: join(dir, 'a.gpbundle.age') })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
  expect(await office.dispatch('bundles.export', { file: join(dir, 'a.gpbundle.age'), to: ['age1nope'] })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
  // Open the sealed zip by hand and pass it on unsealed: the recipient refuses it.
  const sealed = join(dir, 'b.gpbundle.age');
  await office.call('bundles.export', { file: sealed, passphrase: 'granite otter lantern quietly' });
  const plain = join(dir, 'plain.gpbundle');
  const { openSealedFile } = await import('../../electron/core/crypto/seal');
  await openSealedFile(sealed, plain, { passphrase: 'granite otter lantern quietly' });
  const result = await office.dispatch('bundles.verify', { file: plain });
  expect(result).toMatchObject({ ok: false, error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('without being sealed') } });
}, 60_000);
