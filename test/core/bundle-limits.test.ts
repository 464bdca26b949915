// Issue 7: hostile files, from anyone, are refused with a plain reason before they cost more than a
// few megabytes — never an uncaught error that takes the app, the CLI or browser mode down — and a
// sealed one leaves no plain copy behind.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { cliIn } from '../support/cli-in';
import { builtCommand, officerArgs } from '../support/built-cli';
import { declareSize, lineBomb, MiB, ratioBomb, repeated, streamZip } from '../support/hostile';
import { readBundle } from '../../electron/core/bundles/read';
import { readRoster } from '../../electron/core/bundles/roster';
import { linesWithin, readWithin } from '../../electron/core/bundles/limits';
import { bundleRefused } from '../../electron/core/bundles/bundle-error';
import { withPlainBundle } from '../../electron/core/bundles/sealed';
import type { ZipEntryInfo } from '../../electron/core/bundles/zip';
import { sealFile } from '../../electron/core/crypto/seal';
import { startServer } from '../../electron/core/server';

const work = tempDir('grantpanel-limits-');
const bombs = {
  /** Issue 7's file: one line of 600 MB, packed into ~600 KB. */
  line: join(work, 'line.gpbundle'),
  /** The same, its zip claiming the line is 100 MB: small enough to pass the packing check, so it is read. */
  lyingLine: join(work, 'lying-line.gpbundle'),
  /** 400 genuine, signed, linked events of 500 KB each: every line normal, 200 MB packed a thousand to one. */
  ratio: join(work, 'ratio.gpbundle'),
};
let core: TestCore;

beforeAll(async () => {
  await lineBomb(bombs.line);
  writeFileSync(bombs.lyingLine, declareSize(readFileSync(bombs.line), 'events.ndjson', 100 * MiB));
  await ratioBomb(bombs.ratio, 400, 500_000);
  core = makeCore();
}, 120_000);
afterAll(() => {
  core.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** Runs `run`, checking it grows heap, buffers and the process's peak memory by less than `limit` bytes. */
async function withinMemory<T>(limit: number, run: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const result = await run();
  const after = process.memoryUsage();
  expect(after.heapUsed - before.heapUsed, 'heap growth').toBeLessThan(limit);
  expect(after.arrayBuffers - before.arrayBuffers, 'buffer growth').toBeLessThan(limit);
  expect(process.resourceUsage().maxRSS * 1024 - peakBefore, 'peak memory growth').toBeLessThan(limit);
  return result;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

const PACKED = /This bundle cannot be used: events\.ndjson unpacks to more than 200 times its packed size/;
const LONG_LINE = /This bundle cannot be used: line 1 of events\.ndjson is longer than 1 MB/;

describe('a bundle bomb, signed by a key nobody trusts', () => {
  test('the bombs are small files', () => {
    for (const file of Object.values(bombs)) expect(statSync(file).size).toBeLessThan(MiB);
  });

  test('readBundle refuses each with a reason, holding no more than a few MB', async () => {
    for (const [file, reason] of [
      [bombs.line, PACKED],
      [bombs.lyingLine, LONG_LINE],
      [bombs.ratio, PACKED],
    ] as const) {
      const error = await withinMemory(32 * MiB, () => refusal(readBundle(file)));
      expect(error, file).toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringMatching(reason) });
    }
  });

  test('verify-bundle exits 1 with the reason, no stack trace', async () => {
    const gp = cliIn(core.dataDir);
    for (const file of [bombs.line, bombs.lyingLine]) {
      const ran = await gp('verify-bundle', file);
      expect(ran.code).toBe(1);
      expect(ran.err).toMatch(/^This bundle cannot be used: .*events\.ndjson/);
      expect(ran.err).not.toMatch(/\n\s+at /);
    }
  });

  test('browser mode refuses it over HTTP, and answers the next call', async () => {
    const server = await startServer(core, { rendererDir: work });
    const api = (method: string, input: unknown) =>
      new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: `/api/${method}`,
            method: 'POST',
            headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-GrantPanel-Token': server.token },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve(JSON.parse(body) as never));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(input));
      });
    try {
      expect(await api('bundles.verify', { file: bombs.lyingLine })).toMatchObject({
        ok: false,
        error: { code: 'BUNDLE_INVALID', message: expect.stringMatching(LONG_LINE) },
      });
      expect(await api('bundles.verify', { file: bombs.line })).toMatchObject({ ok: false, error: { code: 'BUNDLE_INVALID' } });
      expect(await api('catalogue.funds', {})).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });
});

