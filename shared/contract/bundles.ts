import { z } from 'zod';
import type { BundleManifest } from '../formats/bundle';
import { method } from './method';
import { singleLine } from '../domain/text';
import { fileId } from './files';

/** An age recipient: what a bundle is sealed to. */
export const sealKey = z
  .string()
  .trim()
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, 'Enter an office key like age1… (62 characters)');

const passphrase = z.string().min(12, 'A password has at least 12 characters').max(1000, 'That password is too long');

/** What a bundle holds and who signed it, as checked. */
export interface BundleInfo {
  /** The file's name, as chosen. */
  file: string;
  createdAt: string;
  exporter: {
    deviceId: string;
    fingerprint: string;
    personName: string;
    publicKey: string;
    /** What this laptop calls the sender: "This laptop", or the name a person here gave it when trusting it; null if never trusted here. */
    laptopName: string | null;
  };
  /** Whether this laptop accepts bundles from the exporter (its own, or trusted). */
  trusted: boolean;
  /** Whether a person here stopped trusting the exporter: nothing from it is imported. */
  revoked: boolean;
  eventCount: number;
  devices: BundleManifest['devices'];
  trustedComment: string;
  /** True when this laptop's own key signed it. */
  fromThisDevice: boolean;
  /** Counts of applicants' contact records carried (sealed bundles only), else null. */
  personalRecords: number | null;
}

export const bundles = {
  /**
   * Writes every event this laptop holds to a signed bundle file. Sealed (to office keys or a
   * passphrase), it also carries applicants' contact details; open, never.
   */
  'bundles.export': method<BundleInfo>()(
    z
      .object({
        /** Where to save: a file chosen in a Save dialog, or made by files.create to download. */
        file: fileId,
        /** Sealed to the office key that came with the office's roster (see bundles.officeKey). */
        office: z.literal(true).optional(),
        to: z.array(sealKey).max(20).optional(),
        passphrase: passphrase.optional(),
        /** Only what this device lacks, by the last bundle received from it. */
        for: z
          .string()
          .regex(/^[0-9a-f]{16}$/, 'Enter the other laptop’s device id: 16 letters and digits, as "device show" prints it')
          .optional(),
      })
      .superRefine((x, ctx) => {
        // A password given, even a short one, means a protected bundle: its problem is the password, not the ending.
        const ways = [Boolean(x.to?.length), x.office === true, x.passphrase !== undefined].filter(Boolean).length;
        if (ways > 1)
          ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'Protect with the office key or with a password, not both' });
      }),
  ),
  /** Checks a bundle without importing it; a sealed one is opened with this laptop's key or the passphrase. */
  'bundles.verify': method<BundleInfo>()(z.object({ file: fileId, passphrase: passphrase.optional() })),
};

export interface BundleImportResult {
  bundle: BundleInfo;
  newEvents: number;
  knownEvents: number;
  /** Stretches of a device's log this laptop still lacks, like "events 41–57 from device … are missing". */
  gaps: string[];
  /** New events of laptops whose trust was revoked here: left out. */
  leftOut: number;
}

/** A change as a person recognises it: "round added: Spring 2027", and when it was made. */
export interface ChangeSeen {
  what: string;
  at: string | null;
}

/** One version of a laptop's log, as that laptop signed it. */
export interface LogVersion {
  seq: number;
  hash: string;
  signedAt: string;
  /** Its first change that differs from the other version, where this laptop has seen it. */
  change: ChangeSeen | null;
}

/** Two versions of one laptop's log, both signed by it: the evidence, and the choice if made. */
export interface EquivocationInfo {
  deviceId: string;
  /** What this laptop calls it: the name it was trusted under, or its id. */
  laptop: string;
  /** Where the versions were found to differ. */
  seq: number;
  foundAt: string;
  /** The version this laptop held when the other arrived. */
  held: LogVersion;
  /** The version the refused bundle carried. */
  incoming: LogVersion;
  /** Which one the office accepts, once a person has chosen (here or on another laptop). */
  choice: 'held' | 'incoming' | null;
}

/** Another laptop's trust in a third: history shown on the Sync screen, never trust here. */
export interface TrustElsewhere {
  trustedBy: string;
  deviceId: string;
  fingerprint: string;
  name: string;
  trustedAt: string;
  revoked: boolean;
}

