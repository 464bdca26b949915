// The office key: the age key bundles are protected with for the office, as the office's signed
// roster gave it. It is this laptop's own setting (office-key.json in the data folder), never an
// event: no other laptop can set it. The first trusted roster that carries a key sets it; after that
// only a newer roster signed by the same laptop replaces it, so another trusted laptop's roster (or
// an old copy of the office's) cannot swap it. A laptop no longer trusted here gives no office key.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { OfficeKey } from '../../../shared/contract/bundles';
import type { RosterInfo } from '../../../shared/contract/roster';
import type { CoreContext } from '../context';
import { isRevoked, isTrusted, nameGivenHere } from './trust';
import type { RosterSummary } from './roster';

export const OFFICE_KEY_FILE = 'office-key.json';

const storedSchema = z
  .object({
    deviceId: z.string().regex(/^[0-9a-f]{16}$/),
    fingerprint: z.string().max(40),
    sealKey: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
    rosterCreatedAt: z.iso.datetime(),
  })
  .strict();
type Stored = z.infer<typeof storedSchema>;

function readStored(dataDir: string): Stored | null {
  const file = join(dataDir, OFFICE_KEY_FILE);
  if (!existsSync(file)) return null;
  try {
    return storedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Damaged by hand: as if none were set; the next roster sets it again.
    return null;
  }
}

/** The office key, while the laptop that gave it is this one or still trusted here. */
export function officeKey(ctx: CoreContext): OfficeKey | null {
  const stored = readStored(ctx.dataDir);
  if (!stored) return null;
  const self = stored.deviceId === ctx.device.id;
  if (!self && (!isTrusted(ctx.db, ctx.device.id, stored.deviceId) || isRevoked(ctx.db, ctx.device.id, stored.deviceId))) return null;
  return {
    sealKey: stored.sealKey,
    laptop: self ? 'This laptop' : (nameGivenHere(ctx.db, ctx.device.id, stored.deviceId) ?? 'Another laptop'),
    deviceId: stored.deviceId,
    fingerprint: stored.fingerprint,
    rosterCreatedAt: stored.rosterCreatedAt,
  };
}

/** What importing this (checked, trusted) roster would do to the office key. */
export function officeKeyOutcome(ctx: CoreContext, s: RosterSummary): RosterInfo['officeKey'] {
  const sealKey = s.roster.exporter.sealKey;
  if (!sealKey) return 'none';
  const current = officeKey(ctx);
  if (!current) return 'new';
  if (current.deviceId !== s.signer.deviceId) return 'kept';
  if (current.sealKey === sealKey) return 'same';
  return s.roster.createdAt > current.rosterCreatedAt ? 'replaces' : 'kept';
}

/** Sets the office key from a roster whose outcome is 'new' or 'replaces'; written whole, then renamed. */
export function saveOfficeKey(ctx: CoreContext, s: RosterSummary): void {
  const sealKey = s.roster.exporter.sealKey;
  if (!sealKey) return;
  const stored: Stored = {
    deviceId: s.signer.deviceId,
    fingerprint: s.signer.fingerprint,
    sealKey,
    rosterCreatedAt: s.roster.createdAt,
  };
  const file = join(ctx.dataDir, OFFICE_KEY_FILE);
  try {
    writeFileSync(`${file}.tmp`, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } finally {
    rmSync(`${file}.tmp`, { force: true });
  }
}
