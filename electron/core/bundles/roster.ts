// The roster file (.gproster): written like a bundle — to a temporary file, flushed, read back and
// checked, then renamed — and read with every check a laptop needs before trusting anyone it lists.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../../../shared/contract/result';
import { printable } from '../../../shared/domain/text';
import {
  ROSTER_FILE,
  ROSTER_FORMAT,
  ROSTER_FORMAT_VERSION,
  ROSTER_SIGNATURE_FILE,
  rosterSchema,
  type Roster,
  type RosterDevice,
} from '../../../shared/formats/roster';
import { officerOf, type CoreContext } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { deviceIdOf } from '../crypto/keys';
import { MinisignError, minisignPublicKey, signMinisign, verifyMinisign } from '../crypto/minisign';
import { readZip, writeZip, type ZipEntryInfo } from './zip';
import { trustedHere } from './trust';
import { boundsFor, readWithin } from './limits';
import { loadOrCreateSealIdentity } from '../crypto/seal-identity';

export interface RosterSummary {
  file: string;
  roster: Roster;
  trustedComment: string;
  signer: { deviceId: string; fingerprint: string; publicKey: string };
}

const MAX_NAME = 200;

/** A roster refused, with the reason a grants officer can act on. Nothing was changed. */
export function rosterRefused(reason: string): DomainError {
  return new DomainError('BUNDLE_INVALID', `This roster cannot be used: ${reason}`);
}

/** Names arrive in other laptops' events too: kept to what a roster may carry (one printable line, 200 characters). */
const clip = (text: string) => Array.from(printable(text)).slice(0, MAX_NAME).join('');

/** Each laptop has one person, officer-<device id> (see openCore); their name once their record has arrived here. */
function personNameOf(db: Db, deviceId: string): string | null {
  const name = statement<[string], { name: string }>(db, 'SELECT name FROM people WHERE id = ?').get(officerOf(deviceId))?.name;
  return name ? clip(name) : null;
}

/** Every laptop this one trusts, and itself first; with this laptop's age key when given, for laptops to protect bundles to it. */
export function rosterOf(ctx: CoreContext, sealKey?: string): Roster {
  const self = {
    deviceId: ctx.device.id,
    publicKey: minisignPublicKey(ctx.device.publicKey),
    fingerprint: ctx.device.fingerprint,
  };
  const personName = personNameOf(ctx.db, ctx.device.id) ?? ctx.person.name;
  const trusted = trustedHere(ctx.db, ctx.device.id);
  return {
    format: ROSTER_FORMAT,
    // Without an age key it is exactly a version 1 roster.
    formatVersion: sealKey ? ROSTER_FORMAT_VERSION : 1,
    createdAt: ctx.now().toISOString(),
    exporter: { ...self, personName, ...(sealKey ? { sealKey } : {}) },
    devices: [
      { ...self, name: 'The laptop that made this roster', personName },
      ...trusted.map((d) => ({ ...d, name: clip(d.name) || 'Another laptop', personName: personNameOf(ctx.db, d.deviceId) })),
    ],
  };
}

