// Sealing files in the age format (age-encryption.org/v1), so Debian's `age -d` opens what we seal and we
// open what `age` seals (ARCHITECTURE.md rule 7). Built on `age-encryption`, the TypeScript implementation
// by age's author. Sealing is to X25519 office keys ("age1…") or to a passphrase (scrypt).
//
// Two ways in: whole files in memory (sealToRecipients, sealWithPassphrase, openSealed) for bundles of a
// few megabytes, and file-to-file streaming (sealFile, openSealedFile) that holds one 64 KiB chunk at a
// time, for large bundles.
import { Decrypter, Encrypter, armor, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';

export type SealFailure = 'NOT_AGE' | 'NO_MATCHING_KEY' | 'WRONG_PASSPHRASE' | 'DAMAGED';

/** Why a sealed file could not be opened, with a message a grants officer can act on. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    readonly reason: SealFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What opens a sealed file: office keys ("AGE-SECRET-KEY-1…", or the text of an age-keygen key file) and/or a passphrase. */
export interface OpenKey {
  identities?: readonly string[];
  passphrase?: string;
}

export interface PassphraseSealOptions {
  /**
   * log2 of scrypt's work factor. Leave unset in the app: the library's default (18, about 2 s and 256 MB in
   * pure JS) is what makes a passphrase hard to guess offline. Tests may lower it explicitly.
   */
  scryptWorkFactor?: number;
}

export type SealTarget = { recipients: readonly string[] } | { passphrase: string };

const VERSION_LINE = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const MIN_PASSPHRASE_CHARS = 12;
// The library refuses to open files above 2^20 (it would need 1 GB); we never seal above that either.
const SCRYPT_WORK_FACTOR_RANGE = { min: 10, max: 20 } as const;
// An X25519 recipient: "age1" and 58 bech32 characters (52 for the key, 6 for the checksum).
const RECIPIENT = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;
const IDENTITY_PREFIX = 'AGE-SECRET-KEY-1';
const HEADER_PEEK_BYTES = 64 * 1024;

const MESSAGES = {
  notAge:
    "This file isn't a protected bundle (it is not in the age format). Check you picked the right file — it may be an unprotected copy or a different document.",
  otherKey: "This bundle is protected with another office key — ask the sender to protect it with this office's key.",
  keyNotPassphrase:
    'This bundle is protected with an office key, not a password — open it on the laptop that holds that office key, or ask the sender to protect it with a password.',
  wrongPassphrase: "The password doesn't match this bundle. Check it with the sender (capitals and spaces count) and try again.",
  passphraseNotKey: 'This bundle is protected with a password, not an office key — enter the password the sender gave you.',
  damaged: 'This bundle is damaged or incomplete — it may have been cut short or changed on the way. Ask the sender to send it again.',
  tooStrong:
    'This bundle was protected with password settings stronger than GrantPanel can open. Ask the sender to protect it again with GrantPanel or with the standard age tool.',
} as const;

/** Makes a new office key: the secret identity ("AGE-SECRET-KEY-1…") and the recipient others seal to ("age1…"). */
export async function createSealIdentity(): Promise<{ identity: string; recipient: string }> {
  // X25519 explicitly: the library's generateIdentity() may move to post-quantum keys that Debian's age 1.1 cannot read.
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** Seals bytes so that any one of the recipients' office keys opens them. Returns a binary age file. */
export async function sealToRecipients(plain: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  requireBytes(plain, 'sealToRecipients');
  return recipientEncrypter(recipients).encrypt(plain);
}

/** Seals bytes with a passphrase (scrypt, deliberately slow). Returns a binary age file. */
export async function sealWithPassphrase(plain: Uint8Array, passphrase: string, options: PassphraseSealOptions = {}): Promise<Uint8Array> {
  requireBytes(plain, 'sealWithPassphrase');
  return passphraseEncrypter(passphrase, options).encrypt(plain);
}

/** Opens a sealed file (binary or ASCII-armoured age). Throws SealError when it cannot. */
export async function openSealed(sealed: Uint8Array, key: OpenKey): Promise<Uint8Array> {
  requireBytes(sealed, 'openSealed');
  const decrypter = keyDecrypter(key);
  const binary = unarmor(sealed);
  try {
    return await decrypter.decrypt(binary);
  } catch (error) {
    throw explain(error, binary, key);
  }
}

/** True when the bytes begin like an age file: the "age-encryption.org/v1" header, or its ASCII armour. */
export function isAgeFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, 0, VERSION_LINE) || isArmored(bytes);
}

