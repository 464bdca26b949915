// Equivocation: one laptop has signed two different versions of its own log. Only that laptop's
// key can sign its heads, so this is never a relay's doing: the laptop was restored from an old
// backup, copied, or tampered with. The evidence — both signed heads — is kept and shown, and a
// grants officer decides which version the office accepts.
import type { SignedHead } from '../../../shared/formats/bundle';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';

export interface Equivocation {
  deviceId: string;
  /** Where the two versions were found to differ. */
  seq: number;
  held: SignedHead;
  incoming: SignedHead;
  bundleSha256: string;
}

export function equivocationMessage(deviceId: string, seq: number): string {
  return (
    `EQUIVOCATION: device ${deviceId} has signed two different versions of its log (they differ at or before event ${seq}) — ` +
    `this laptop holds one, the bundle another. The bundle was refused and both versions were kept as evidence: ` +
    `a grants officer can choose on the Sync screen which version the office accepts.`
  );
}

/** Keeps the evidence, in a transaction of its own (the refused import's was rolled back). */
export function recordEquivocation(ctx: CoreContext, e: Equivocation): void {
  statement(
    ctx.db,
    'INSERT OR IGNORE INTO equivocations (device_id, seq, held_head, incoming_head, found_at, bundle_sha256) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(e.deviceId, e.seq, JSON.stringify(e.held), JSON.stringify(e.incoming), ctx.now().toISOString(), e.bundleSha256);
}