/** A laptop a person here stopped trusting: its later bundles are refused; what arrived before stays. */
export interface NoLongerTrusted {
  deviceId: string;
  fingerprint: string;
  /** The name it was trusted under here. */
  name: string;
  revokedAt: string;
  reason: string;
  /** Changes made on it that this laptop holds (arrived before it was revoked): kept. */
  changesKept: number;
}

/** What the Sync screen shows beside the bundles: anything a person should know or decide. */
export interface SyncStatus {
  equivocations: EquivocationInfo[];
  /** Other laptops' trust in a third; a row about this laptop itself is named "This laptop". */
  trustElsewhere: TrustElsewhere[];
  noLongerTrusted: NoLongerTrusted[];
  /** Changes of kinds this version of GrantPanel does not know (from a newer version): kept, not applied. */
  unknownChanges: { type: string; count: number }[];
  /**
   * Changes kept in the log but not applied: made in the name of someone not signed in on that
   * laptop, or beyond what their roles allowed (docs/people.md). By laptop, person and reason.
   */
  notApplied: { laptop: string; person: string; reason: string; count: number }[];
}

export interface TrustedDeviceInfo {
  deviceId: string;
  fingerprint: string;
  name: string;
}

/** The folder GrantPanel suggests for bundles, and the bundles already in it, newest first. */
export interface BundlesFolder {
  folder: string;
  /** A name for a new bundle from this laptop, today (ending .gpbundle). */
  suggestedName: string;
  /** Each bundle in the folder, chosen for opening: `file` is its id. */
  files: { file: string; name: string; bytes: number; modifiedAt: string }[];
}

/** The key bundles are protected with for the office: it came, signed, with the office's roster. */
export interface OfficeKey {
  sealKey: string;
  /** The laptop whose roster brought it, as this laptop names it. */
  laptop: string;
  deviceId: string;
  fingerprint: string;
  /** When that roster was made. */
  rosterCreatedAt: string;
}

/** A long bundle task under way: what it is doing and, where known, how much of it is done. */
export interface BundleProgress {
  task: 'export' | 'check' | 'import';
  /** "Writing changes", "Checking and importing changes"… */
  phase: string;
  done: number;
  total: number | null;
}

export const sync = {
  /** The bundle task under way on this laptop, if any: answers even while an import is running. */
  'bundles.progress': method<BundleProgress | null>()(z.object({})),
  'bundles.folder': method<BundlesFolder>()(z.object({})),
  /** The office key from the office's roster, if one has been imported here. */
  'bundles.officeKey': method<OfficeKey | null>()(z.object({})),
  /** The laptops this one trusts, by name. */
  'devices.list': method<TrustedDeviceInfo[]>()(z.object({})),
  /** Imports a bundle from a trusted laptop: all of it or nothing. */
  'bundles.import': method<BundleImportResult>()(z.object({ file: fileId, passphrase: passphrase.optional() })),
  /** Trusts another laptop's key, after a person has compared its fingerprint. */
  'devices.trust': method<TrustedDeviceInfo>()(
    z.object({
      publicKey: z
        .string('Enter the other laptop’s public key')
        .trim()
        .min(1, 'Enter the other laptop’s public key')
        .max(100, 'That is too long for a public key'),
      name: singleLine(
        z.string().trim().min(1, 'Name the laptop, like "Coventry panel laptop"').max(80, 'Use 80 characters or fewer'),
        'The laptop’s name',
      ).default('Another laptop'),
    }),
  ),
  'sync.status': method<SyncStatus>()(z.object({})),
  /** Chooses which of two signed versions of a laptop's log the office accepts: a decision that travels. */
  'devices.chooseVersion': method<EquivocationInfo>()(
    z.object({
      deviceId: z.string().regex(/^[0-9a-f]{16}$/, 'Choose the laptop'),
      seq: z.number().int().min(1).max(1_000_000_000),
      version: z.enum(['held', 'incoming'], 'Choose which version the office accepts'),
    }),
  ),
  /** Stops trusting a laptop: its later bundles are refused here, and its new events relayed by others left out. */
  'devices.revoke': method<{ deviceId: string; name: string; changesKept: number }>()(
    z.object({
      deviceId: z.string().regex(/^[0-9a-f]{16}$/, 'Choose the laptop to stop trusting'),
      reason: z
        .string('Give the reason, like “reported stolen”')
        .trim()
        .min(1, 'Give the reason, like “reported stolen”')
        .max(200, 'Use 200 characters or fewer'),
    }),
  ),
};
