// Reading and checking a bundle without importing it: the zip holds exactly the three files,
// the manifest is well-formed and signed by the device it names, and every event line is valid,
// hashes to itself, links to the one before it, and adds up to the manifest's count and SHA-256.
import { nativeSha256Hex } from '../events/hash';
import { createHash } from 'node:crypto';
import { DomainError } from '../../../shared/contract/result';
import { GENESIS_HASH, canonicalStoredEvent, eventHash } from '../../../shared/events/event';
import { canonicalJson } from '../../../shared/events/canonical';
import { parseHlc } from '../../../shared/events/hlc';
import { checkEventPayload } from '../../../shared/events/payloads';
import { forgedDecision } from '../decisions/decisions';
import { personalRecordIsIntact, type PersonalRecord } from '../../../shared/events/personal';
import {
  EVENTS_FILE,
  PERSONAL_FILE,
  personalLineSchema,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  bundleEventSchema,
  manifestSchema,
  type BundleEvent,
  type BundleManifest,
} from '../../../shared/formats/bundle';
import { MinisignError, verifyMinisign } from '../crypto/minisign';
import { deviceIdOf } from '../crypto/keys';
import { SCHEMA_VERSION } from '../db/migrations';
import { bundleRefused } from './bundle-error';
import { checkManifestHeads } from './heads';
import { readZip, type ZipEntryInfo } from './zip';
import { boundsFor, linesWithin, readWithin } from './limits';

export interface BundleSummary {
  file: string;
  manifest: BundleManifest;
  trustedComment: string;
  signer: { deviceId: string; fingerprint: string };
}

/** A small file read whole, within its bounds (limits.ts). */
function readAll(entry: ZipEntryInfo): Promise<Buffer> {
  return readWithin(entry, boundsFor(entry.name), bundleRefused);
}

function signerOf(manifest: BundleManifest): { deviceId: string; fingerprint: string; publicKey: Uint8Array } {
  const bytes = Buffer.from(manifest.exporter.publicKey, 'base64');
  if (bytes.length !== 42) throw bundleRefused('the exporting device’s public key is damaged');
  const publicKey = new Uint8Array(bytes.subarray(10));
  const { id, fingerprint } = deviceIdOf(publicKey);
  if (id !== manifest.exporter.deviceId)
    throw new DomainError('BUNDLE_SIGNATURE', 'This bundle’s signing key does not belong to the device it names. Do not use it.');
  return { deviceId: id, fingerprint, publicKey };
}

/** An error from a caller's hook (an import's insert, say): passed on as it is, never taken for damage. */
class HookFailure {
  constructor(readonly error: unknown) {}
}

function guarded<A extends unknown[]>(hook: ((...args: A) => void) | undefined): ((...args: A) => void) | undefined {
  if (!hook) return undefined;
  return (...args: A) => {
    try {
      hook(...args);
    } catch (error) {
      throw new HookFailure(error);
    }
  };
}

export interface ReadHooks {
  /** True when the bundle arrived sealed (only then may it carry personal data). */
  sealed?: boolean;
  /** Called with each intact personal record of a sealed bundle. */
  personal?(record: PersonalRecord): void;
  /** Called once the signature is good, before any event is read (an import checks trust here). */
  signed?(summary: BundleSummary): void;
  /** Called with each event once it is checked (and its payload's canonical text); an import inserts it. */
  event?(event: BundleEvent, payloadJson: string): void;
}

