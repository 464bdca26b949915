import { afterAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  MinisignError,
  minisignKeyId,
  minisignPublicKey,
  minisignPublicKeyFile,
  signMinisign,
  verifyMinisign,
  type MinisignFailure,
} from '../../electron/core/crypto/minisign';

const text = (s: string) => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function keyPair() {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/** The MinisignError a verification throws; any other outcome fails the test. */
function failure(verify: () => unknown): MinisignError {
  try {
    verify();
  } catch (error) {
    if (error instanceof MinisignError) return error;
    throw error;
  }
  throw new Error('verification succeeded where it should have failed');
}

function expectFailure(reason: MinisignFailure, verify: () => unknown): void {
  const error = failure(verify);
  expect(error.reason, error.message).toBe(reason);
  expect(error.message.length).toBeGreaterThan(10);
}

const replaceLine = (file: string, index: number, line: string) =>
  file
    .split('\n')
    .map((l, i) => (i === index ? line : l))
    .join('\n');

const alice = keyPair();
const bob = keyPair();
const manifest = text('{"schema":3,"events":"sha256:abc"}\n');
const comment = 'bundle 7 from device 3F2A — ünïcode\tand a tab';
const signed = signMinisign({ secretKey: alice.secretKey, message: manifest, trustedComment: comment });

describe('our own signatures', () => {
  test('sign then verify, with the key as bytes or as minisign base64', () => {
    const lines = signed.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('untrusted comment: signature from minisign secret key');
    expect(lines[2]).toBe(`trusted comment: ${comment}`);
    expect(lines[4]).toBe('');
    expect(
      Buffer.from(lines[1] ?? '', 'base64')
        .subarray(0, 2)
        .toString(),
    ).toBe('ED'); // prehashed

    const byBytes = verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: signed });
    const byBase64 = verifyMinisign({ publicKeyBase64: minisignPublicKey(alice.publicKey), message: manifest, signature: signed });
    expect(byBytes).toEqual(byBase64);
    expect(byBytes.trustedComment).toBe(comment);
    expect(minisignPublicKeyFile(alice.publicKey)).toContain(`minisign public key ${byBytes.keyId}\n`);
    // The trailing newline is optional.
    expect(verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: signed.trimEnd() }).trustedComment).toBe(comment);
  });

  test('keys: a derived key id, the "Ed" public key string and the .pub file minisign reads', () => {
    expect(minisignKeyId(alice.publicKey)).toEqual(sha256(alice.publicKey).slice(0, 8));
    const raw = Buffer.from(minisignPublicKey(alice.publicKey), 'base64');
    expect(raw.subarray(0, 2).toString()).toBe('Ed');
    expect(new Uint8Array(raw.subarray(2, 10))).toEqual(minisignKeyId(alice.publicKey));
    expect(new Uint8Array(raw.subarray(10))).toEqual(alice.publicKey);
    expect(minisignPublicKeyFile(alice.publicKey, 'GrantPanel device 3F2A')).toBe(
      `untrusted comment: GrantPanel device 3F2A\n${minisignPublicKey(alice.publicKey)}\n`,
    );
    // minisign prints the id as a little-endian number with printf("%lX"): reversed bytes, no leading zeros.
    const withLeadingZero = Array.from({ length: 1000 }, keyPair).find(({ publicKey }) => {
      const top = minisignKeyId(publicKey)[7] ?? 0;
      return top > 0 && top < 0x10; // exactly one leading zero digit
    });
    if (!withLeadingZero) throw new Error('no key id with a leading zero among 1000 keys');
    const id = Buffer.from(minisignKeyId(withLeadingZero.publicKey)).reverse().toString('hex').toUpperCase();
    expect(minisignPublicKeyFile(withLeadingZero.publicKey).split('\n')[0]).toBe(`untrusted comment: minisign public key ${id.slice(1)}`);
    expect(() => minisignKeyId(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  test('a changed message fails as BAD_SIGNATURE', () => {
    const changed = manifest.slice();
    changed[5] = (changed[5] ?? 0) ^ 1;
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKey: alice.publicKey, message: changed, signature: signed }));
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKey: alice.publicKey, message: new Uint8Array(), signature: signed }));
  });

  test('a changed trusted comment fails as BAD_TRUSTED_COMMENT', () => {
    for (const forged of [`${comment}!`, comment.slice(0, -1), '', comment.replace('7', '8')]) {
      const file = replaceLine(signed, 2, `trusted comment: ${forged}`);
      expectFailure('BAD_TRUSTED_COMMENT', () => verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: file }));
    }
    // …and so does a global signature lifted from another file of the same key.
    const other = signMinisign({ secretKey: alice.secretKey, message: manifest, trustedComment: 'other' });
    const lifted = replaceLine(signed, 3, other.split('\n')[3] ?? '');
    expectFailure('BAD_TRUSTED_COMMENT', () => verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: lifted }));
  });

  test('an untrusted comment can change without failing: it is not signed', () => {
    const file = replaceLine(signed, 0, 'untrusted comment: anyone may write here');
    expect(verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: file }).trustedComment).toBe(comment);
  });

  test('another key fails as WRONG_KEY, and a key id alone is never trusted', () => {
    expectFailure('WRONG_KEY', () => verifyMinisign({ publicKey: bob.publicKey, message: manifest, signature: signed }));
    // Bob's signature relabelled with Alice's key id: the id matches, the signature does not.
    const bobs = Buffer.from(
      signMinisign({ secretKey: bob.secretKey, message: manifest, trustedComment: comment }).split('\n')[1] ?? '',
      'base64',
    );
    bobs.set(minisignKeyId(alice.publicKey), 2);
    const relabelled = replaceLine(signed, 1, bobs.toString('base64'));
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: relabelled }));
    // Alice's key id with Bob's public key.
    const mixed = b64(new Uint8Array([...text('Ed'), ...minisignKeyId(alice.publicKey), ...bob.publicKey]));
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKeyBase64: mixed, message: manifest, signature: signed }));
    // A weak (small-order) key with a matching trivial signature verifies nothing, as in libsodium.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const trivial = new Uint8Array([...text('ED'), ...minisignKeyId(identity), ...identity, ...new Uint8Array(32)]);
    const weak = replaceLine(replaceLine(signed, 1, b64(trivial)), 3, b64(new Uint8Array([...identity, ...new Uint8Array(32)])));
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKey: identity, message: manifest, signature: weak }));
  });

  test('every truncation of the file fails as MALFORMED (except dropping the final newline)', () => {
    for (let length = 0; length < signed.length - 1; length++) {
      expectFailure('MALFORMED', () =>
        verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: signed.slice(0, length) }),
      );
    }
  });

  test('garbled files and keys fail as MALFORMED', () => {
    const lines = signed.split('\n');
    const block = Buffer.from(lines[1] ?? '', 'base64');
    const unsupported = Buffer.from(block);
    unsupported.write('Ex', 0);
    const global = lines[3] ?? '';
    const garbled = [
      '',
      'hello',
      signed.replaceAll('\n', '\r\n'), // Windows line endings
      `${signed}\n`, // a blank fifth line
      `${signed}untrusted comment: again\n`,
      replaceLine(signed, 0, 'comment: no prefix'),
      replaceLine(signed, 2, `Trusted comment: ${comment}`),
      replaceLine(signed, 2, `trusted comment: ${comment}\r`),
      replaceLine(signed, 2, `trusted comment: ${comment}\0`),
      replaceLine(signed, 2, 'trusted comment: \uD800'), // a lone surrogate: not text UTF-8 can carry
      replaceLine(signed, 1, unsupported.toString('base64')),
      replaceLine(signed, 1, block.subarray(0, 73).toString('base64')),
      replaceLine(signed, 1, ` ${lines[1]}`),
      replaceLine(signed, 1, `${lines[1]}A`),
      replaceLine(signed, 3, global.replace('==', '')), // unpadded
      // The last character carries 4 unused bits: flipping one decodes to the same bytes in a lenient decoder.
      replaceLine(signed, 3, `${global.slice(0, 85)}${BASE64[BASE64.indexOf(global[85] ?? '') ^ 1]}==`),
      replaceLine(signed, 2, `trusted comment: ${'x'.repeat(8174)}`),
      replaceLine(signed, 0, `untrusted comment: ${'x'.repeat(1004)}`),
    ];
    for (const signature of garbled) {
      expectFailure('MALFORMED', () => verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature }));
    }
    for (const publicKeyBase64 of [
      '',
      'RWQ',
      minisignPublicKey(alice.publicKey).replace(/^RW/, 'RX'),
      `${minisignPublicKey(alice.publicKey)}A`,
    ]) {
      expectFailure('MALFORMED', () => verifyMinisign({ publicKeyBase64, message: manifest, signature: signed }));
    }
    expectFailure('MALFORMED', () => verifyMinisign({ publicKey: alice.publicKey.subarray(1), message: manifest, signature: signed }));
  });

  test('legacy "Ed" signatures (over the message itself) verify too', () => {
    const signature = ed25519.sign(manifest, alice.secretKey);
    const block = new Uint8Array([...text('Ed'), ...minisignKeyId(alice.publicKey), ...signature]);
    const global = ed25519.sign(new Uint8Array([...signature, ...text(comment)]), alice.secretKey);
    const legacy = replaceLine(replaceLine(signed, 1, b64(block)), 3, b64(global));
    expect(verifyMinisign({ publicKey: alice.publicKey, message: manifest, signature: legacy }).trustedComment).toBe(comment);
    expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKey: alice.publicKey, message: text('other'), signature: legacy }));
  });

  test('signing refuses comments minisign could not read back', () => {
    const sign = (trustedComment: string, untrustedComment?: string) => () =>
      signMinisign({ secretKey: alice.secretKey, message: manifest, trustedComment, untrustedComment });
    for (const bad of ['two\nlines', 'carriage\rreturn', 'nul\0', 'lone \uDC00']) {
      expect(sign(bad)).toThrow(/trusted comment/);
      expect(sign('ok', bad)).toThrow(/untrusted comment/);
    }
    expect(sign('x'.repeat(8174))).toThrow(/at most 8173 bytes/);
    expect(sign('ok', 'x'.repeat(1004))).toThrow(/at most 1003 bytes/);
    expect(sign('x'.repeat(8173), 'x'.repeat(1003))).not.toThrow();
    expect(() => signMinisign({ secretKey: new Uint8Array(64), message: manifest, trustedComment: 'ok' })).toThrow(/32 bytes/);
  });

  test('property: changing any one byte of the file fails, unless the byte is in the untrusted comment', () => {
    const trustedComment = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/[\r\n\0]/.test(s));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        trustedComment,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (message, tc, at, byte) => {
          const file = text(signMinisign({ secretKey: alice.secretKey, message, trustedComment: tc }));
          const position = at % file.length;
          fc.pre(file[position] !== byte);
          file[position] = byte;
          let verified = false;
          try {
            verifyMinisign({ publicKey: alice.publicKey, message, signature: new TextDecoder().decode(file) });
            verified = true;
          } catch (error) {
            expect(error).toBeInstanceOf(MinisignError);
          }
          if (verified) expect(position).toBeLessThan(file.indexOf(0x0a));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("interoperability with Debian's minisign", () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-minisign-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string) => join(dir, name);

  /** Runs /usr/bin/minisign; its absence fails the test rather than skipping it. */
  function minisign(...args: string[]) {
    const run = spawnSync('minisign', args, { cwd: dir, input: '', encoding: 'utf8', timeout: 30_000 });
    if (run.error) {
      throw new Error(
        `Could not run minisign (${run.error.message}). These interop tests need Debian's minisign: apt-get install minisign`,
      );
    }
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  test('minisign -V accepts our signatures and shows our trusted comment', () => {
    writeFileSync(path('manifest.json'), manifest);
    writeFileSync(path('manifest.json.minisig'), signed);
    writeFileSync(path('alice.pub'), minisignPublicKeyFile(alice.publicKey));

    const byString = minisign('-V', '-P', minisignPublicKey(alice.publicKey), '-m', 'manifest.json');
    expect(byString.status, byString.output).toBe(0);
    expect(byString.output).toContain(`Trusted comment: ${comment}\n`);
    const byFile = minisign('-V', '-p', 'alice.pub', '-m', 'manifest.json', '-x', 'manifest.json.minisig');
    expect(byFile.status, byFile.output).toBe(0);
    // The longest comments we allow are ones minisign still reads.
    const longest = signMinisign({
      secretKey: alice.secretKey,
      message: manifest,
      trustedComment: 'x'.repeat(8173),
      untrustedComment: 'y'.repeat(1003),
    });
    writeFileSync(path('longest.minisig'), longest);
    expect(minisign('-V', '-p', 'alice.pub', '-m', 'manifest.json', '-x', 'longest.minisig').status).toBe(0);
  });

  test('minisign -V rejects a changed message, a changed trusted comment, and another key', () => {
    writeFileSync(path('changed.json'), text('{"schema":3,"events":"sha256:abd"}\n'));
    writeFileSync(path('changed.json.minisig'), signed);
    const changedMessage = minisign('-V', '-P', minisignPublicKey(alice.publicKey), '-m', 'changed.json');
    expect(changedMessage.status).not.toBe(0);
    expect(changedMessage.output).toMatch(/verification failed/i);

    writeFileSync(path('manifest.json'), manifest);
    writeFileSync(path('forged.minisig'), replaceLine(signed, 2, 'trusted comment: bundle 8 from device 3F2A'));
    expect(minisign('-V', '-P', minisignPublicKey(alice.publicKey), '-m', 'manifest.json', '-x', 'forged.minisig').status).not.toBe(0);

    writeFileSync(path('manifest.json.minisig'), signed);
    expect(minisign('-V', '-P', minisignPublicKey(bob.publicKey), '-m', 'manifest.json').status).not.toBe(0);
  });

  test('we verify what minisign -S signs, prehashed and legacy', () => {
    const generated = minisign('-G', '-W', '-f', '-p', 'debian.pub', '-s', 'debian.key');
    expect(generated.status, generated.output).toBe(0);
    const [pubComment = '', publicKeyBase64 = ''] = readFileSync(path('debian.pub'), 'utf8').split('\n');
    const keyId = /^untrusted comment: minisign public key ([0-9A-F]+)$/.exec(pubComment)?.[1];
    expect(keyId).toBeDefined();

    const message = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    writeFileSync(path('data.bin'), message);
    const trustedComment = 'signed by Debian minisign — ü';
    expect(minisign('-S', '-s', 'debian.key', '-m', 'data.bin', '-t', trustedComment, '-c', 'from debian').status).toBe(0);
    expect(minisign('-S', '-l', '-s', 'debian.key', '-m', 'data.bin', '-x', 'data.legacy.minisig', '-t', trustedComment).status).toBe(0);

    for (const sigFile of ['data.bin.minisig', 'data.legacy.minisig']) {
      const signature = readFileSync(path(sigFile), 'utf8');
      expect(verifyMinisign({ publicKeyBase64, message, signature })).toEqual({ trustedComment, keyId });
      expectFailure('BAD_SIGNATURE', () => verifyMinisign({ publicKeyBase64, message: message.subarray(1), signature }));
      expectFailure('WRONG_KEY', () => verifyMinisign({ publicKey: alice.publicKey, message, signature }));
    }
    expect(
      Buffer.from(readFileSync(path('data.legacy.minisig'), 'utf8').split('\n')[1] ?? '', 'base64')
        .subarray(0, 2)
        .toString(),
    ).toBe('Ed');
  });
});