/**
 * Seals a file to another path, streaming: memory stays flat whatever the size. The sealed file appears at
 * `sealedPath` only once complete.
 */
export async function sealFile(sourcePath: string, sealedPath: string, to: SealTarget, options: PassphraseSealOptions = {}): Promise<void> {
  const encrypter = 'passphrase' in to ? passphraseEncrypter(to.passphrase, options) : recipientEncrypter(to.recipients);
  const source = createReadStream(sourcePath);
  try {
    await writeAtomically(sealedPath, 0o644, async (out) => {
      const sealed = await encrypter.encrypt(webStream(source));
      await sealed.pipeTo(out);
    });
  } finally {
    source.destroy();
  }
}

/**
 * Opens a sealed file to another path, streaming. Every 64 KiB chunk is authenticated before it is written,
 * and the plain file appears at `plainPath` (readable by the owner only) only once the last chunk has been
 * verified, so a cut-short or altered bundle never leaves a partial plain file behind. Throws SealError.
 */
export async function openSealedFile(sealedPath: string, plainPath: string, key: OpenKey): Promise<void> {
  const decrypter = keyDecrypter(key);
  const peek = await readStart(sealedPath, HEADER_PEEK_BYTES);
  if (isArmored(peek)) {
    // Armoured files are text, made for e-mail and small: open them whole.
    const plain = await openSealed(await readFile(sealedPath), key);
    await writeAtomically(plainPath, 0o600, async (out) => {
      const writer = out.getWriter();
      await writer.write(plain);
      await writer.close();
    });
    return;
  }
  if (!startsWith(peek, 0, VERSION_LINE)) throw new SealError('NOT_AGE', MESSAGES.notAge);
  const source = createReadStream(sealedPath);
  try {
    await writeAtomically(plainPath, 0o600, async (out) => {
      const plain = await decrypter.decrypt(webStream(source));
      await plain.pipeTo(out);
    });
  } catch (error) {
    // A disk that is full or a folder we may not write to is not the bundle's fault: pass those through.
    throw isFileSystemError(error) ? error : explain(error, peek, key);
  } finally {
    source.destroy();
  }
}

function recipientEncrypter(recipients: readonly string[]): Encrypter {
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new TypeError('Choose at least one office key to seal to (an "age1…" key from the office that will open the bundle).');
  }
  const encrypter = new Encrypter();
  for (const recipient of new Set(recipients.map((r) => (typeof r === 'string' ? r.trim() : r)))) {
    if (typeof recipient !== 'string' || !RECIPIENT.test(recipient)) {
      throw new TypeError(`${describe(recipient)} is not an office key. An office key starts with "age1" and is 62 characters long.`);
    }
    try {
      encrypter.addRecipient(recipient);
    } catch {
      throw new TypeError(
        `${describe(recipient)} is not a valid office key: a character is wrong or missing. Copy it again from the sender.`,
      );
    }
  }
  return encrypter;
}

function passphraseEncrypter(passphrase: string, options: PassphraseSealOptions): Encrypter {
  if (typeof passphrase !== 'string') throw new TypeError('The passphrase must be text.');
  if (Array.from(passphrase).length < MIN_PASSPHRASE_CHARS || passphrase.trim() === '') {
    throw new RangeError(
      `The passphrase must be at least ${MIN_PASSPHRASE_CHARS} characters long. Four or five unrelated words are easy to share and hard to guess.`,
    );
  }
  const encrypter = new Encrypter();
  const logN = options.scryptWorkFactor;
  if (logN !== undefined) {
    const { min, max } = SCRYPT_WORK_FACTOR_RANGE;
    if (!Number.isInteger(logN) || logN < min || logN > max) {
      throw new RangeError(`scryptWorkFactor must be a whole number from ${min} to ${max} (got ${String(logN)}).`);
    }
    encrypter.setScryptWorkFactor(logN);
  }
  encrypter.setPassphrase(passphrase);
  return encrypter;
}