export async function readBundle(file: string, hooks: ReadHooks = {}): Promise<BundleSummary> {
  let zip;
  try {
    zip = await readZip(file, 4);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('NOT_FOUND', `There is no file at ${file}`);
    throw bundleRefused('it is not a GrantPanel bundle (the file is not a readable zip archive)');
  }
  try {
    const names = zip.entries.map((e) => e.name).sort();
    const expected = [EVENTS_FILE, MANIFEST_FILE, SIGNATURE_FILE, ...(names.includes(PERSONAL_FILE) ? [PERSONAL_FILE] : [])].sort();
    if (names.join('\n') !== expected.join('\n'))
      throw bundleRefused(`it should hold exactly ${expected.join(', ')} but holds ${names.join(', ') || 'nothing'}`);
    const entry = (name: string) => zip.entries.find((e) => e.name === name) as ZipEntryInfo;

    const manifestBytes = await readAll(entry(MANIFEST_FILE));
    const signature = (await readAll(entry(SIGNATURE_FILE))).toString('utf8');
    let manifest: BundleManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    } catch {
      throw bundleRefused('its manifest is damaged or from an unknown version of GrantPanel');
    }
    const signer = signerOf(manifest);
    let trustedComment: string;
    try {
      trustedComment = verifyMinisign({ publicKey: signer.publicKey, message: manifestBytes, signature }).trustedComment;
    } catch (error) {
      if (error instanceof MinisignError)
        throw new DomainError(
          'BUNDLE_SIGNATURE',
          `This bundle’s signature does not match its contents (${error.message}) — it was changed after it was made. Do not use it.`,
        );
      throw error;
    }
    if (manifest.schemaVersion > SCHEMA_VERSION) {
      throw bundleRefused(
        `it was made by a newer version of GrantPanel (data version ${manifest.schemaVersion}; this laptop's version knows ${SCHEMA_VERSION}). Update GrantPanel on this laptop, then try again`,
      );
    }
    checkManifestHeads(manifest);
    if (Boolean(manifest.personal) !== names.includes(PERSONAL_FILE)) throw bundleRefused('its personal data does not match its manifest');
    // Contact details travel only sealed: an open bundle carrying them was not made by GrantPanel.
    if (manifest.personal && !hooks.sealed) throw bundleRefused('it carries applicants’ contact details without being sealed');
    const summary = { file, manifest, trustedComment, signer: { deviceId: signer.deviceId, fingerprint: signer.fingerprint } };
    guarded(hooks.signed)?.(summary);
    await checkEvents(entry(EVENTS_FILE), manifest, guarded(hooks.event));
    if (manifest.personal) await checkPersonal(entry(PERSONAL_FILE), manifest.personal, guarded(hooks.personal));
    return summary;
  } catch (error) {
    if (error instanceof HookFailure) throw error.error;
    // The zip library and zlib find damage only as they read: any of theirs is a damaged file.
    if (error instanceof DomainError) throw error;
    throw bundleRefused(`the file is damaged (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}

async function checkEvents(
  entry: ZipEntryInfo,
  manifest: BundleManifest,
  onEvent?: (event: BundleEvent, payloadJson: string) => void,
): Promise<void> {
  const hash = createHash('sha256');
  const ranges = new Map(manifest.devices.map((d) => [d.deviceId, d]));
  const heads = new Map<string, { seq: number; hash: string; hlc: string }>();
  let count = 0;
  for await (const line of ndjsonLines(entry, hash)) {
    count++;
    // Worded only when refused: formatting the count for every event cost more than the check.
    const where = (why: string) => bundleRefused(`event ${count.toLocaleString('en-GB')} ${why}`);
    let event;
    try {
      event = bundleEventSchema.parse(JSON.parse(line));
    } catch {
      throw where('is not a valid GrantPanel event');
    }
    // The payload is canonicalised once: for the line check, the hash and the insert alike.
    const payloadJson = canonicalJson(event.payload);
    if (canonicalStoredEvent(event, payloadJson) !== line) throw where('is not written in canonical form');
    const { hash: stated, prevHash, ...body } = event;
    if (eventHash(body, prevHash, payloadJson, nativeSha256Hex) !== stated) throw where('does not match its own hash — it was changed');
    const range = ranges.get(event.deviceId);
    if (!range || event.seq < range.fromSeq || event.seq > range.toSeq) throw where('is outside the ranges the manifest lists');
    const head = heads.get(event.deviceId);
    const expectedSeq = head ? head.seq + 1 : range.fromSeq;
    if (event.seq !== expectedSeq) throw where(`should be number ${expectedSeq} from device ${event.deviceId}`);
    if (head && prevHash !== head.hash) throw where('does not link to the event before it');
    if (!head && range.fromSeq === 1 && prevHash !== GENESIS_HASH)
      throw where(`claims to be device ${event.deviceId}’s first but links to another`);
    // Every event is checked before anything is stored: a real clock that never runs backwards
    // within its laptop's log, and a payload of its type's shape.
    const which = (why: string) => where(`(number ${event.seq} from device ${event.deviceId}) ${why}`);
    if (!parseHlc(event.hlc)) throw which('has a clock value that is not a real time');
    if (head && event.hlc < head.hlc) throw which('is dated before the event that laptop made before it — its clock cannot run backwards');
    const problem = checkEventPayload(event.type, event.entity, event.payload);
    if (problem) throw which(`is not valid: ${problem}`);
    const forged = forgedDecision(event.type, event.payload);
    if (forged) throw which(`is refused: ${forged}`);
    heads.set(event.deviceId, { seq: event.seq, hash: stated, hlc: event.hlc });
    onEvent?.(event, payloadJson);
  }
  for (const d of manifest.devices) {
    const head = heads.get(d.deviceId);
    if (!head || head.seq !== d.toSeq || head.hash !== d.headHash)
      throw bundleRefused(`the events from device ${d.deviceId} end before the manifest says they do`);
  }
  if (count !== manifest.events.count) throw bundleRefused(`it holds ${count} events where its manifest lists ${manifest.events.count}`);
  if (hash.digest('hex') !== manifest.events.sha256) throw bundleRefused('its events file does not match the SHA-256 in its manifest');
}

/** The lines of an NDJSON entry, hashed as read, within its bounds; stops cleanly, with a reason, on damage. */
function ndjsonLines(entry: ZipEntryInfo, hash: ReturnType<typeof createHash>): AsyncGenerator<string> {
  return linesWithin(entry, boundsFor(entry.name), bundleRefused, (chunk) => hash.update(chunk));
}

async function checkPersonal(
  entry: ZipEntryInfo,
  stated: NonNullable<BundleManifest['personal']>,
  onRecord?: (record: PersonalRecord) => void,
): Promise<void> {
  const hash = createHash('sha256');
  let count = 0;
  for await (const line of ndjsonLines(entry, hash)) {
    count++;
    let record: PersonalRecord;
    try {
      record = personalLineSchema.parse(JSON.parse(line));
    } catch {
      throw bundleRefused(`personal record ${count} is not valid`);
    }
    if (!personalRecordIsIntact(record)) throw bundleRefused(`personal record ${count} does not match its digest — it was changed`);
    onRecord?.(record);
  }
  if (count !== stated.count || hash.digest('hex') !== stated.sha256) throw bundleRefused('its personal data does not match its manifest');
}
