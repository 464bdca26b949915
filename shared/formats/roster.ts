// The .gproster file: a zip of roster.json and roster.json.minisig. roster.json lists the laptops
// the exporting laptop trusts (and itself), each by its minisign public key; the signature is the
// exporting laptop's, so `minisign -V -P KEY -m roster.json` checks it. No applicants' data.
// From version 2 the exporter also gives its age key ("sealKey"), so laptops that import the office's
// roster protect bundles to the office without anyone copying "age1…" by hand; being inside
// roster.json, the signature covers it.
import { z } from 'zod';
import { singleLine } from '../domain/text';

export const ROSTER_FORMAT = 'grantpanel-roster';
export const ROSTER_FORMAT_VERSION = 2;
export const ROSTER_FILE = 'roster.json';
export const ROSTER_SIGNATURE_FILE = 'roster.json.minisig';
/** A roster lists at most this many laptops: far more than any office has. */
export const MAX_ROSTER_DEVICES = 1000;

const deviceId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a device id of 16 hex digits');
/** base64("Ed" ‖ key id ‖ Ed25519 key): 42 bytes, 56 characters, never padded. */
const publicKey = z.string().regex(/^[A-Za-z0-9+/]{56}$/, 'must be a minisign public key');
const fingerprint = z.string().regex(/^([0-9A-F]{4} ){5}[0-9A-F]{4}$/, 'must be a key fingerprint like 1B3E C0F6 1941 34D1 C052 F373');
/** Names are shown to a person deciding whom to trust: one line, no control characters. */
const name = (label: string) => singleLine(z.string().min(1).max(200), label);
const personName = name('A person’s name');
const sealKey = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be an age key like age1…');

export const rosterDeviceSchema = z
  .object({ deviceId, publicKey, fingerprint, name: name('A laptop’s name'), personName: personName.nullable() })
  .strict();

export const rosterSchema = z
  .object({
    format: z.literal(ROSTER_FORMAT),
    // Version 1 rosters (no sealKey) are still read.
    formatVersion: z.union([z.literal(1), z.literal(ROSTER_FORMAT_VERSION)]),
    createdAt: z.iso.datetime(),
    exporter: z.object({ deviceId, publicKey, fingerprint, personName, sealKey: sealKey.optional() }).strict(),
    devices: z.array(rosterDeviceSchema).min(1).max(MAX_ROSTER_DEVICES),
  })
  .strict()
  .refine((r) => r.formatVersion === 1 || r.exporter.sealKey !== undefined, 'A version 2 roster carries its exporter’s sealKey');

export type Roster = z.infer<typeof rosterSchema>;
export type RosterDevice = z.infer<typeof rosterDeviceSchema>;
