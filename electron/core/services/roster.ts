// The roster of trusted laptops: the office exports it, signed; other laptops check it and trust
// every laptop it lists in one go — but only from a laptop a grants officer already trusts.
import type { RosterDeviceInfo, RosterDeviceStatus, RosterInfo } from '../../../shared/contract/roster';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import { readRoster, writeRoster, type RosterSummary } from '../bundles/roster';
import { isTrusted, type TrustedDevice } from '../bundles/trust';

function statusOf(ctx: CoreContext, deviceId: string): RosterDeviceStatus {
  if (deviceId === ctx.device.id) return 'this-laptop';
  return isTrusted(ctx.db, ctx.device.id, deviceId) ? 'trusted' : 'new';
}

function signerTrusted(ctx: CoreContext, s: RosterSummary): boolean {
  return statusOf(ctx, s.signer.deviceId) !== 'new';
}

function info(ctx: CoreContext, s: RosterSummary): RosterInfo {
  const devices: RosterDeviceInfo[] = s.roster.devices.map((d) => ({
    deviceId: d.deviceId,
    fingerprint: d.fingerprint,
    name: d.name,
    personName: d.personName,
    status: statusOf(ctx, d.deviceId),
  }));
  return {
    file: s.file,
    createdAt: s.roster.createdAt,
    exporter: { deviceId: s.signer.deviceId, fingerprint: s.signer.fingerprint, personName: s.roster.exporter.personName },
    trustedComment: s.trustedComment,
    fromThisDevice: s.signer.deviceId === ctx.device.id,
    signerTrusted: signerTrusted(ctx, s),
    devices,
    newDevices: devices.filter((d) => d.status === 'new').length,
  };
}

/** Mirrors untrustedSignerMessage: a roster is trusted no more than the laptop that signed it. */
export function untrustedRosterMessage(s: RosterSummary): string {
  return (
    `This roster comes from device ${s.signer.deviceId} (key fingerprint ${s.signer.fingerprint}, exported by ${s.roster.exporter.personName}), ` +
    `which this laptop does not trust yet. Nothing was imported. Check the fingerprint with whoever holds that laptop ` +
    `(it shows it under "grantpanel device show"), then trust it: grantpanel trust ${s.signer.publicKey} — and import the roster again`
  );
}

export const rosterHandlers: Handlers<'roster.export' | 'roster.verify' | 'roster.import'> = {
  'roster.export': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await writeRoster(ctx, file));
  },
  'roster.verify': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await readRoster(file));
  },
  'roster.import': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const s = await readRoster(file);
    if (!signerTrusted(ctx, s)) throw new DomainError('BUNDLE_SIGNATURE', untrustedRosterMessage(s));
    // All the new laptops in one transaction: a failure trusts none of them.
    const devices = write(ctx, () =>
      s.roster.devices.map((d): RosterDeviceInfo => {
        const row = { deviceId: d.deviceId, fingerprint: d.fingerprint, name: d.name, personName: d.personName };
        const status = statusOf(ctx, d.deviceId);
        if (status !== 'new') return { ...row, status };
        const device: TrustedDevice = { deviceId: d.deviceId, publicKey: d.publicKey, fingerprint: d.fingerprint, name: d.name };
        ctx.log.append(ctx.person.id, 'device.trusted', `device:${d.deviceId}`, device);
        return { ...row, status: 'added' };
      }),
    );
    return {
      added: devices.filter((d) => d.status === 'added').length,
      alreadyTrusted: devices.filter((d) => d.status === 'trusted').length,
      devices,
    };
  },
};
