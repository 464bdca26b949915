// The device identity: an Ed25519 key pair made on first run; the device id comes from the public key.
// The key is first written as a pending file and takes its final name only once the database
// holding this device's first events has committed (see ../identity.ts).
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DeviceIdentity {
  id: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  fingerprint: string;
}

export const DEVICE_KEY_FILE = 'device-key.json';
/** A key made by a first run that has not finished yet: it has signed nothing. */
export const PENDING_KEY_FILE = 'device-key.json.pending';

/** A device's id and the fingerprint people compare, both from its public key. */
export function deviceIdOf(publicKey: Uint8Array): { id: string; fingerprint: string } {
  const digest = bytesToHex(sha256(publicKey));
  return { id: digest.slice(0, 16), fingerprint: (digest.slice(0, 24).match(/.{4}/g) ?? []).join(' ').toUpperCase() };
}

function identity(secretKey: Uint8Array): DeviceIdentity {
  const publicKey = ed25519.getPublicKey(secretKey);
  return { ...deviceIdOf(publicKey), publicKey, secretKey };
}

function readKey(file: string): DeviceIdentity | null {
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { secretKey?: string };
  if (typeof stored.secretKey !== 'string') throw new Error(`${file} is damaged: it holds no device key`);
  return identity(Buffer.from(stored.secretKey, 'base64'));
}

/** This device's key, or null when the data folder has none. */
export function readDeviceKey(dataDir: string): DeviceIdentity | null {
  return readKey(join(dataDir, DEVICE_KEY_FILE));
}

/** The key an unfinished first run made, or null. */
export function readPendingKey(dataDir: string): DeviceIdentity | null {
  return readKey(join(dataDir, PENDING_KEY_FILE));
}

/** A folder's entries survive a power cut only once the folder itself is flushed (not possible on Windows). */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a new key and saves it, flushed and readable by the owner only, as the pending key. */
export function createPendingKey(dataDir: string): DeviceIdentity {
  const device = identity(ed25519.utils.randomSecretKey());
  const file = join(dataDir, PENDING_KEY_FILE);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeFileSync(
      fd,
      JSON.stringify({
        publicKey: Buffer.from(device.publicKey).toString('base64'),
        secretKey: Buffer.from(device.secretKey).toString('base64'),
      }),
    );
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncFolder(dataDir);
  return device;
}

/** The pending key becomes this device's key: called once its database has committed its first events. */
export function commitPendingKey(dataDir: string): void {
  renameSync(join(dataDir, PENDING_KEY_FILE), join(dataDir, DEVICE_KEY_FILE));
  syncFolder(dataDir);
}
