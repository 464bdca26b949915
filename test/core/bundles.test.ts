import { afterEach, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { unzip } from '../support/unzip';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { writeZip } from '../../electron/core/bundles/zip';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';

let core: TestCore;
afterEach(() => core?.dispose());

const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a bundle holds every event, signed by this device, and reads back', async () => {
  core = makeCore();
  await core.call('demo.load', {});
  const file = join(tempDir(), 'office.gpbundle');
  const info = await core.call('bundles.export', { file });
  expect(info).toMatchObject({ eventCount: eventCount(), fromThisDevice: true, exporter: { deviceId: core.ctx.device.id } });
  expect(info.devices).toEqual([
    { deviceId: core.ctx.device.id, fromSeq: 1, toSeq: eventCount(), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
  ]);
  expect(info.trustedComment).toMatch(
    new RegExp(`^GrantPanel bundle office\\.gpbundle from device ${core.ctx.device.id} created .*, ${eventCount()} events$`),
  );
  expect(await core.call('bundles.verify', { file })).toEqual(info);
  const parts = await unzip(file);
  expect(Object.keys(parts).sort()).toEqual(['events.ndjson', 'manifest.json', 'manifest.json.minisig']);
  const manifest = JSON.parse(parts['manifest.json']!.toString()) as { events: { sha256: string }; knows: Record<string, number> };
  expect(createHash('sha256').update(parts['events.ndjson']!).digest('hex')).toBe(manifest.events.sha256);
  expect(manifest.knows).toEqual({ [core.ctx.device.id]: eventCount() });
  // No contact details travel in an unsealed bundle.
  expect(parts['events.ndjson']!.toString()).not.toMatch(/@example\.org|0121 496/);
});

test('Debian’s minisign verifies the manifest, and sha256sum the events file', async () => {
  core = makeCore();
  const dir = tempDir();
  const file = join(dir, 'b.gpbundle');
  await core.call('bundles.export', { file });
  const parts = await unzip(file);
  for (const [name, bytes] of Object.entries(parts)) writeFileSync(join(dir, name), bytes);
  const session = await core.call('session.current', {});
  expect(existsSync('/usr/bin/minisign'), 'install minisign (apt-get install minisign) for this interop test').toBe(true);
  const out = execFileSync('minisign', ['-V', '-P', session.device.publicKey, '-m', join(dir, 'manifest.json')], { encoding: 'utf8' });
  expect(out).toContain(`Trusted comment: GrantPanel bundle b.gpbundle from device ${session.device.id}`);
  writeFileSync(join(dir, 'manifest.json'), parts['manifest.json']!.toString().replace('"count"', '"count" '));
  expect(spawnSync('minisign', ['-V', '-P', session.device.publicKey, '-m', join(dir, 'manifest.json')]).status).not.toBe(0);
});

test('never overwrites a file, and names a missing folder', async () => {
  core = makeCore();
  const file = join(tempDir(), 'x.gpbundle');
  writeFileSync(file, 'precious');
  expect(await core.dispatch('bundles.export', { file })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(readFileSync(file, 'utf8')).toBe('precious');
  expect(await core.dispatch('bundles.export', { file: '/no/such/folder/x.gpbundle' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await core.dispatch('bundles.export', { file: 'relative.gpbundle' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(await core.dispatch('bundles.verify', { file: join(tempDir(), 'absent.gpbundle') })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
});

test('any changed byte is refused with a reason, or leaves exactly the same bundle; every truncation is refused', async () => {
  core = makeCore();
  const dir = tempDir();
  const file = join(dir, 'seed.gpbundle');
  const original = await core.call('bundles.export', { file });
  const bytes = readFileSync(file);
  const probe = join(dir, 'probe.gpbundle');
  const outcomes = { refused: 0, same: 0 };
  for (let offset = 0; offset < bytes.length; offset++) {
    const changed = Buffer.from(bytes);
    changed[offset] = changed[offset]! ^ 0x5a;
    writeFileSync(probe, changed);
    const result = await core.dispatch('bundles.verify', { file: probe });
    if (result.ok) {
      expect({ ...(result.value as object), file: 'seed.gpbundle' }).toEqual(original);
      outcomes.same++;
    } else {
      expect(['BUNDLE_INVALID', 'BUNDLE_SIGNATURE'], `offset ${offset}: ${result.error.message}`).toContain(result.error.code);
      outcomes.refused++;
    }
  }
  expect(outcomes.refused).toBeGreaterThan(bytes.length / 2);
  for (let length = 0; length < bytes.length; length += Math.max(1, Math.floor(bytes.length / 200))) {
    writeFileSync(probe, bytes.subarray(0, length));
    const result = await core.dispatch('bundles.verify', { file: probe });
    expect(result.ok, `truncated to ${length} bytes`).toBe(false);
  }
}, 180_000);

test('a bundle re-signed by another key in this device’s name is refused', async () => {
  core = makeCore();
  const dir = tempDir();
  const file = join(dir, 'b.gpbundle');
  await core.call('bundles.export', { file });
  const parts = await unzip(file);
  const attacker = ed25519.utils.randomSecretKey();
  const manifest = JSON.parse(parts['manifest.json']!.toString()) as { exporter: { publicKey: string } };
  manifest.exporter.publicKey = minisignPublicKey(ed25519.getPublicKey(attacker));
  const forgedManifest = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const forged = join(dir, 'forged.gpbundle');
  await writeZip(forged, [
    { name: 'manifest.json', content: forgedManifest },
    { name: 'events.ndjson', content: parts['events.ndjson']! },
    {
      name: 'manifest.json.minisig',
      content: Buffer.from(signMinisign({ secretKey: attacker, message: forgedManifest, trustedComment: 'forged' })),
    },
  ]);
  expect(await core.dispatch('bundles.verify', { file: forged })).toMatchObject({ ok: false, error: { code: 'BUNDLE_SIGNATURE' } });
});

test('a bundle from a newer version of GrantPanel is refused with a plain reason, not half-read', async () => {
  core = makeCore();
  const dir = tempDir();
  const file = join(dir, 'office.gpbundle');
  await core.call('bundles.export', { file });
  const parts = await unzip(file);
  const manifest = JSON.parse(parts['manifest.json']!.toString('utf8')) as { schemaVersion: number };
  manifest.schemaVersion = 99;
  const newer = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const newerFile = join(dir, 'newer.gpbundle');
  await writeZip(newerFile, [
    { name: 'manifest.json', content: newer },
    { name: 'events.ndjson', content: parts['events.ndjson']! },
    {
      name: 'manifest.json.minisig',
      content: Buffer.from(signMinisign({ secretKey: core.ctx.device.secretKey, message: newer, trustedComment: 'newer' })),
    },
  ]);
  const before = eventCount();
  for (const method of ['bundles.verify', 'bundles.import'] as const) {
    expect(await core.dispatch(method, { file: newerFile })).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('made by a newer version of GrantPanel (data version 99') },
    });
  }
  expect(eventCount()).toBe(before);
});
