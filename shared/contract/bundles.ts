import { z } from 'zod';
import type { BundleManifest } from '../formats/bundle';
import { method } from './method';

const bundlePath = z
  .string('Give the bundle file')
  .trim()
  .min(1, 'Give the bundle file')
  .max(4096, 'That file path is too long')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Give the full path of the bundle file')
  .refine((p) => !p.includes('\0'), 'That file path is not valid');

/** What a bundle holds and who signed it, as checked. */
export interface BundleInfo {
  file: string;
  createdAt: string;
  exporter: { deviceId: string; fingerprint: string; personName: string };
  eventCount: number;
  devices: BundleManifest['devices'];
  trustedComment: string;
  /** True when this laptop's own key signed it. */
  fromThisDevice: boolean;
}

export const bundles = {
  /** Writes every event this laptop holds to a signed bundle file. */
  'bundles.export': method<BundleInfo>()(
    z.object({ file: bundlePath.refine((p) => p.toLowerCase().endsWith('.gpbundle'), 'Bundle files end in .gpbundle') }),
  ),
  /** Checks a bundle without importing it. */
  'bundles.verify': method<BundleInfo>()(z.object({ file: bundlePath })),
};

export interface BundleImportResult {
  bundle: BundleInfo;
  newEvents: number;
  knownEvents: number;
  /** Stretches of a device's log this laptop still lacks, like "events 41–57 from device … are missing". */
  gaps: string[];
}

export interface TrustedDeviceInfo {
  deviceId: string;
  fingerprint: string;
  name: string;
}

export const sync = {
  /** Imports a bundle from a trusted laptop: all of it or nothing. */
  'bundles.import': method<BundleImportResult>()(z.object({ file: bundlePath })),
  /** Trusts another laptop's key, after a person has compared its fingerprint. */
  'devices.trust': method<TrustedDeviceInfo>()(
    z.object({
      publicKey: z
        .string('Enter the other laptop’s public key')
        .trim()
        .min(1, 'Enter the other laptop’s public key')
        .max(100, 'That is too long for a public key'),
      name: z
        .string()
        .trim()
        .min(1, 'Name the laptop, like "Coventry panel laptop"')
        .max(80, 'Use 80 characters or fewer')
        .default('Another laptop'),
    }),
  ),
};