export async function writeRoster(
  ctx: CoreContext,
  outFile: string,
  { replace = false }: { replace?: boolean } = {},
): Promise<RosterSummary> {
  if (!existsSync(dirname(outFile))) throw new DomainError('NOT_FOUND', `The folder ${dirname(outFile)} does not exist`);
  if (!replace && existsSync(outFile))
    throw new DomainError('CONFLICT', `There is already a file at ${outFile} — choose another name; GrantPanel never overwrites a roster`);
  const roster = rosterOf(ctx, (await loadOrCreateSealIdentity(ctx.dataDir)).recipient);
  const rosterBytes = Buffer.from(`${JSON.stringify(roster, null, 2)}\n`);
  const signature = signMinisign({
    secretKey: ctx.device.secretKey,
    message: rosterBytes,
    trustedComment: `GrantPanel roster from device ${ctx.device.id} (${ctx.device.fingerprint}) created ${roster.createdAt}, ${roster.devices.length} ${roster.devices.length === 1 ? 'laptop' : 'laptops'}`,
    untrustedComment: `GrantPanel device ${ctx.device.id} (${ctx.device.fingerprint})`,
  });
  const temp = join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}.zip`);
  try {
    await writeZip(temp, [
      { name: ROSTER_FILE, content: rosterBytes },
      { name: ROSTER_SIGNATURE_FILE, content: Buffer.from(signature) },
    ]);
    const fd = openSync(temp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    // Read back what was written, as a recipient will, before saying it worked.
    const summary = await readRoster(temp);
    renameSync(temp, outFile);
    return { ...summary, file: outFile };
  } finally {
    rmSync(temp, { force: true });
  }
}

/** A roster's file read whole, within its bounds (limits.ts). */
function readAll(entry: ZipEntryInfo): Promise<Buffer> {
  return readWithin(entry, boundsFor(entry.name), rosterRefused);
}

/** The device a minisign public key belongs to, or undefined when it is not a canonical "Ed" key. */
function deviceOfKey(publicKey: string): { id: string; fingerprint: string; key: Uint8Array } | undefined {
  const bytes = Buffer.from(publicKey, 'base64');
  if (bytes.length !== 42 || bytes.subarray(0, 2).toString('latin1') !== 'Ed' || bytes.toString('base64') !== publicKey) return undefined;
  const key = new Uint8Array(bytes.subarray(10));
  if (minisignPublicKey(key) !== publicKey) return undefined;
  return { ...deviceIdOf(key), key };
}

/** Each listed laptop's id and fingerprint must be those of its key: the key is what gets trusted. */
function checkRows(devices: RosterDevice[]): void {
  const seen = new Set<string>();
  devices.forEach((d, i) => {
    const row = `laptop ${i + 1} in its list (“${d.name}”, device ${d.deviceId})`;
    const owner = deviceOfKey(d.publicKey);
    if (!owner) throw rosterRefused(`${row} has a damaged public key`);
    if (owner.id !== d.deviceId) throw rosterRefused(`${row} has a public key that belongs to device ${owner.id}, not to ${d.deviceId}`);
    if (owner.fingerprint !== d.fingerprint)
      throw rosterRefused(`${row} shows fingerprint ${d.fingerprint}, but its key’s is ${owner.fingerprint}`);
    if (seen.has(d.deviceId)) throw rosterRefused(`${row} is listed twice`);
    seen.add(d.deviceId);
  });
}

/** Reads and checks a roster: exactly its two files, a known format, signed by the laptop it names, every row consistent. */
export async function readRoster(file: string): Promise<RosterSummary> {
  let zip;
  try {
    zip = await readZip(file, 2);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('NOT_FOUND', `There is no file at ${file}`);
    throw rosterRefused('it is not a GrantPanel roster (the file is not a readable zip archive)');
  }
  try {
    const names = zip.entries.map((e) => e.name).sort();
    const expected = [ROSTER_FILE, ROSTER_SIGNATURE_FILE];
    if (names.join('\n') !== expected.join('\n'))
      throw rosterRefused(`it should hold exactly ${expected.join(', ')} but holds ${names.join(', ') || 'nothing'}`);
    const entry = (name: string) => zip.entries.find((e) => e.name === name) as ZipEntryInfo;
    const rosterBytes = await readAll(entry(ROSTER_FILE));
    const signature = (await readAll(entry(ROSTER_SIGNATURE_FILE))).toString('utf8');

    let roster: Roster;
    try {
      roster = rosterSchema.parse(JSON.parse(rosterBytes.toString('utf8')));
    } catch {
      throw rosterRefused(`${ROSTER_FILE} is damaged or from an unknown version of GrantPanel`);
    }
    const signer = deviceOfKey(roster.exporter.publicKey);
    if (!signer || signer.id !== roster.exporter.deviceId || signer.fingerprint !== roster.exporter.fingerprint)
      throw rosterRefused('its signing key does not belong to the laptop it names — it was changed after it was made. Do not use it.');
    let trustedComment: string;
    try {
      trustedComment = verifyMinisign({ publicKey: signer.key, message: rosterBytes, signature }).trustedComment;
    } catch (error) {
      if (error instanceof MinisignError)
        throw rosterRefused(
          `its signature does not match its contents (${error.message}) — it was changed after it was made. Do not use it.`,
        );
      throw error;
    }
    checkRows(roster.devices);
    return {
      file,
      roster,
      trustedComment,
      signer: { deviceId: signer.id, fingerprint: signer.fingerprint, publicKey: roster.exporter.publicKey },
    };
  } catch (error) {
    // The zip library and zlib find damage only as they read: any of theirs is a damaged file.
    if (error instanceof DomainError) throw error;
    throw rosterRefused(`the file is damaged (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}
