// A person's credential: an Ed25519 signing key whose secret half is sealed under their passphrase.
// The secret is the 32-byte seed signMinisign takes, encrypted with AES-256-GCM under a key derived
// by scrypt (N = 2^17, r = 8, p = 1: OWASP's minimum for scrypt). The sealed record travels in
// sealed bundles, so it is checked as hostile input: a record from another laptop must not make us
// spend minutes or gigabytes deriving a key, and a wrong passphrase or a changed record never
// yields a key other than the one sealed (GCM's tag fails and we answer null).
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';

export interface SealedSecret {
  kdf: 'scrypt';
  logN: number;
  r: number;
  p: number;
  /** base64 of 16 random bytes */
  salt: string;
  /** base64 of the 12-byte AES-GCM nonce */
  nonce: string;
  /** base64 of the encrypted 32-byte seed followed by the 16-byte GCM tag */
  ciphertext: string;
}

/** OWASP's scrypt parameters: N = 2^17 (128 MiB), r = 8, p = 1. */
export const PASSPHRASE_LOG_N = 17;
const R = 8;
const P = 1;
// Below 2^10 a record would be cheap to guess at; above 2^18 (256 MiB, 1–2 s here) a record from a lying laptop would stall every sign-in.
const MIN_LOG_N = 10;
const MAX_LOG_N = 18;
const SEED_BYTES = 32;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Strict base64 of an exact length: Buffer alone skips stray characters and ignores padding bits,
 * so only the canonical spelling (one that re-encodes to itself) is accepted. */
function fromBase64(text: string, length: number): Uint8Array | undefined {
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  return bytes.length === length && toBase64(bytes) === text ? bytes : undefined;
}

const base64Of = (length: number, what: string) =>
  z
    .string()
    .max(4 * Math.ceil(length / 3))
    .refine((text) => fromBase64(text, length) !== undefined, { message: `${what} must be ${length} bytes in canonical base64` });

export const sealedSecretSchema: z.ZodType<SealedSecret> = z
  .object({
    kdf: z.literal('scrypt'),
    logN: z.number().int().min(MIN_LOG_N).max(MAX_LOG_N),
    r: z.literal(R),
    p: z.literal(P),
    salt: base64Of(SALT_BYTES, 'The salt'),
    nonce: base64Of(NONCE_BYTES, 'The nonce'),
    ciphertext: base64Of(SEED_BYTES + TAG_BYTES, 'The ciphertext'),
  })
  .strict();

/** A new Ed25519 key pair; secretKey is the 32-byte seed, the form signMinisign takes. */
export function newPersonKey(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const secretKey = ed25519.utils.randomSecretKey();
  return { publicKey: ed25519.getPublicKey(secretKey), secretKey };
}

/** The public half of a 32-byte Ed25519 seed. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== SEED_BYTES) throw new Error('An Ed25519 secret key is 32 bytes');
  return ed25519.getPublicKey(secretKey);
}

/** The associated data: what the record says about its key derivation is authenticated with it,
 * and the label keeps this key's use apart from any other thing derived from a passphrase. */
function associatedData(s: Pick<SealedSecret, 'kdf' | 'logN' | 'r' | 'p'>): Buffer {
  return Buffer.from(`grantpanel person key v1;kdf=${s.kdf};logN=${s.logN};r=${s.r};p=${s.p}`, 'utf8');
}

/** scrypt in libuv's thread pool (never scryptSync: ~0.5 s at 2^17 would freeze the window). The
 * memory cap is what these parameters need and no more, so it also bounds a hostile record. */
function deriveKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r: R, p: P, maxmem: 128 * R * (N + P + 2) + 1024 * 1024 };
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, options, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Seals a 32-byte Ed25519 seed under a passphrase (normalised to NFC, so the same passphrase typed
 * on a keyboard that composes accents differently still opens it). */
export async function sealSecret(secretKey: Uint8Array, passphrase: string, options?: { logN?: number }): Promise<SealedSecret> {
  if (secretKey.length !== SEED_BYTES) throw new Error('An Ed25519 secret key is 32 bytes');
  if (passphrase.length === 0) throw new Error('A passphrase is required');
  const logN = options?.logN ?? PASSPHRASE_LOG_N;
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) {
    throw new Error(`The scrypt cost logN must be a whole number from ${MIN_LOG_N} to ${MAX_LOG_N}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const params = { kdf: 'scrypt' as const, logN, r: R, p: P };
  const key = await deriveKey(passphrase, salt, logN);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(params));
    const ciphertext = Buffer.concat([cipher.update(secretKey), cipher.final(), cipher.getAuthTag()]);
    return { ...params, salt: toBase64(salt), nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  } finally {
    key.fill(0);
  }
}

/** The sealed seed, or null when the passphrase is wrong (or the record was changed: the two cannot
 * be told apart, and neither yields a key). A record that is not a sealed secret at all throws. */
export async function openSecret(sealed: SealedSecret, passphrase: string): Promise<Uint8Array | null> {
  const parsed = sealedSecretSchema.safeParse(sealed);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new Error(`The sealed key record is malformed (${where}${issue?.message ?? 'not a sealed key'})`);
  }
  const record = parsed.data;
  const salt = fromBase64(record.salt, SALT_BYTES);
  const nonce = fromBase64(record.nonce, NONCE_BYTES);
  const sealedBytes = fromBase64(record.ciphertext, SEED_BYTES + TAG_BYTES);
  if (!salt || !nonce || !sealedBytes) throw new Error('The sealed key record is malformed'); // the schema checked these
  const key = await deriveKey(passphrase, salt, record.logN);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(record));
    decipher.setAuthTag(sealedBytes.subarray(SEED_BYTES));
    const seed = Buffer.concat([decipher.update(sealedBytes.subarray(0, SEED_BYTES)), decipher.final()]);
    const copy = new Uint8Array(seed);
    seed.fill(0);
    return copy;
  } catch {
    return null; // the tag did not match: wrong passphrase or a changed record
  } finally {
    key.fill(0);
  }
}