function keyDecrypter(key: OpenKey): Decrypter {
  const identities = (key.identities ?? []).flatMap(identityLines);
  const passphrase = key.passphrase;
  if (identities.length === 0 && (passphrase === undefined || passphrase === '')) {
    throw new TypeError('Give an office key or a passphrase to open a sealed bundle.');
  }
  const decrypter = new Decrypter();
  identities.forEach((identity, index) => {
    // Never echo the identity, nor the library's error: both would put a secret key into logs.
    if (!identity.startsWith(IDENTITY_PREFIX)) {
      throw new TypeError(`Office key ${index + 1} is not a secret office key: it should start with "${IDENTITY_PREFIX}".`);
    }
    try {
      decrypter.addIdentity(identity);
    } catch {
      throw new TypeError(`Office key ${index + 1} is damaged: a character is wrong or missing.`);
    }
  });
  if (passphrase !== undefined && passphrase !== '') decrypter.addPassphrase(passphrase);
  return decrypter;
}

/** An entry is a key, or the text of an age-keygen key file: one key a line, "#" comments and blank lines ignored. */
function identityLines(entry: string): string[] {
  if (typeof entry !== 'string') throw new TypeError('Office keys must be text.');
  return entry
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function unarmor(sealed: Uint8Array): Uint8Array {
  if (startsWith(sealed, 0, VERSION_LINE)) return sealed;
  if (!isArmored(sealed)) throw new SealError('NOT_AGE', MESSAGES.notAge);
  try {
    return armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(sealed));
  } catch {
    throw new SealError('DAMAGED', MESSAGES.damaged);
  }
}

/** Turns the library's terse errors into a SealError; `header` holds at least the start of the binary file. */
function explain(error: unknown, header: Uint8Array, key: OpenKey): SealError {
  if (error instanceof SealError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith('invalid version')) return new SealError('NOT_AGE', MESSAGES.notAge);
  if (text === 'scrypt work factor is too high') return new SealError('DAMAGED', MESSAGES.tooStrong);
  if (text.startsWith('no identity matched')) {
    const hasPassphrase = key.passphrase !== undefined && key.passphrase !== '';
    if (stanzaTypes(header).includes('scrypt')) {
      return new SealError('WRONG_PASSPHRASE', hasPassphrase ? MESSAGES.wrongPassphrase : MESSAGES.passphraseNotKey);
    }
    const hasIdentities = (key.identities ?? []).flatMap(identityLines).length > 0;
    return new SealError('NO_MATCHING_KEY', hasIdentities ? MESSAGES.otherKey : MESSAGES.keyNotPassphrase);
  }
  // Everything else — a bad header MAC, a malformed stanza, a chunk failing authentication, a file cut
  // short — means the bytes are not what was sealed.
  return new SealError('DAMAGED', MESSAGES.damaged);
}

/** The recipient types named in an age header ("X25519", "scrypt", …), read from its "-> type …" lines. */
function stanzaTypes(bytes: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, HEADER_PEEK_BYTES));
  const end = text.indexOf('\n---');
  const lines = (end >= 0 ? text.slice(0, end) : text).split('\n');
  return lines.filter((line) => line.startsWith('-> ')).map((line) => line.split(' ')[1] ?? '');
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function isArmored(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && i < 1024 && isAsciiSpace(bytes[i])) i++;
  return startsWith(bytes, i, ARMOR_BEGIN);
}

function isAsciiSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (bytes.length - at < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function requireBytes(value: unknown, where: string): void {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${where} expects the file's bytes as a Uint8Array.`);
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return `A ${typeof value}`;
  return value.length > 70 ? `"${value.slice(0, 67)}…"` : `"${value}"`;
}

function webStream(source: ReadStream): ReadableStream<Uint8Array> {
  // Node's web streams are the global ones; only their declared types differ from the DOM lib's.
  return Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>;
}

async function readStart(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Writes through `fill` into a new temporary file beside `path`, flushed to disk and renamed into place only
 * on success; on failure the temporary file is removed.
 */
async function writeAtomically(path: string, mode: number, fill: (out: WritableStream<Uint8Array>) => Promise<void>): Promise<void> {
  const partial = `${path}.partial-${process.pid}-${Date.now()}`;
  const handle = await open(partial, 'wx', mode);
  const out = new WritableStream<Uint8Array>({
    async write(chunk) {
      for (let done = 0; done < chunk.length;) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
    },
  });
  try {
    await fill(out);
    await handle.sync();
    await handle.close();
    await rename(partial, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
