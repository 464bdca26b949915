// The device identity: an Ed25519 key pair made on first run; the device id comes from the public key.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface DeviceIdentity {
  id: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  fingerprint: string;
}

const FILE = 'device-key.json';

/** A device's id and the fingerprint people compare, both from its public key. */
export function deviceIdOf(publicKey: Uint8Array): { id: string; fingerprint: string } {
  const digest = bytesToHex(sha256(publicKey));
  return { id: digest.slice(0, 16), fingerprint: (digest.slice(0, 24).match(/.{4}/g) ?? []).join(' ').toUpperCase() };
}

function identity(secretKey: Uint8Array): DeviceIdentity {
  const publicKey = ed25519.getPublicKey(secretKey);
  return { ...deviceIdOf(publicKey), publicKey, secretKey };
}

/** Loads this device's key from the data folder, making one (readable by the owner only) on first run. */
export function loadOrCreateDevice(dataDir: string): DeviceIdentity {
  const file = join(dataDir, FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { secretKey?: string };
    if (typeof stored.secretKey !== 'string') throw new Error(`${file} is damaged: it holds no device key`);
    return identity(Buffer.from(stored.secretKey, 'base64'));
  }
  const secretKey = ed25519.utils.randomSecretKey();
  const device = identity(secretKey);
  const tmp = `${file}.tmp`;
  writeFileSync(
    tmp,
    JSON.stringify({ publicKey: Buffer.from(device.publicKey).toString('base64'), secretKey: Buffer.from(secretKey).toString('base64') }),
    {
      mode: 0o600,
    },
  );
  renameSync(tmp, file);
  return device;
}
