// A person's Ed25519 key sealed under their passphrase: round trips, wrong passphrases, changed and
// hostile records (as a lying laptop could send), and signatures Debian's minisign accepts.
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  PASSPHRASE_LOG_N,
  newPersonKey,
  openSecret,
  publicKeyOf,
  sealSecret,
  sealedSecretSchema,
  type SealedSecret,
} from '../../electron/core/crypto/credential';
import { minisignPublicKeyFile, signMinisign, verifyMinisign } from '../../electron/core/crypto/minisign';

const FAST = { logN: 10 }; // the real cost (2^17) is checked once below
const PASSPHRASE = 'kettle orchard lantern';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
/** The same bytes with one bit flipped at `index`. */
const flipBit = (text: string, index = 0) => {
  const b = bytes(text);
  b[index] = (b[index] ?? 0) ^ 1;
  return b64(b);
};

const person = newPersonKey();
const sealedPromise = sealSecret(person.secretKey, PASSPHRASE, FAST);

describe('person keys', () => {
  test('a 32-byte seed, the form signMinisign takes, with its public half', () => {
    expect(person.secretKey).toHaveLength(32);
    expect(person.publicKey).toHaveLength(32);
    expect(publicKeyOf(person.secretKey)).toEqual(person.publicKey);
    expect(ed25519.getPublicKey(person.secretKey)).toEqual(person.publicKey);
    expect(newPersonKey().secretKey).not.toEqual(person.secretKey);
    expect(() => publicKeyOf(new Uint8Array(64))).toThrow(/32 bytes/);
  });
});

