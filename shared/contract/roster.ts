// The roster: the office's list of trusted laptops and their people, signed, which other laptops
// import so a grants officer need not compare every fingerprint on every laptop.
import { z } from 'zod';
import { fileId } from './files';
import { method } from './method';

/**
 * Where a listed laptop stands here: this laptop itself, already trusted, not trusted yet ('new'),
 * or trusted just now by an import ('added').
 */
export type RosterDeviceStatus = 'this-laptop' | 'trusted' | 'new' | 'added';

export interface RosterDeviceInfo {
  deviceId: string;
  fingerprint: string;
  name: string;
  /** The person whose laptop it is, when the exporting laptop knew them. */
  personName: string | null;
  status: RosterDeviceStatus;
}

/** What a roster holds and who signed it, as checked. */
export interface RosterInfo {
  /** The file's name, as chosen. */
  file: string;
  createdAt: string;
  exporter: { deviceId: string; fingerprint: string; personName: string };
  /** The signer's key for protecting bundles to it (rosters from before it was carried have none). */
  sealKey: string | null;
  /** What importing does with sealKey: becomes the office key here, replaces it, is already it, or is left (another laptop's key is the office key). */
  officeKey: 'new' | 'replaces' | 'same' | 'kept' | 'none';
  trustedComment: string;
  /** True when this laptop's own key signed it. */
  fromThisDevice: boolean;
  /** True when the signer is this laptop or one it trusts: only then can the roster be imported. */
  signerTrusted: boolean;
  devices: RosterDeviceInfo[];
  /** How many listed laptops this one does not trust yet. */
  newDevices: number;
}

export interface RosterImportResult {
  /** Laptops trusted by this import. */
  added: number;
  /** Whether the roster's key is now this laptop's office key. */
  officeKeySet: boolean;
  /** Laptops listed that were trusted already (this laptop itself not counted). */
  alreadyTrusted: number;
  devices: RosterDeviceInfo[];
}

export const roster = {
  /** Writes the signed roster of every laptop this one trusts, and itself. */
  'roster.export': method<RosterInfo>()(z.object({ file: fileId })),
  /** Checks a roster without importing it: its signature, its rows, and which laptops are new here. */
  'roster.verify': method<RosterInfo>()(z.object({ file: fileId })),
  /** Trusts every laptop a roster lists, all or none; only from this laptop or a trusted one. */
  'roster.import': method<RosterImportResult>()(z.object({ file: fileId })),
};
