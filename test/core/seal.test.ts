// Sealing in the age format: our own round trips and failures, and interop with Debian's `age` both ways.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { armor } from 'age-encryption';
import {
  SealError,
  createSealIdentity,
  isAgeFile,
  openSealed,
  openSealedFile,
  sealFile,
  sealToRecipients,
  sealWithPassphrase,
  type SealFailure,
} from '../../electron/core/crypto/seal';

const AGE = '/usr/bin/age';
const AGE_KEYGEN = '/usr/bin/age-keygen';
const PYTHON = '/usr/bin/python3';
const PASSPHRASE = 'granite-otter-lantern-quietly';
// Fast scrypt for tests only; the app seals with the library's default (2^18).
const FAST = { scryptWorkFactor: 10 };
const text = (s: string) => new TextEncoder().encode(s);

let dir: string;
let office: { identity: string; recipient: string };
let other: { identity: string; recipient: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grantpanel-seal-'));
  office = await createSealIdentity();
  other = await createSealIdentity();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<SealError> {
  const error = await promise.then(
    () => new Error('expected the sealed file not to open'),
    (e: unknown) => e,
  );
  if (!(error instanceof SealError)) throw error;
  return error;
}

async function reason(promise: Promise<unknown>): Promise<SealFailure> {
  return (await failure(promise)).reason;
}

function flip(bytes: Uint8Array, at: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ (1 << bit);
  return copy;
}

/** Where the payload starts: after the "--- MAC" line and the 16-byte nonce. */
function payloadStart(sealed: Uint8Array): number {
  const headerEnd = Buffer.from(sealed).indexOf('\n---') + 1;
  return Buffer.from(sealed).indexOf('\n', headerEnd) + 1 + 16;
}

describe('keys', () => {
  test('createSealIdentity makes an X25519 identity and its recipient', async () => {
    expect(office.identity).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/);
    expect(office.recipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(other.recipient).not.toBe(office.recipient);
  });
});

describe('round trips', () => {
  test('sealed to a recipient, opened with its identity', async () => {
    const plain = randomBytes(200_000); // four 64 KiB chunks
    const sealed = await sealToRecipients(plain, [office.recipient]);
    expect(Buffer.from(sealed.subarray(0, 22)).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(isAgeFile(sealed)).toBe(true);
    expect(Buffer.from(await openSealed(sealed, { identities: [office.identity] }))).toEqual(plain);
  });

  test('every one of several recipients opens the file; empty files round-trip', async () => {
    const sealed = await sealToRecipients(text('shortlist'), [office.recipient, other.recipient]);
    for (const who of [office, other]) {
      expect(new TextDecoder().decode(await openSealed(sealed, { identities: [who.identity] }))).toBe('shortlist');
    }
    const empty = await sealToRecipients(new Uint8Array(0), [office.recipient]);
    expect((await openSealed(empty, { identities: [other.identity, office.identity] })).length).toBe(0);
  });

  test('sealed with a passphrase, opened with it', async () => {
    const plain = text('panel scores for round 3');
    const sealed = await sealWithPassphrase(plain, PASSPHRASE, FAST);
    expect(Buffer.from(sealed).toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 10\n/);
    expect(await openSealed(sealed, { passphrase: PASSPHRASE })).toEqual(plain);
  });

  test('an ASCII-armoured file opens too', async () => {
    const sealed = await sealToRecipients(text('armoured'), [office.recipient]);
    const armoured = text(`\n${armor.encode(sealed)}`);
    expect(isAgeFile(armoured)).toBe(true);
    expect(new TextDecoder().decode(await openSealed(armoured, { identities: [office.identity] }))).toBe('armoured');
  });

  test('an identity may be given as the text of an age-keygen key file', async () => {
    const sealed = await sealToRecipients(text('key file'), [office.recipient]);
    const keyFile = `# created: 2026-11-25T10:00:00Z\n# public key: ${office.recipient}\n${office.identity}\n`;
    expect(new TextDecoder().decode(await openSealed(sealed, { identities: [keyFile] }))).toBe('key file');
  });
});

describe('failures a grants officer sees', () => {
  test('a file sealed for another office key → NO_MATCHING_KEY', async () => {
    const sealed = await sealToRecipients(text('x'), [other.recipient]);
    const error = await failure(openSealed(sealed, { identities: [office.identity] }));
    expect(error.reason).toBe('NO_MATCHING_KEY');
    expect(error.message).toMatch(/protected with another office key — ask the sender to protect it with this office's key/);
  });

  test('a passphrase for a key-sealed file → NO_MATCHING_KEY, a key for a passphrase-sealed file → WRONG_PASSPHRASE', async () => {
    const toKey = await sealToRecipients(text('x'), [office.recipient]);
    const keyError = await failure(openSealed(toKey, { passphrase: PASSPHRASE }));
    expect(keyError.reason).toBe('NO_MATCHING_KEY');
    expect(keyError.message).toMatch(/protected with an office key, not a password/);

    const toPassphrase = await sealWithPassphrase(text('x'), PASSPHRASE, FAST);
    const passError = await failure(openSealed(toPassphrase, { identities: [office.identity] }));
    expect(passError.reason).toBe('WRONG_PASSPHRASE');
    expect(passError.message).toMatch(/protected with a password, not an office key/);
  });

  test('a wrong passphrase → WRONG_PASSPHRASE', async () => {
    const sealed = await sealWithPassphrase(text('x'), PASSPHRASE, FAST);
    const error = await failure(openSealed(sealed, { passphrase: 'granite-otter-lantern-quietlY', identities: [office.identity] }));
    expect(error.reason).toBe('WRONG_PASSPHRASE');
    expect(error.message).toMatch(/password doesn't match/);
  });

  test('a file cut short → DAMAGED, wherever it is cut', async () => {
    const sealed = await sealToRecipients(randomBytes(3 * 65536), [office.recipient]);
    const start = payloadStart(sealed);
    const key = { identities: [office.identity] };
    // in the header, in the nonce, mid-chunk, exactly after a full chunk (its "last chunk" flag is missing), one byte short
    for (const length of [40, start - 10, start + 1000, start + 65536 + 16, sealed.length - 1]) {
      expect(await reason(openSealed(sealed.subarray(0, length), key)), `cut at ${length}`).toBe('DAMAGED');
    }
  });

  test('a flipped bit in the MAC, nonce or payload → DAMAGED; in the version line → NOT_AGE', async () => {
    const sealed = await sealToRecipients(randomBytes(100_000), [office.recipient]);
    const key = { identities: [office.identity] };
    const macAt = Buffer.from(sealed).indexOf('\n--- ') + 6;
    const start = payloadStart(sealed);
    for (const at of [macAt, start - 5, start, start + 70_000, sealed.length - 1]) {
      expect(await reason(openSealed(flip(sealed, at), key)), `bit flipped at ${at}`).toBe('DAMAGED');
    }
    expect(await reason(openSealed(flip(sealed, 3), key))).toBe('NOT_AGE');
  });

  test('no single flipped bit anywhere ever yields plaintext or a non-SealError', async () => {
    // A flip inside the wrapped file key looks exactly like "sealed for another key" (age itself says the
    // same), so the header may give NO_MATCHING_KEY / WRONG_PASSPHRASE as well as DAMAGED or NOT_AGE.
    const byKey = await sealToRecipients(text('a short bundle that spans one chunk'), [office.recipient]);
    const byPassphrase = await sealWithPassphrase(text('another short bundle'), PASSPHRASE, FAST);
    const seen = new Set<SealFailure>();
    for (const [sealed, key] of [
      [byKey, { identities: [office.identity] }],
      [byPassphrase, { passphrase: PASSPHRASE }],
    ] as const) {
      for (let at = 0; at < sealed.length; at++) seen.add(await reason(openSealed(flip(sealed, at, at % 8), key)));
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['DAMAGED', 'NOT_AGE']));
  });

  test('a plain file, an empty file or a PDF → NOT_AGE', async () => {
    for (const bytes of [
      text('Applicant,Amount\nYouth boxing club,2500\n'),
      new Uint8Array(0),
      text('%PDF-1.7\n'),
      text('age-encryption.org/v2\n'),
    ]) {
      expect(isAgeFile(bytes)).toBe(false);
      const error = await failure(openSealed(bytes, { identities: [office.identity] }));
      expect(error.reason).toBe('NOT_AGE');
      expect(error.message).toMatch(/isn't a protected bundle/);
    }
  });

  test('a broken armour → DAMAGED', async () => {
    const armoured = armor.encode(await sealToRecipients(text('x'), [office.recipient]));
    const broken = text(armoured.replace(/\n[A-Za-z0-9+/=]{10}/, '\n!!!!!!!!!!'));
    expect(await reason(openSealed(broken, { identities: [office.identity] }))).toBe('DAMAGED');
  });
});

describe('input checks', () => {
  test('recipients must be age1… office keys', async () => {
    const plain = text('x');
    await expect(sealToRecipients(plain, [])).rejects.toThrow(/at least one office key/);
    await expect(sealToRecipients(plain, ['age1xyz'])).rejects.toThrow(TypeError);
    await expect(sealToRecipients(plain, ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI'])).rejects.toThrow(/is not an office key.*"age1"/);
    const typo = office.recipient.slice(0, 20) + (office.recipient[20] === 'q' ? 'p' : 'q') + office.recipient.slice(21);
    await expect(sealToRecipients(plain, [typo])).rejects.toThrow(/not a valid office key: a character is wrong or missing/);
    // pasted with spaces around it is fine
    const sealed = await sealToRecipients(plain, [` ${office.recipient}\n`]);
    expect(await openSealed(sealed, { identities: [office.identity] })).toEqual(plain);
  });

  test('passphrases must be at least 12 characters; the work factor is range-checked', async () => {
    await expect(sealWithPassphrase(text('x'), 'elevenchars')).rejects.toThrow(/at least 12 characters/);
    await expect(sealWithPassphrase(text('x'), ' '.repeat(12))).rejects.toThrow(/at least 12 characters/);
    await expect(sealWithPassphrase(text('x'), PASSPHRASE, { scryptWorkFactor: 4 })).rejects.toThrow(/scryptWorkFactor/);
    await expect(sealWithPassphrase(text('x'), PASSPHRASE, { scryptWorkFactor: 21 })).rejects.toThrow(/scryptWorkFactor/);
  });

  test('a bad identity is refused without echoing the secret', async () => {
    const sealed = await sealToRecipients(text('x'), [office.recipient]);
    const typo = office.identity.slice(0, 30) + (office.identity[30] === 'Q' ? 'P' : 'Q') + office.identity.slice(31);
    const error = await openSealed(sealed, { identities: [typo] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).toMatch(/Office key 1 is damaged/);
    expect(JSON.stringify(error) + String(error) + String((error as Error).stack)).not.toContain(typo.slice(16));
    await expect(openSealed(sealed, { identities: ['age1notasecret'] })).rejects.toThrow(/should start with "AGE-SECRET-KEY-1"/);
    await expect(openSealed(sealed, {})).rejects.toThrow(/office key or a passphrase/);
  });
});

describe('streaming files', () => {
  test('sealFile / openSealedFile round-trip to a key and to a passphrase', async () => {
    const plainPath = join(dir, 'stream-plain.bin');
    writeFileSync(plainPath, randomBytes(300_000));
    await sealFile(plainPath, join(dir, 'stream-key.age'), { recipients: [office.recipient] });
    await openSealedFile(join(dir, 'stream-key.age'), join(dir, 'stream-key.out'), { identities: [office.identity] });
    expect(readFileSync(join(dir, 'stream-key.out'))).toEqual(readFileSync(plainPath));

    await sealFile(plainPath, join(dir, 'stream-pass.age'), { passphrase: PASSPHRASE }, FAST);
    expect(Buffer.from(await openSealed(readFileSync(join(dir, 'stream-pass.age')), { passphrase: PASSPHRASE }))).toEqual(
      readFileSync(plainPath),
    );
  });

  test('a damaged or foreign file leaves no plain file behind', async () => {
    const sealedPath = join(dir, 'stream-cut.age');
    const sealed = await sealToRecipients(randomBytes(200_000), [office.recipient]);
    writeFileSync(sealedPath, sealed.subarray(0, sealed.length - 100));
    const out = join(dir, 'stream-cut.out');
    expect(await reason(openSealedFile(sealedPath, out, { identities: [office.identity] }))).toBe('DAMAGED');
    writeFileSync(sealedPath, sealed);
    expect(await reason(openSealedFile(sealedPath, out, { identities: [other.identity] }))).toBe('NO_MATCHING_KEY');
    writeFileSync(sealedPath, 'not sealed at all');
    expect(await reason(openSealedFile(sealedPath, out, { identities: [office.identity] }))).toBe('NOT_AGE');
    expect(readdirSync(dir).filter((f) => f.startsWith('stream-cut.out'))).toEqual([]);
    // a folder that does not exist is a file-system error, not a damaged bundle
    writeFileSync(sealedPath, sealed);
    const missing = await openSealedFile(sealedPath, join(dir, 'no-such-folder', 'x'), { identities: [office.identity] }).catch(
      (e: unknown) => e,
    );
    expect(missing).not.toBeInstanceOf(SealError);
    expect((missing as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

// ---- Interop with Debian's age. These fail, never skip, when it is missing. ----

function requireTool(path: string, pkg: string): void {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: the age interop tests need Debian's ${pkg}. Install it with \`apt-get install -y ${pkg}\`.`);
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${String(result.status ?? result.signal)}:\n${String(result.stderr)}${String(result.stdout)}`,
    );
  }
}

// age reads passphrases only from the terminal (no flag or environment variable in age 1.1), so this runs
// it on a pseudo-terminal made by Python's pty module and answers each "Enter/Confirm passphrase" prompt.
const PTY_DRIVER = String.raw`
import os, pty, re, select, sys, time
secret = os.environ['SEAL_TEST_PASSPHRASE'].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
transcript, answered, deadline = b'', 0, time.monotonic() + 100
while True:
    if time.monotonic() > deadline:
        os.kill(pid, 9)
        break
    if not select.select([fd], [], [], 0.5)[0]:
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    transcript += chunk
    prompts = len(re.findall(rb'(?i)(enter|confirm) passphrase[^:\n]*:', transcript))
    while answered < prompts:
        os.write(fd, secret + b'\r')
        answered += 1
status = os.waitpid(pid, 0)[1]
sys.stderr.write(transcript.decode('utf-8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

function ageWithPassphrase(args: string[], passphrase: string): void {
  requireTool(PYTHON, 'python3');
  run(PYTHON, ['-c', PTY_DRIVER, AGE, ...args], { SEAL_TEST_PASSPHRASE: passphrase });
}

describe("interop with Debian's age", () => {
  test('our recipient-sealed file opens with `age -d -i`', async () => {
    requireTool(AGE, 'age');
    const plain = randomBytes(250_000);
    writeFileSync(join(dir, 'office.key'), `${office.identity}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'ours.age'), await sealToRecipients(plain, [other.recipient, office.recipient]));
    run(AGE, ['-d', '-i', join(dir, 'office.key'), '-o', join(dir, 'ours.out'), join(dir, 'ours.age')]);
    expect(readFileSync(join(dir, 'ours.out'))).toEqual(plain);

    await sealFile(join(dir, 'ours.out'), join(dir, 'ours-stream.age'), { recipients: [office.recipient] });
    run(AGE, ['-d', '-i', join(dir, 'office.key'), '-o', join(dir, 'ours-stream.out'), join(dir, 'ours-stream.age')]);
    expect(readFileSync(join(dir, 'ours-stream.out'))).toEqual(plain);
  });

  test('a file sealed by `age -r` (binary and armoured) opens with openSealed', async () => {
    requireTool(AGE, 'age');
    const plain = randomBytes(150_000);
    writeFileSync(join(dir, 'theirs.bin'), plain);
    run(AGE, ['-r', office.recipient, '-o', join(dir, 'theirs.age'), join(dir, 'theirs.bin')]);
    run(AGE, ['-a', '-r', office.recipient, '-o', join(dir, 'theirs.age.asc'), join(dir, 'theirs.bin')]);
    expect(Buffer.from(await openSealed(readFileSync(join(dir, 'theirs.age')), { identities: [office.identity] }))).toEqual(plain);
    expect(Buffer.from(await openSealed(readFileSync(join(dir, 'theirs.age.asc')), { identities: [office.identity] }))).toEqual(plain);
    await openSealedFile(join(dir, 'theirs.age'), join(dir, 'theirs.out'), { identities: [office.identity] });
    expect(readFileSync(join(dir, 'theirs.out'))).toEqual(plain);
    expect(await reason(openSealed(readFileSync(join(dir, 'theirs.age')), { identities: [other.identity] }))).toBe('NO_MATCHING_KEY');
  });

  test('an age-keygen key file opens what we seal to its public key, and age opens what we seal to ours', async () => {
    requireTool(AGE_KEYGEN, 'age');
    run(AGE_KEYGEN, ['-o', join(dir, 'keygen.key')]);
    const keyFile = readFileSync(join(dir, 'keygen.key'), 'utf8');
    const recipient = /public key: (age1\S+)/.exec(keyFile)?.[1] ?? '';
    const sealed = await sealToRecipients(text('for the keygen key'), [recipient]);
    expect(new TextDecoder().decode(await openSealed(sealed, { identities: [keyFile] }))).toBe('for the keygen key');
  });

  test('our passphrase-sealed file (default work factor) opens with `age -d`', async () => {
    requireTool(AGE, 'age');
    const plain = randomBytes(100_000);
    const sealed = await sealWithPassphrase(plain, PASSPHRASE); // the production default: 2^18
    expect(Buffer.from(sealed).toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
    writeFileSync(join(dir, 'pass.age'), sealed);
    ageWithPassphrase(['-d', '-o', join(dir, 'pass.out'), join(dir, 'pass.age')], PASSPHRASE);
    expect(readFileSync(join(dir, 'pass.out'))).toEqual(plain);
    expect(() => ageWithPassphrase(['-d', '-o', join(dir, 'pass-wrong.out'), join(dir, 'pass.age')], 'not the passphrase')).toThrow(
      /incorrect passphrase/,
    );
  });

  test('a file sealed by `age -p` opens with openSealed', async () => {
    requireTool(AGE, 'age');
    const plain = randomBytes(70_000);
    writeFileSync(join(dir, 'age-pass.bin'), plain);
    ageWithPassphrase(['-p', '-o', join(dir, 'age-pass.age'), join(dir, 'age-pass.bin')], PASSPHRASE);
    const sealed = readFileSync(join(dir, 'age-pass.age'));
    expect(Buffer.from(await openSealed(sealed, { passphrase: PASSPHRASE }))).toEqual(plain);
    expect(await reason(openSealed(sealed, { passphrase: 'granite-otter-lantern-loudly' }))).toBe('WRONG_PASSPHRASE');
  });
});

// ---- Measured, not asserted: how 50 MB behaves, in memory and streamed. ----

// Peak memory is Linux's VmHWM (high-water mark of resident memory), reset before each step by writing 5 to
// /proc/self/clear_refs, so each peak belongs to that step alone.
const MEASURE = String.raw`
const { randomBytes } = require('node:crypto');
const { readFileSync, writeFileSync, statSync, rmSync } = require('node:fs');
const seal = require(process.env.SEAL_BUNDLE);
const MB = 1024 * 1024;
const rssMB = () => Math.round(process.memoryUsage().rss / MB);
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
const peakMB = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024);
(async () => {
  const { identity, recipient } = await seal.createSealIdentity();
  const size = 50 * MB;
  const dir = process.env.SEAL_DIR;
  const mode = process.argv[1];
  const key = { identities: [identity] };
  let plain = randomBytes(size);
  if (mode === 'stream') { writeFileSync(dir + '/big.bin', plain); plain = null; }
  globalThis.gc();
  const baselineMB = rssMB();
  resetPeak();
  let t = performance.now();
  const sealed = mode === 'stream'
    ? await seal.sealFile(dir + '/big.bin', dir + '/big.age', { recipients: [recipient] })
    : await seal.sealToRecipients(plain, [recipient]);
  const sealMs = Math.round(performance.now() - t);
  const sealPeakMB = peakMB();
  globalThis.gc();
  resetPeak();
  t = performance.now();
  let ok;
  if (mode === 'stream') {
    await seal.openSealedFile(dir + '/big.age', dir + '/big.out', key);
    ok = statSync(dir + '/big.out').size === size;
    for (const f of ['big.bin', 'big.age', 'big.out']) rmSync(dir + '/' + f);
  } else {
    ok = Buffer.compare(await seal.openSealed(sealed, key), plain) === 0;
  }
  const openMs = Math.round(performance.now() - t);
  console.log(JSON.stringify({ mode, ok, sealMs, openMs, baselineMB, sealPeakMB, openPeakMB: peakMB() }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('50 MB (measured, reported, not asserted)', () => {
  test('in memory and streamed', async () => {
    // Bundle seal.ts the way the app is built (esbuild → CommonJS), then measure each mode in a fresh process.
    const bundle = join(dir, 'seal-bundle.cjs');
    buildSync({
      entryPoints: [fileURLToPath(new URL('../../electron/core/crypto/seal.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'error',
    });
    for (const mode of ['memory', 'stream']) {
      const result = spawnSync(process.execPath, ['--expose-gc', '-e', MEASURE, mode], {
        env: { ...process.env, SEAL_BUNDLE: bundle, SEAL_DIR: dir },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout.trim()) as { ok: boolean };
      expect(report.ok).toBe(true);
      console.log(`seal 50 MB: ${JSON.stringify(report)}`);
    }
  });
});
