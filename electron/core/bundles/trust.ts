// Which laptops' bundles this one accepts: its own, and those a person on THIS laptop trusted
// after comparing key fingerprints (or through a roster signed by a laptop trusted here), and has
// not revoked since. Trusting and revoking are events, so they are audited and travel as history;
// but another laptop's trust is never trust here: every row says which laptop wrote it.
import type { NoLongerTrusted, TrustElsewhere } from '../../../shared/contract/bundles';
import { DomainError } from '../../../shared/contract/result';
import { decodeHlc } from '../../../shared/events/hlc';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
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

export interface RevokedDevice {
  deviceId: string;
  reason: string;
}

/** Trust is local: each row names the laptop that gave it, and only this laptop's own count here. */
export const trustKind: CoreKinds['trust'] = {
  projectors: {
    'device.trusted': (db, e) => {
      const d = e.payload as TrustedDevice;
      statement(
        db,
        'INSERT OR REPLACE INTO trusted_devices (trusted_by, device_id, public_key, fingerprint, name, trusted_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(e.deviceId, d.deviceId, d.publicKey, d.fingerprint, d.name, e.hlc);
    },
    'device.revoked': (db, e) => {
      const d = e.payload as RevokedDevice;
      statement(db, 'UPDATE trusted_devices SET revoked_at = ?, revoked_reason = ? WHERE trusted_by = ? AND device_id = ?').run(
        e.hlc,
        d.reason,
        e.deviceId,
        d.deviceId,
      );
    },
  },
};

/** Whether `local` (this laptop) trusts `deviceId`: trusted here, by a person here, and not revoked. */
export function isTrusted(db: Db, local: string, deviceId: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM trusted_devices WHERE trusted_by = ? AND device_id = ? AND revoked_at IS NULL').get(local, deviceId) !==
    undefined
  );
}

/** Whether this laptop once trusted `deviceId` and revoked it: its bundles, and its events, are refused. */
export function isRevoked(db: Db, local: string, deviceId: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM trusted_devices WHERE trusted_by = ? AND device_id = ? AND revoked_at IS NOT NULL').get(
      local,
      deviceId,
    ) !== undefined
  );
}

/** The laptops trusted here, by name. Never this laptop itself: it is always trusted, and is not another laptop. */
export function trustedHere(db: Db, local: string): TrustedDevice[] {
  return statement<[string, string], TrustedDevice>(
    db,
    'SELECT device_id AS deviceId, public_key AS publicKey, fingerprint, name FROM trusted_devices WHERE trusted_by = ? AND device_id <> ? AND revoked_at IS NULL ORDER BY name COLLATE NOCASE, device_id',
  ).all(local, local);
}

/** How many changes made on `deviceId` this laptop holds. */
function changesFrom(db: Db, deviceId: string): number {
  return statement<[string], { n: number }>(db, 'SELECT count(*) AS n FROM events WHERE device_id = ?').get(deviceId)?.n ?? 0;
}

/** The laptops a person here stopped trusting, latest first, with the changes from each that stay. */
export function noLongerTrustedHere(db: Db, local: string): NoLongerTrusted[] {
  return statement<[string, string], Omit<NoLongerTrusted, 'changesKept'> & { reason: string | null }>(
    db,
    `SELECT device_id AS deviceId, fingerprint, name, revoked_at AS revokedAt, revoked_reason AS reason
       FROM trusted_devices WHERE trusted_by = ? AND device_id <> ? AND revoked_at IS NOT NULL ORDER BY revoked_at DESC, device_id`,
  )
    .all(local, local)
    .map((r) => ({
      ...r,
      reason: r.reason ?? '',
      revokedAt: new Date(decodeHlc(r.revokedAt).millis).toISOString(),
      changesKept: changesFrom(db, r.deviceId),
    }));
}

/** Trust recorded by other laptops: history, never trust here. */
export function trustElsewhere(db: Db, local: string): TrustElsewhere[] {
  return statement<[string], Omit<TrustElsewhere, 'trustedBy' | 'revoked'> & { trustedBy: string; revoked: number }>(
    db,
    `SELECT trusted_by AS trustedBy, device_id AS deviceId, fingerprint, name, trusted_at AS trustedAt, revoked_at IS NOT NULL AS revoked
       FROM trusted_devices WHERE trusted_by <> ? ORDER BY trusted_at DESC, trusted_by, device_id LIMIT 500`,
  )
    .all(local)
    .map((r) => ({
      ...r,
      // Another laptop's name for this one is its own business: here, this laptop is "This laptop".
      name: r.deviceId === local ? 'This laptop' : r.name,
      trustedBy: laptopName(db, local, r.trustedBy),
      trustedAt: new Date(decodeHlc(r.trustedAt).millis).toISOString(),
      revoked: r.revoked === 1,
    }));
}

/** The name a person here gave another laptop when trusting it (kept after revoking), or null if never trusted here. */
export function nameGivenHere(db: Db, local: string, deviceId: string): string | null {
  if (deviceId === local) return 'This laptop';
  return (
    statement<[string, string], { name: string }>(db, 'SELECT name FROM trusted_devices WHERE trusted_by = ? AND device_id = ?').get(
      local,
      deviceId,
    )?.name ?? null
  );
}

/** What this laptop calls another: the name it was trusted under here, else its id. */
export function laptopName(db: Db, local: string, deviceId: string): string {
  if (deviceId === local) return 'this laptop';
  return nameGivenHere(db, local, deviceId) ?? `laptop ${deviceId}`;
}

/** A bundle refused for its sender: the laptop's name (or its person's) first, its key for checking after. */
export function untrustedSignerMessage(db: Db, local: string, s: BundleSummary, revoked = false): string {
  const technical = `device ${s.signer.deviceId}, key fingerprint ${s.signer.fingerprint}`;
  if (revoked) {
    const row = statement<[string, string], { reason: string | null }>(
      db,
      'SELECT revoked_reason AS reason FROM trusted_devices WHERE trusted_by = ? AND device_id = ?',
    ).get(local, s.signer.deviceId);
    const why = row?.reason ? ` (${row.reason})` : '';
    return (
      `This bundle comes from ${laptopName(db, local, s.signer.deviceId)} (${technical}), which this laptop stopped trusting${why}. ` +
      `Its bundles are refused: nothing was imported. The changes that arrived from it before stay.`
    );
  }
  return (
    `This bundle comes from ${s.manifest.exporter.personName}’s laptop (${technical}), ` +
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

/**
 * Stops trusting a laptop: its later bundles are refused here, and so are its events relayed by
 * others. The changes from it already here stay (they are in the log); says how many.
 */
export function revokeDevice(ctx: CoreContext, deviceId: string, reason: string): RevokedDevice & { name: string; changesKept: number } {
  if (deviceId === ctx.device.id) throw new DomainError('VALIDATION', 'This laptop always trusts itself: choose another laptop');
  if (!isTrusted(ctx.db, ctx.device.id, deviceId))
    throw new DomainError('NOT_FOUND', `This laptop does not trust device ${deviceId}, so there is nothing to revoke`, [
      { field: 'deviceId', message: 'Choose a laptop this one trusts' },
    ]);
  const revoked: RevokedDevice = { deviceId, reason };
  write(ctx, () => ctx.log.append(ctx.person.id, 'device.revoked', `device:${deviceId}`, revoked));
  return { ...revoked, name: laptopName(ctx.db, ctx.device.id, deviceId), changesKept: changesFrom(ctx.db, deviceId) };
}
