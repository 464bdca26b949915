// Laptops by the names people gave them here: a bundle's sender is named as this laptop trusted it,
// this laptop is never one of its own trusted laptops, and a laptop no longer trusted is listed with
// the changes from it that stay.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { trustLaptop } from '../support/laptops';
import { write } from '../../electron/core/context';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};
const exportFrom = async (c: TestCore, name = 'b.gpbundle') => {
  const file = join(tempDir(), name);
  await c.call('bundles.export', { file });
  return file;
};
const newRound = (c: TestCore, name: string) =>
  c.call('rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name, opens: '2026-11-01', closes: '2026-12-31' });

test('a bundle’s sender is named as this laptop named it when trusting it; before that, by its person', async () => {
  const office = laptop();
  const panel = laptop();
  const file = await exportFrom(office);
  expect((await panel.call('bundles.verify', { file })).exporter).toMatchObject({ laptopName: null, personName: 'Grants officer' });
  await trustLaptop(panel, office, 'Office laptop');
  expect((await panel.call('bundles.verify', { file })).exporter.laptopName).toBe('Office laptop');
  const imported = await panel.call('bundles.import', { file });
  expect(imported.bundle.exporter.laptopName).toBe('Office laptop');
  expect((await office.call('bundles.verify', { file })).exporter.laptopName).toBe('This laptop');
});

test('this laptop is never among its own trusted laptops; another laptop’s name for it is shown as “This laptop”', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office laptop');
  await panel.call('bundles.import', { file: await exportFrom(office) });
  await office.call('bundles.import', { file: await exportFrom(panel) });
  expect((await office.call('devices.list', {})).map((d) => d.name)).toEqual(['Coventry panel laptop']);
  expect((await office.call('sync.status', {})).trustElsewhere).toEqual([
    expect.objectContaining({ trustedBy: 'Coventry panel laptop', deviceId: office.ctx.device.id, name: 'This laptop' }),
  ]);

  // Even a row of this laptop trusting itself (as an old version could write) is not listed, nor revocable.
  const { device } = await office.call('session.current', {});
  write(office.ctx, () =>
    office.ctx.log.append(office.ctx.person.id, 'device.trusted', `device:${device.id}`, {
      deviceId: device.id,
      publicKey: device.publicKey,
      fingerprint: device.fingerprint,
      name: 'Office laptop',
    }),
  );
  expect((await office.call('devices.list', {})).map((d) => d.name)).toEqual(['Coventry panel laptop']);
  expect(await office.dispatch('devices.revoke', { deviceId: device.id, reason: 'Mistake' })).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('always trusts itself') },
  });
});

test('a laptop no longer trusted: its later bundles are refused, what arrived from it stays, and the Sync status says so', async () => {
  const office = laptop();
  const panel = laptop();
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await newRound(panel, 'Arrived before');
  await office.call('bundles.import', { file: await exportFrom(panel, 'before.gpbundle') });
  const held = (office.ctx.db.prepare('SELECT count(*) AS n FROM events WHERE device_id = ?').get(panel.ctx.device.id) as { n: number }).n;

  const revoked = await office.call('devices.revoke', { deviceId: panel.ctx.device.id, reason: 'Reported stolen' });
  expect(revoked).toEqual({ deviceId: panel.ctx.device.id, name: 'Coventry panel laptop', changesKept: held });
  expect(await office.call('devices.list', {})).toEqual([]);
  expect((await office.call('sync.status', {})).noLongerTrusted).toEqual([
    {
      deviceId: panel.ctx.device.id,
      fingerprint: panel.ctx.device.fingerprint,
      name: 'Coventry panel laptop',
      revokedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      reason: 'Reported stolen',
      changesKept: held,
    },
  ]);

  await newRound(panel, 'Arrived after');
  const later = await exportFrom(panel, 'after.gpbundle');
  const checked = await office.call('bundles.verify', { file: later });
  expect(checked).toMatchObject({ trusted: false, revoked: true, exporter: { laptopName: 'Coventry panel laptop' } });
  expect(await office.dispatch('bundles.import', { file: later })).toMatchObject({
    ok: false,
    error: {
      message: expect.stringMatching(
        /^This bundle comes from Coventry panel laptop \(device [0-9a-f]{16}, key fingerprint [0-9A-F ]+\), which this laptop stopped trusting \(Reported stolen\)\. Its bundles are refused: nothing was imported\. The changes that arrived from it before stay\.$/,
      ),
    },
  });
  const rounds = (await office.call('rounds.list', {})).map((r) => r.name);
  expect(rounds).toContain('Arrived before');
  expect(rounds).not.toContain('Arrived after');
});
