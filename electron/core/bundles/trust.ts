// Which laptops' bundles this one accepts: its own, and those a grants officer has trusted after
// comparing key fingerprints. Trusting is itself an event, so it travels and is audited.
import { DomainError } from '../../../shared/contract/result';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { registerProjection } from '../events/project';
import { deviceIdOf } from '../crypto/keys';
import type { CoreContext } from '../context';
import { write } from '../context';
import type { BundleSummary } from './read';

export interface TrustedDevice {
  deviceId: string;
  publicKey: string;
  fingerprint: string;
  name: string;
}

registerProjection(['trusted_devices'], {
  'device.trusted': (db, e) => {
    const d = e.payload as TrustedDevice;
    statement(db, 'INSERT OR REPLACE INTO trusted_devices (device_id, public_key, fingerprint, name) VALUES (?, ?, ?, ?)').run(
      d.deviceId,
      d.publicKey,
      d.fingerprint,
      d.name,
    );
  },
});

export function isTrusted(db: Db, deviceId: string): boolean {
  return statement(db, 'SELECT 1 FROM trusted_devices WHERE device_id = ?').get(deviceId) !== undefined;
}

export function untrustedSignerMessage(s: BundleSummary): string {
  return (
    `This bundle comes from device ${s.signer.deviceId} (key fingerprint ${s.signer.fingerprint}, exported by ${s.manifest.exporter.personName}), ` +
    `which this laptop does not trust yet. Nothing was imported. Check the fingerprint with whoever holds that laptop ` +
    `(it shows it under "grantpanel device show"), then trust it: grantpanel trust ${s.manifest.exporter.publicKey}`
  );
}

/** Trusts a device by its minisign public key (as `device show` prints it). */
export function trustDevice(ctx: CoreContext, publicKey: string, name: string): TrustedDevice {
  const bytes = Buffer.from(publicKey.trim(), 'base64');
  if (
    bytes.length !== 42 ||
    bytes.subarray(0, 2).toString('latin1') !== 'Ed' ||
    Buffer.from(bytes).toString('base64') !== publicKey.trim()
  ) {
    throw new DomainError(
      'VALIDATION',
      'That is not a GrantPanel device key — copy the "Public key (minisign)" line that "grantpanel device show" prints on the other laptop',
      [{ field: 'publicKey', message: 'Enter the public key exactly as the other laptop shows it, like RWS…' }],
    );
  }
  const { id, fingerprint } = deviceIdOf(new Uint8Array(bytes.subarray(10)));
  if (id === ctx.device.id) throw new DomainError('VALIDATION', 'That is this laptop’s own key — it is always trusted');
  const device: TrustedDevice = { deviceId: id, publicKey: publicKey.trim(), fingerprint, name };
  write(ctx, () => ctx.log.append(ctx.person.id, 'device.trusted', `device:${id}`, device));
  return device;
}