describe('the built command', () => {
  const node = builtCommand('grantpanel-limits-test');
  test('verify-bundle on the bomb exits 1 with one plain line', async () => {
    const ran = await node(['--data-dir', core.dataDir, ...(await officerArgs(core.dataDir)), 'verify-bundle', bombs.lyingLine]);
    expect(ran.code).toBe(1);
    expect(ran.err).toMatch(LONG_LINE);
    expect(ran.err).not.toMatch(/RangeError|\n\s+at /);
  });
});

describe('sealed to this laptop’s office key', () => {
  test('the bomb is refused, and no plain copy is left in the data folder', async () => {
    const { device } = await core.call('session.current', {});
    const sealed = join(work, 'line.gpbundle.age');
    await sealFile(bombs.lyingLine, sealed, { recipients: [device.sealRecipient] });
    const before = readdirSync(core.dataDir).sort();
    for (const method of ['bundles.verify', 'bundles.import'] as const) {
      const result = await core.dispatch(method, { file: sealed });
      expect(result, method).toMatchObject({ ok: false });
      expect(readdirSync(core.dataDir).sort(), method).toEqual(before);
    }
    expect(await core.dispatch('bundles.verify', { file: sealed })).toMatchObject({ error: { message: expect.stringMatching(LONG_LINE) } });
  });

  test('the plain copy is readable by its owner only while read, then gone', async () => {
    const exporter = makeCore();
    try {
      const { device } = await core.call('session.current', {});
      const sealed = join(work, 'small.gpbundle.age');
      await exporter.call('bundles.export', { file: sealed, to: [device.sealRecipient] });
      const seen = await withPlainBundle(core.ctx, sealed, undefined, async (plain) => ({ plain, mode: statSync(plain).mode & 0o777 }));
      expect(seen.mode).toBe(0o600);
      expect(readdirSync(core.dataDir)).not.toContain(seen.plain.split('/').pop());
    } finally {
      exporter.dispose();
    }
  });

  test('plain copies a killed process left behind are removed when the core next opens; a running one’s are not', async () => {
    const dataDir = tempDir();
    makeCore(dataDir).close();
    const left = ['.opening-0123456789abcdef.gpbundle', '.opening-99999999-0123456789abcdef.gpbundle.partial-99999999-1'];
    const running = `.opening-${process.ppid}-0123456789abcdef.gpbundle`;
    for (const name of [...left, running]) writeFileSync(join(dataDir, name), 'contact details');
    const reopened = makeCore(dataDir);
    try {
      expect(readdirSync(dataDir).filter((n) => n.startsWith('.opening-'))).toEqual([running]);
    } finally {
      reopened.dispose();
    }
  });
});

describe('the roster reader', () => {
  const rosterOf = async (name: string, rosterJson: Buffer | Readable) => {
    const file = join(work, name);
    await streamZip(file, [
      { name: 'roster.json', content: rosterJson },
      { name: 'roster.json.minisig', content: Buffer.from('untrusted comment: x\n') },
    ]);
    return file;
  };

  test('a roster.json of 600 MB, or one whose zip says it is small, is refused with a reason', async () => {
    const huge = await rosterOf('huge.gproster', repeated(600 * MiB, ' '));
    expect(statSync(huge).size).toBeLessThan(MiB);
    const lying = join(work, 'lying.gproster');
    writeFileSync(lying, declareSize(readFileSync(huge), 'roster.json', 1000));
    for (const file of [huge, lying]) {
      const error = await withinMemory(32 * MiB, () => refusal(readRoster(file)));
      expect(error, file).toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringMatching(/^This roster cannot be used: /) });
    }
    expect(await refusal(readRoster(huge))).toMatchObject({ message: expect.stringMatching(/roster\.json unpacks to more than 1 MB/) });
  });
});