describe('sealing and opening', () => {
  test('round trip; each seal draws a fresh salt and nonce', async () => {
    const sealed = await sealedPromise;
    expect(sealedSecretSchema.parse(sealed)).toEqual(sealed);
    expect(sealed).toMatchObject({ kdf: 'scrypt', logN: 10, r: 8, p: 1 });
    expect(bytes(sealed.salt)).toHaveLength(16);
    expect(bytes(sealed.nonce)).toHaveLength(12);
    expect(bytes(sealed.ciphertext)).toHaveLength(48);
    expect(await openSecret(sealed, PASSPHRASE)).toEqual(person.secretKey);

    const again = await sealSecret(person.secretKey, PASSPHRASE, FAST);
    expect(again.salt).not.toBe(sealed.salt);
    expect(again.nonce).not.toBe(sealed.nonce);
    expect(again.ciphertext).not.toBe(sealed.ciphertext);
    expect(await openSecret(again, PASSPHRASE)).toEqual(person.secretKey);
  });

  test('a wrong passphrase opens nothing', async () => {
    const sealed = await sealedPromise;
    for (const wrong of ['kettle orchard lanterns', 'Kettle orchard lantern', 'kettle orchard lantern ', '', 'x']) {
      expect(await openSecret(sealed, wrong)).toBeNull();
    }
  });

  test('NFC and NFD spellings of the same passphrase open the same key', async () => {
    const composed = 'café crème brûlée'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const sealed = await sealSecret(person.secretKey, decomposed, FAST);
    expect(await openSecret(sealed, composed)).toEqual(person.secretKey);
    expect(await openSecret(sealed, decomposed)).toEqual(person.secretKey);
    expect(await openSecret(sealed, 'cafe creme brulee')).toBeNull();
  });

  test('a changed ciphertext, tag, salt, nonce or cost never yields a key', async () => {
    const sealed = await sealedPromise;
    const changed: SealedSecret[] = [
      { ...sealed, ciphertext: flipBit(sealed.ciphertext, 0) }, // the encrypted seed
      { ...sealed, ciphertext: flipBit(sealed.ciphertext, 31) },
      { ...sealed, ciphertext: flipBit(sealed.ciphertext, 40) }, // the tag
      { ...sealed, salt: flipBit(sealed.salt) },
      { ...sealed, nonce: flipBit(sealed.nonce, 11) },
      { ...sealed, logN: 11 },
    ];
    for (const record of changed) expect(await openSecret(record, PASSPHRASE)).toBeNull();
    // Another person's sealed ciphertext spliced into this record opens nothing either.
    const other = await sealSecret(newPersonKey().secretKey, PASSPHRASE, FAST);
    expect(await openSecret({ ...sealed, ciphertext: other.ciphertext }, PASSPHRASE)).toBeNull();
    expect(await openSecret({ ...other, salt: sealed.salt }, PASSPHRASE)).toBeNull();
    // r and p are fixed: a record changing them is refused outright.
    await expect(openSecret({ ...sealed, r: 1 }, PASSPHRASE)).rejects.toThrow(/malformed \(r:/);
    await expect(openSecret({ ...sealed, p: 2 }, PASSPHRASE)).rejects.toThrow(/malformed \(p:/);
  });

  test('sealing refuses a key of the wrong size, an empty passphrase and a cost out of range', async () => {
    await expect(sealSecret(new Uint8Array(64), PASSPHRASE, FAST)).rejects.toThrow(/32 bytes/);
    await expect(sealSecret(person.secretKey, '', FAST)).rejects.toThrow(/passphrase is required/);
    for (const logN of [9, 19, 21, 10.5, Number.NaN]) {
      await expect(sealSecret(person.secretKey, PASSPHRASE, { logN })).rejects.toThrow(/logN must be a whole number from 10 to 18/);
    }
  });

  test(`the default cost is OWASP's: N = 2^${PASSPHRASE_LOG_N}, r = 8, p = 1`, async () => {
    expect(PASSPHRASE_LOG_N).toBe(17);
    const sealed = await sealSecret(person.secretKey, PASSPHRASE);
    expect(sealed).toMatchObject({ kdf: 'scrypt', logN: 17, r: 8, p: 1 });
    expect(await openSecret(sealed, PASSPHRASE)).toEqual(person.secretKey);
    expect(await openSecret({ ...sealed, logN: 10 }, PASSPHRASE)).toBeNull();
  }, 30_000);
});

describe('hostile records (from a lying laptop)', () => {
  const base = (): Promise<SealedSecret> => sealedPromise;
  const salt15 = b64(new Uint8Array(15));
  const salt17 = b64(new Uint8Array(17));

  test('the schema refuses costs that would burn minutes or gigabytes, or be cheap to guess', async () => {
    const sealed = await base();
    for (const logN of [19, 21, 30, 64, 1e9, Number.MAX_SAFE_INTEGER, Infinity, 9, 0, -1, 10.5, Number.NaN]) {
      expect(sealedSecretSchema.safeParse({ ...sealed, logN }).success, `logN ${logN}`).toBe(false);
      await expect(openSecret({ ...sealed, logN }, PASSPHRASE)).rejects.toThrow(/malformed \(logN:/);
    }
    for (const [r, p] of [
      [1, 1],
      [16, 1],
      [8, 2],
      [8, 0],
      [1e6, 1],
    ] as const) {
      expect(sealedSecretSchema.safeParse({ ...sealed, r, p }).success, `r ${r} p ${p}`).toBe(false);
    }
  });

  test('wrong lengths, non-canonical base64, wrong types, extra and missing fields are refused', async () => {
    const sealed = await base();
    // 16 bytes are 22 characters then "=": the last character carries 2 bits of data and 4 of padding.
    const last = BASE64.indexOf(sealed.salt.at(-3) ?? 'A');
    const nonCanonicalSalt = `${sealed.salt.slice(0, -3)}${BASE64[last ^ 1] ?? ''}==`; // flips a padding bit only
    expect(Buffer.from(nonCanonicalSalt, 'base64')).toEqual(Buffer.from(sealed.salt, 'base64'));
    const urlSafeSalt = b64(new Uint8Array(16).fill(0xfb)).replace(/\+/g, '-').replace(/\//g, '_');
    expect(Buffer.from(urlSafeSalt, 'base64')).toHaveLength(16);
    const hostile: Record<string, unknown>[] = [
      { ...sealed, salt: salt15 },
      { ...sealed, salt: salt17 },
      { ...sealed, salt: '' },
      { ...sealed, salt: nonCanonicalSalt },
      { ...sealed, salt: ` ${sealed.salt}` },
      { ...sealed, salt: sealed.salt.replace(/=+$/, '') }, // unpadded
      { ...sealed, salt: `${sealed.salt.slice(0, 4)}\n${sealed.salt.slice(4)}` },
      { ...sealed, salt: urlSafeSalt }, // base64url, which Buffer would also read
      { ...sealed, nonce: b64(new Uint8Array(16)) },
      { ...sealed, nonce: b64(new Uint8Array(11)) },
      { ...sealed, ciphertext: b64(new Uint8Array(47)) },
      { ...sealed, ciphertext: b64(new Uint8Array(49)) },
      { ...sealed, ciphertext: b64(new Uint8Array(64 + 16)) }, // a 64-byte secret key
      { ...sealed, ciphertext: 'A'.repeat(10_000_000) },
      { ...sealed, kdf: 'argon2id' },
      { ...sealed, kdf: 'pbkdf2' },
      { ...sealed, logN: '17' },
      { ...sealed, salt: bytes(sealed.salt) },
      { ...sealed, extra: 'field' },
      { kdf: 'scrypt', logN: 10, r: 8, p: 1, salt: sealed.salt, nonce: sealed.nonce },
      {},
    ];
    for (const record of hostile) {
      expect(sealedSecretSchema.safeParse(record).success, JSON.stringify(record).slice(0, 200)).toBe(false);
      await expect(openSecret(record as unknown as SealedSecret, PASSPHRASE)).rejects.toThrow(/^The sealed key record is malformed/);
    }
    for (const notARecord of [null, undefined, 'sealed', 17, []]) {
      await expect(openSecret(notARecord as unknown as SealedSecret, PASSPHRASE)).rejects.toThrow(/malformed/);
    }
  });

  test('a record passing the schema but changed by a laptop opens as null, never as another key', async () => {
    const sealed = await base();
    const forged: SealedSecret = { ...sealed, ciphertext: b64(new Uint8Array(48)) };
    expect(sealedSecretSchema.safeParse(forged).success).toBe(true);
    expect(await openSecret(forged, PASSPHRASE)).toBeNull();
  });
});

describe("signing with a person key, checked by Debian's minisign", () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-credential-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string) => join(dir, name);

  /** Runs /usr/bin/minisign; its absence fails the test rather than skipping it (as minisign.test.ts). */
  function minisign(...args: string[]) {
    const run = spawnSync('minisign', args, { cwd: dir, input: '', encoding: 'utf8', timeout: 30_000 });
    if (run.error) {
      throw new Error(
        `Could not run minisign (${run.error.message}). These interop tests need Debian's minisign: apt-get install minisign`,
      );
    }
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  test('a decision signed with an opened person key verifies with minisign -V -p, and fails once changed', async () => {
    const opened = await openSecret(await sealedPromise, PASSPHRASE);
    expect(opened).not.toBeNull();
    const secretKey = opened ?? new Uint8Array();
    const decision = new TextEncoder().encode('{"decision":"approved","application":"A-0042","amount":"£1,250.00"}\n');
    const trustedComment = 'decision by the Chief Executive, 25 Nov 2026';
    writeFileSync(path('decision.json'), decision);
    writeFileSync(path('decision.json.minisig'), signMinisign({ secretKey, message: decision, trustedComment }));
    writeFileSync(path('person.pub'), minisignPublicKeyFile(publicKeyOf(secretKey)));

    const good = minisign('-V', '-p', 'person.pub', '-m', 'decision.json');
    expect(good.status, good.output).toBe(0);
    expect(good.output).toContain(`Trusted comment: ${trustedComment}\n`);

    const changed = decision.slice();
    changed[20] = (changed[20] ?? 0) ^ 1;
    writeFileSync(path('decision.json'), changed);
    const bad = minisign('-V', '-p', 'person.pub', '-m', 'decision.json');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(/verification failed/i);
    // Our own verifier agrees.
    const minisig = signMinisign({ secretKey, message: decision, trustedComment });
    expect(verifyMinisign({ publicKey: person.publicKey, message: decision, signature: minisig }).trustedComment).toBe(trustedComment);
    expect(() => verifyMinisign({ publicKey: person.publicKey, message: changed, signature: minisig })).toThrow(/does not match/);
  });
});
