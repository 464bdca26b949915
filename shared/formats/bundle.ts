// The .gpbundle file: a zip of manifest.json, events.ndjson and manifest.json.minisig. The
// manifest names what the events file holds and its SHA-256; the signature covers the manifest,
// so `minisign -V` and `sha256sum` together prove the whole bundle.
import { z } from 'zod';
import { singleLine } from '../domain/text';

export const BUNDLE_FORMAT = 'grantpanel-bundle';
/** 2: each laptop's signed head travels with its events. */
export const BUNDLE_FORMAT_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.minisig';
export const EVENTS_FILE = 'events.ndjson';
/** Only in sealed bundles: applicants' contact details, each bound to its event by a salted digest. */
export const PERSONAL_FILE = 'personal.ndjson';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits');
const deviceId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a device id of 16 hex digits');
/** No laptop makes a billion changes: a higher number is a forgery or damage, refused before any arithmetic on it. */
export const MAX_SEQ = 1_000_000_000;
const seq = z.number().int().min(1).max(MAX_SEQ);

/**
 * A laptop's word for how far its own log goes: device, seq and the hash of that event, signed by
 * the device's own key (minisign format, over `signedHeadText`). Every event of that laptop up to
 * `seq` is fixed by the hash chain ending in `hash`; nothing past it is accepted in its name.
 */
export const signedHeadSchema = z
  .object({
    deviceId,
    publicKey: z.string().min(40).max(100),
    seq,
    hash: hex64,
    signedAt: z.iso.datetime(),
    signature: z.string().min(1).max(2000),
  })
  .strict();
export type SignedHead = z.infer<typeof signedHeadSchema>;

/** The exact text a head's signature covers. */
export function signedHeadText(h: Pick<SignedHead, 'deviceId' | 'seq' | 'hash' | 'signedAt'>): string {
  return `grantpanel-signed-head\ndevice ${h.deviceId}\nseq ${h.seq}\nhash ${h.hash}\nsigned ${h.signedAt}\n`;
}

/** One line of events.ndjson: an event exactly as the log stores it. */
export const bundleEventSchema = z
  .object({
    deviceId,
    seq,
    hlc: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4,}$/),
    actor: z.string().min(1).max(200),
    type: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/),
    entity: z.string().min(1).max(300),
    payload: z.unknown(),
    prevHash: hex64,
    hash: hex64,
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    schemaVersion: z.number().int().min(1),
    createdAt: z.iso.datetime(),
    exporter: z
      .object({
        deviceId,
        publicKey: z.string().min(40).max(100),
        personId: singleLine(z.string().min(1).max(200), 'Person id'),
        personName: singleLine(z.string().min(1).max(200), 'Person name'),
      })
      .strict(),
    /** The events file: its name, line count and SHA-256. */
    events: z.object({ file: z.literal(EVENTS_FILE), count: z.number().int().min(0), sha256: hex64 }).strict(),
    /** Per device: the seq range included and the hash of its last included event. */
    devices: z.array(z.object({ deviceId, fromSeq: seq, toSeq: seq, headHash: hex64 }).strict()).max(10_000),
    /** For every device in `devices`, its own signed head, at exactly `toSeq` and `headHash`. */
    heads: z.array(signedHeadSchema).max(10_000),
    /** Everything the exporting laptop held, per device (contiguous from 1): what it acknowledges. */
    knows: z.record(deviceId, z.number().int().min(0).max(MAX_SEQ)),
    /** Present only in a sealed bundle. */
    personal: z
      .object({ file: z.literal(PERSONAL_FILE), count: z.number().int().min(0), sha256: hex64 })
      .strict()
      .optional(),
  })
  .strict();

export type BundleManifest = z.infer<typeof manifestSchema>;
export type BundleEvent = z.infer<typeof bundleEventSchema>;

/** One line of personal.ndjson. */
export const personalLineSchema = z
  .object({ body: z.record(z.string(), z.string().max(1000)), digest: hex64, salt: z.string().regex(/^[0-9a-f]{32}$/) })
  .strict();