describe('the line reader, given a zip entry that lies about its size', () => {
  /** An entry declaring 1 KB, packed to 1 KB, that unpacks to `bytes` from `stream`. */
  const entry = (name: string, stream: () => Readable): ZipEntryInfo => ({
    name,
    size: 1024,
    compressedSize: 1024,
    open: () => Promise.resolve(stream()),
  });
  const lines = async (e: ZipEntryInfo, bounds: Parameters<typeof linesWithin>[1]) => {
    const out: string[] = [];
    for await (const line of linesWithin(e, bounds, bundleRefused)) out.push(line);
    return out;
  };

  test('counts bytes as they unpack: over its size, or its packing ratio, it is refused at once', async () => {
    const many = () => Readable.from(Array.from({ length: 64 }, () => Buffer.from(`${'x'.repeat(1023)}\n`.repeat(1024))));
    expect(await refusal(lines(entry('events.ndjson', many), { maxBytes: 4 * MiB, ratioFloor: 64 * MiB }))).toMatchObject({
      message: expect.stringMatching(/events\.ndjson unpacks to more than 4 MB/),
    });
    expect(await refusal(lines(entry('events.ndjson', many), { maxBytes: 1024 * MiB, ratioFloor: 1024 }))).toMatchObject({
      message: expect.stringMatching(/unpacks to more than 200 times its packed size/),
    });
    expect(await refusal(readWithin(entry('manifest.json', many), { maxBytes: MiB }, bundleRefused))).toMatchObject({
      message: expect.stringMatching(/manifest\.json unpacks to more than 1 MB/),
    });
  });

  test('a line of exactly the limit is read; one byte more is refused; lines split across chunks join', async () => {
    const bounds = { maxBytes: MiB, maxLine: 10, ratioFloor: MiB };
    const from = (...chunks: (string | Buffer)[]) => entry('events.ndjson', () => Readable.from(chunks.map((c) => Buffer.from(c))));
    expect(await lines(from('0123', '456789\nab', 'c\n', 'last'), bounds)).toEqual(['0123456789', 'abc', 'last']);
    expect(await refusal(lines(from('01234', '567890\n'), bounds))).toMatchObject({
      message: expect.stringMatching(/line 1 of events\.ndjson is longer than/),
    });
    expect(await refusal(lines(from('ok\n', Buffer.from([0xff, 0x0a])), bounds))).toMatchObject({
      message: expect.stringMatching(/line 2 .* not valid text/),
    });
  });

  test('damage reported by the stream, even after reading stops, is a refusal and never escapes', async () => {
    const failing = () => {
      let sent = false;
      return new Readable({
        read() {
          if (sent) return;
          sent = true;
          this.push(Buffer.from('a line\n'));
          setImmediate(() => this.destroy(new Error('invalid stored block lengths')));
        },
      });
    };
    expect(await refusal(lines(entry('events.ndjson', failing), { maxBytes: MiB }))).toMatchObject({
      code: 'BUNDLE_INVALID',
      message: expect.stringMatching(/events\.ndjson is damaged \(invalid stored block lengths\)/),
    });
    // The zip library emits its errors by hand, even on a stream we have stopped reading.
    let opened: Readable | undefined;
    const stopped = entry('events.ndjson', () => (opened = Readable.from([Buffer.from('one\ntwo\n')])));
    for await (const line of linesWithin(stopped, { maxBytes: MiB }, bundleRefused)) {
      expect(line).toBe('one');
      break;
    }
    expect(() => opened?.emit('error', new Error('late damage'))).not.toThrow();
  });
});
