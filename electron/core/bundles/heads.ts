// Signed heads: each laptop vouches for its own log, and only for its own. When it exports, a
// laptop signs (device, seq, hash) of its newest event; a bundle carries, for every laptop whose
// events it holds, that laptop's own signed head, and the importer accepts a laptop's events only
// up to a head that laptop signed. A relay can carry others' events but cannot change, add or
// invent any: it cannot sign in their name.
import { signedHeadSchema, signedHeadText, type BundleManifest, type SignedHead } from '../../../shared/formats/bundle';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { deviceIdOf } from '../crypto/keys';
import { MinisignError, minisignPublicKey, signMinisign, verifyMinisign } from '../crypto/minisign';
import { bundleRefused } from './bundle-error';

/** This laptop's word for its own log as it stands: its newest event, signed now. */
export function signOwnHead(ctx: CoreContext, seq: number, hash: string): SignedHead {
  const signedAt = ctx.now().toISOString();
  const text = signedHeadText({ deviceId: ctx.device.id, seq, hash, signedAt });
  const signature = signMinisign({
    secretKey: ctx.device.secretKey,
    message: Buffer.from(text),
    trustedComment: `GrantPanel device ${ctx.device.id} vouches for its events 1 to ${seq}, ${signedAt}`,
    untrustedComment: `GrantPanel device ${ctx.device.id} (${ctx.device.fingerprint})`,
  });
  return { deviceId: ctx.device.id, publicKey: minisignPublicKey(ctx.device.publicKey), seq, hash, signedAt, signature };
}

/** Refuses a head not signed by the key of the device it names. */
export function checkSignedHead(head: SignedHead): void {
  const bytes = Buffer.from(head.publicKey, 'base64');
  const publicKey = new Uint8Array(bytes.subarray(10));
  if (bytes.length !== 42 || deviceIdOf(publicKey).id !== head.deviceId)
    throw bundleRefused(`the signed head it carries for device ${head.deviceId} is signed with another device’s key`);
  try {
    verifyMinisign({ publicKey, message: Buffer.from(signedHeadText(head)), signature: head.signature });
  } catch (error) {
    if (error instanceof MinisignError)
      throw bundleRefused(`the signed head it carries for device ${head.deviceId} does not match its signature — it was changed`);
    throw error;
  }
}

interface HeadRow {
  device_id: string;
  public_key: string;
  seq: number;
  hash: string;
  signed_at: string;
  signature: string;
}

const fromRow = (r: HeadRow): SignedHead => ({
  deviceId: r.device_id,
  publicKey: r.public_key,
  seq: r.seq,
  hash: r.hash,
  signedAt: r.signed_at,
  signature: r.signature,
});

/** The latest signed head this laptop has verified for a device, if any. */
export function storedHead(db: Db, deviceId: string): SignedHead | undefined {
  const row = statement<[string], HeadRow>(db, 'SELECT * FROM signed_heads WHERE device_id = ?').get(deviceId);
  return row && fromRow(row);
}

/** Every stored head, by device: what this laptop can pass on. */
export function storedHeads(db: Db): Map<string, SignedHead> {
  return new Map(
    statement<[], HeadRow>(db, 'SELECT * FROM signed_heads')
      .all()
      .map((r) => [r.device_id, fromRow(r)]),
  );
}

/**
 * Keeps a verified head when it goes further than the one held — or in its place, when a chosen
 * version of that laptop's log has replaced the held one. Call inside the import's transaction.
 */
export function keepHead(db: Db, head: SignedHead, replacing = false): void {
  if (replacing) statement(db, 'DELETE FROM signed_heads WHERE device_id = ?').run(head.deviceId);
  statement(
    db,
    `INSERT INTO signed_heads (device_id, public_key, seq, hash, signed_at, signature) VALUES (@deviceId, @publicKey, @seq, @hash, @signedAt, @signature)
     ON CONFLICT (device_id) DO UPDATE SET public_key = excluded.public_key, seq = excluded.seq, hash = excluded.hash,
       signed_at = excluded.signed_at, signature = excluded.signature WHERE excluded.seq > signed_heads.seq`,
  ).run(head);
}

/** Parses a head kept as evidence. */
export function headFromJson(text: string): SignedHead {
  return signedHeadSchema.parse(JSON.parse(text));
}

/**
 * Every device whose events a bundle holds comes with its own signed head at exactly the last
 * event included: so each of those events is fixed, through the hash chain, by its own laptop's word.
 */
export function checkManifestHeads(manifest: BundleManifest): void {
  const heads = new Map<string, SignedHead>();
  for (const head of manifest.heads) {
    if (heads.has(head.deviceId)) throw bundleRefused(`it carries two signed heads for device ${head.deviceId}`);
    heads.set(head.deviceId, head);
  }
  for (const d of manifest.devices) {
    const head = heads.get(d.deviceId);
    if (!head) throw bundleRefused(`it carries events of device ${d.deviceId} without that laptop’s signed head`);
    if (head.seq !== d.toSeq || head.hash !== d.headHash)
      throw bundleRefused(`device ${d.deviceId}’s events in it do not end at the head that laptop signed`);
    heads.delete(d.deviceId);
  }
  for (const extra of heads.keys()) throw bundleRefused(`it carries a signed head for device ${extra} but none of its events`);
  for (const head of manifest.heads) checkSignedHead(head);
}
