// Signatures in the minisign format (https://jedisct1.github.io/minisign/), so anyone can check a
// bundle with Debian's `minisign -V` and we can check files signed by `minisign -S`.
//
// Public key:  base64("Ed" ‖ key id (8) ‖ Ed25519 public key (32))
// .minisig:    untrusted comment: <anything>
//              base64(algorithm "ED" or legacy "Ed" (2) ‖ key id (8) ‖ signature (64))
//              trusted comment: <text>
//              base64(global signature (64))
// "ED" signs BLAKE2b-512(message); "Ed" signs the message itself. The global signature covers
// signature ‖ trusted comment, which is what makes the trusted comment trusted.
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '@noble/curves/utils.js';
import { bytesToHex, concatBytes, utf8ToBytes as utf8 } from '@noble/hashes/utils.js';

export type MinisignFailure = 'MALFORMED' | 'WRONG_KEY' | 'BAD_SIGNATURE' | 'BAD_TRUSTED_COMMENT';

export class MinisignError extends Error {
  constructor(
    readonly reason: MinisignFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MinisignError';
  }
}

const KEY_ALGORITHM = 'Ed';
const PREHASHED = 'ED';
const LEGACY = 'Ed';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
// minisign reads each line with fgets into fixed buffers (1024 and 8192 bytes, counting the prefix,
// the newline and the terminating NUL); a longer line would be split and the file misread.
const MAX_UNTRUSTED_BYTES = 1024 - UNTRUSTED_PREFIX.length - 2;
const MAX_TRUSTED_BYTES = 8192 - TRUSTED_PREFIX.length - 2;

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Strict base64: Buffer alone skips stray characters and ignores padding bits, so one key or
 * signature would have many spellings; only the canonical one (re-encodes to itself) is accepted. */
function fromBase64(text: string, length: number): Uint8Array | undefined {
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  return bytes.length === length && toBase64(bytes) === text ? bytes : undefined;
}

/** Comments must stay on one line; minisign also cuts a line at a CR, and C strings at a NUL.
 * Lone surrogates would not survive UTF-8, so the text read back would differ from the text signed. */
function unfitForLine(text: string): boolean {
  return /[\r\n\0]|[\uD800-\uDFFF]/u.test(text);
}

/** The key id: minisign draws it at random; ours is derived, so a device key always has the same one. */
export function minisignKeyId(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new Error('An Ed25519 public key is 32 bytes');
  return sha256(publicKey).slice(0, 8);
}

/** The key id as minisign prints it (printf "%lX"): the 8 bytes read as a little-endian number, in
 * upper-case hex without leading zeros, so ours match what `minisign` shows for the same key. */
function keyIdText(keyId: Uint8Array): string {
  return bytesToHex(keyId.slice().reverse())
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

/** The public key as a base64 string, as given to `minisign -V -P`. */
export function minisignPublicKey(publicKey: Uint8Array): string {
  return toBase64(concatBytes(utf8(KEY_ALGORITHM), minisignKeyId(publicKey), publicKey));
}

/** The text of a minisign .pub file, as given to `minisign -V -p`. */
export function minisignPublicKeyFile(publicKey: Uint8Array, comment?: string): string {
  const untrusted = comment ?? `minisign public key ${keyIdText(minisignKeyId(publicKey))}`;
  if (unfitForLine(untrusted)) throw new Error('A public key comment must be one line of text');
  return `${UNTRUSTED_PREFIX}${untrusted}\n${minisignPublicKey(publicKey)}\n`;
}

export interface MinisignSignInput {
  /** The 32-byte Ed25519 secret seed. */
  secretKey: Uint8Array;
  message: Uint8Array;
  /** Signed along with the message and shown by `minisign -V`: one line. */
  trustedComment: string;
  /** Not signed: anyone can change it. One line. */
  untrustedComment?: string;
}

/** Signs a message, returning the text of its .minisig file (prehashed "ED" algorithm). */
export function signMinisign({ secretKey, message, trustedComment, untrustedComment }: MinisignSignInput): string {
  if (secretKey.length !== 32) throw new Error('An Ed25519 secret key is 32 bytes');
  const untrusted = untrustedComment ?? 'signature from minisign secret key';
  if (unfitForLine(trustedComment)) throw new Error('A trusted comment must be one line of text, with no carriage return or NUL');
  if (unfitForLine(untrusted)) throw new Error('An untrusted comment must be one line of text, with no carriage return or NUL');
  const trusted = utf8(trustedComment);
  if (trusted.length > MAX_TRUSTED_BYTES) throw new Error(`A trusted comment is at most ${MAX_TRUSTED_BYTES} bytes`);
  if (utf8(untrusted).length > MAX_UNTRUSTED_BYTES) throw new Error(`An untrusted comment is at most ${MAX_UNTRUSTED_BYTES} bytes`);

  const publicKey = ed25519.getPublicKey(secretKey);
  const signature = ed25519.sign(blake2b(message, { dkLen: 64 }), secretKey);
  const globalSignature = ed25519.sign(concatBytes(signature, trusted), secretKey);
  const signatureBlock = concatBytes(utf8(PREHASHED), minisignKeyId(publicKey), signature);
  return [
    `${UNTRUSTED_PREFIX}${untrusted}`,
    toBase64(signatureBlock),
    `${TRUSTED_PREFIX}${trustedComment}`,
    toBase64(globalSignature),
    '',
  ].join('\n');
}

export interface MinisignVerifyInput {
  /** The raw 32-byte Ed25519 public key (its key id is derived as ours are)… */
  publicKey?: Uint8Array;
  /** …or a minisign public key string, as in the second line of a .pub file. */
  publicKeyBase64?: string;
  message: Uint8Array;
  /** The text of the .minisig file. */
  signature: string;
}

function parsePublicKey({ publicKey, publicKeyBase64 }: MinisignVerifyInput): { keyId: Uint8Array; key: Uint8Array } {
  if (publicKey !== undefined && publicKeyBase64 !== undefined) throw new Error('Give the public key once: bytes or base64, not both');
  if (publicKey !== undefined) {
    if (publicKey.length !== 32) throw new MinisignError('MALFORMED', 'The public key is not a 32-byte Ed25519 public key.');
    return { keyId: minisignKeyId(publicKey), key: publicKey };
  }
  if (publicKeyBase64 === undefined) throw new Error('A public key is required');
  const bytes = fromBase64(publicKeyBase64.trim(), 42);
  if (!bytes || !equalBytes(bytes.subarray(0, 2), utf8(KEY_ALGORITHM))) {
    throw new MinisignError('MALFORMED', 'The public key is not a minisign Ed25519 public key.');
  }
  return { keyId: bytes.slice(2, 10), key: bytes.slice(10) };
}

function checkEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // Strict RFC 8032 decoding, as libsodium (and so minisign) does: one valid spelling per signature.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false; // a public key that is not a curve point
  }
}

