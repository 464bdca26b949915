// The roster of trusted laptops: the office exports it, signed; other laptops check it and trust
// every laptop it lists in one go — but only from a laptop a grants officer already trusts.
import type { RosterDeviceInfo, RosterDeviceStatus, RosterInfo } from '../../../shared/contract/roster';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { checkedName } from '../files/transfer';
import { write, type CoreContext, type Handlers } from '../context';
import { readRoster, writeRoster, type RosterSummary } from '../bundles/roster';
import { isTrusted, nameGivenHere, type TrustedDevice } from '../bundles/trust';
import { officeKeyOutcome, saveOfficeKey } from '../bundles/office-key';

function statusOf(ctx: CoreContext, deviceId: string): RosterDeviceStatus {
  if (deviceId === ctx.device.id) return 'this-laptop';
  return isTrusted(ctx.db, ctx.device.id, deviceId) ? 'trusted' : 'new';
}

function signerTrusted(ctx: CoreContext, s: RosterSummary): boolean {
  return statusOf(ctx, s.signer.deviceId) !== 'new';
}

function info(ctx: CoreContext, s: RosterSummary, name: string): RosterInfo {
  const devices: RosterDeviceInfo[] = s.roster.devices.map((d) => ({
    deviceId: d.deviceId,
    fingerprint: d.fingerprint,
    // A laptop already known here by the name a person here gave it; the list's own name otherwise.
    name: nameGivenHere(ctx.db, ctx.device.id, d.deviceId) ?? d.name,
    personName: d.personName,
    status: statusOf(ctx, d.deviceId),
  }));
  return {
    file: name,
    createdAt: s.roster.createdAt,
    exporter: { deviceId: s.signer.deviceId, fingerprint: s.signer.fingerprint, personName: s.roster.exporter.personName },
    sealKey: s.roster.exporter.sealKey ?? null,
    officeKey: signerTrusted(ctx, s) ? officeKeyOutcome(ctx, s) : 'none',
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
    const out = ctx.files.use(file, 'write', 'roster');
    checkedName(out.name, 'roster');
    return info(ctx, await writeRoster(ctx, out.path, { replace: out.origin !== 'terminal' }), out.name);
  },
  'roster.verify': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const chosen = ctx.files.use(file, 'read', 'roster');
    return info(ctx, await readRoster(chosen.path), chosen.name);
  },
  'roster.import': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const chosen = ctx.files.use(file, 'read', 'roster');
    const s = await readRoster(chosen.path);
    if (!signerTrusted(ctx, s)) throw new DomainError('BUNDLE_SIGNATURE', untrustedRosterMessage(s));
    // The office key first: its signer is trusted already, so setting it trusts no one new.
    if (ctx.readOnly) throw new DomainError('READ_ONLY', ctx.readOnly);
    const keyOutcome = officeKeyOutcome(ctx, s);
    if (keyOutcome === 'new' || keyOutcome === 'replaces') saveOfficeKey(ctx, s);
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
      officeKeySet: keyOutcome !== 'none' && keyOutcome !== 'kept',
      alreadyTrusted: devices.filter((d) => d.status === 'trusted').length,
      devices,
    };
  },
};