/** Verifies a .minisig file against a message and a public key, or throws a MinisignError. */
export function verifyMinisign(input: MinisignVerifyInput): { trustedComment: string; keyId: string } {
  const { keyId, key } = parsePublicKey(input);
  const malformed = (why: string) => new MinisignError('MALFORMED', `The signature file is not in the minisign format: ${why}.`);

  const text = input.signature.endsWith('\n') ? input.signature.slice(0, -1) : input.signature;
  const lines = text.split('\n');
  if (lines.length !== 4) throw malformed(`it has ${lines.length} lines where 4 are expected`);
  const [untrustedLine = '', signatureLine = '', trustedLine = '', globalLine = ''] = lines;
  if (!untrustedLine.startsWith(UNTRUSTED_PREFIX)) throw malformed(`the first line does not start with "${UNTRUSTED_PREFIX}"`);
  const block = fromBase64(signatureLine, 74);
  if (!block) throw malformed('the second line is not a base64 signature');
  const algorithm = new TextDecoder().decode(block.subarray(0, 2));
  if (algorithm !== PREHASHED && algorithm !== LEGACY) throw malformed(`the algorithm "${algorithm}" is not supported`);
  if (!trustedLine.startsWith(TRUSTED_PREFIX)) throw malformed(`the third line does not start with "${TRUSTED_PREFIX}"`);
  const trustedComment = trustedLine.slice(TRUSTED_PREFIX.length);
  if (unfitForLine(trustedComment)) throw malformed('the trusted comment holds a carriage return, a NUL or broken text');
  // What minisign itself would refuse, we refuse too: a bundle must check out with the standard tool.
  if (utf8(trustedComment).length > MAX_TRUSTED_BYTES) throw malformed('the trusted comment is too long');
  if (utf8(untrustedLine).length > UNTRUSTED_PREFIX.length + MAX_UNTRUSTED_BYTES) throw malformed('the untrusted comment is too long');
  const globalSignature = fromBase64(globalLine, 64);
  if (!globalSignature) throw malformed('the fourth line is not a base64 signature');

  const signedKeyId = block.subarray(2, 10);
  if (!equalBytes(signedKeyId, keyId)) {
    throw new MinisignError(
      'WRONG_KEY',
      `The file was signed with key ${keyIdText(signedKeyId)}, not with the expected key ${keyIdText(keyId)}.`,
    );
  }
  const signature = block.subarray(10);
  const signed = algorithm === PREHASHED ? blake2b(input.message, { dkLen: 64 }) : input.message;
  if (!checkEd25519(signature, signed, key)) {
    throw new MinisignError(
      'BAD_SIGNATURE',
      'The signature does not match the file: it was changed after signing, or signed by another key.',
    );
  }
  if (!checkEd25519(globalSignature, concatBytes(signature, utf8(trustedComment)), key)) {
    throw new MinisignError('BAD_TRUSTED_COMMENT', 'The trusted comment was changed after signing.');
  }
  return { trustedComment, keyId: keyIdText(keyId) };
}
