// Hostile bundles and rosters, as an attacker would make them: signed by a fresh key nobody trusts,
// and streamed through yazl so the test never holds in memory what they unpack to.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { ed25519 } from '@noble/curves/ed25519.js';
import { deviceIdOf } from '../../electron/core/crypto/keys';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';
import { nativeSha256Hex } from '../../electron/core/events/hash';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { GENESIS_HASH, canonicalStoredEvent, sealEvent } from '../../shared/events/event';
import { BUNDLE_FORMAT_VERSION, signedHeadText } from '../../shared/formats/bundle';

export const MiB = 1024 * 1024;

export interface Stranger {
  id: string;
  secretKey: Uint8Array;
  publicKey: string;
}

/** A laptop nobody has trusted: a fresh Ed25519 key. */
export function stranger(): Stranger {
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(secretKey);
  return { id: deviceIdOf(publicKey).id, secretKey, publicKey: minisignPublicKey(publicKey) };
}

/** `total` bytes of one repeated character, made as they are read. */
export function repeated(total: number, char = 'a'): Readable {
  const block = Buffer.alloc(MiB, char);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

type Content = Buffer | Readable | (() => Buffer);

/** Writes a zip, one entry after another; a function's bytes are asked for once the entries before it are read. */
export async function streamZip(file: string, entries: { name: string; content: Content }[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const written = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject).on('close', () => resolve());
    zip.outputStream.on('error', reject).pipe(out);
  });
  for (const { name, content } of entries) {
    if (content instanceof Readable) {
      const read = new Promise((done) => content.once('end', done));
      zip.addReadStream(content, name);
      await read;
    } else zip.addBuffer(typeof content === 'function' ? content() : content, name);
  }
  zip.end();
  await written;
}

/** The stranger's own signed head: it vouches for its events, as an honest laptop would. */
function headOf(from: Stranger, seq: number, hash: string) {
  const signedAt = '2026-11-25T10:00:00.000Z';
  const text = signedHeadText({ deviceId: from.id, seq, hash, signedAt });
  const signature = signMinisign({ secretKey: from.secretKey, message: Buffer.from(text), trustedComment: 'head' });
  return { deviceId: from.id, publicKey: from.publicKey, seq, hash, signedAt, signature };
}

/** A well-formed manifest for `count` events from the stranger, and its signature. */
export function signedManifest(from: Stranger, events: { count: number; sha256: string; headHash: string }) {
  const manifest = Buffer.from(
    `${JSON.stringify(
      {
        format: 'grantpanel-bundle',
        formatVersion: BUNDLE_FORMAT_VERSION,
        schemaVersion: SCHEMA_VERSION,
        createdAt: '2026-11-25T10:00:00.000Z',
        exporter: { deviceId: from.id, publicKey: from.publicKey, personId: `officer-${from.id}`, personName: 'A stranger' },
        events: { file: 'events.ndjson', count: events.count, sha256: events.sha256 },
        devices: [{ deviceId: from.id, fromSeq: 1, toSeq: events.count, headHash: events.headHash }],
        heads: [headOf(from, events.count, events.headHash)],
        knows: { [from.id]: events.count },
      },
      null,
      2,
    )}\n`,
  );
  return { manifest, signature: Buffer.from(signMinisign({ secretKey: from.secretKey, message: manifest, trustedComment: 'hostile' })) };
}

/** A bundle whose events file is one line of `bytes` letters: the bomb of issue 7. */
export function lineBomb(file: string, bytes = 600 * MiB): Promise<void> {
  const { manifest, signature } = signedManifest(stranger(), { count: 1, sha256: '0'.repeat(64), headHash: '1'.repeat(64) });
  return streamZip(file, [
    { name: 'manifest.json', content: manifest },
    { name: 'manifest.json.minisig', content: signature },
    { name: 'events.ndjson', content: repeated(bytes) },
  ]);
}

/**
 * A bundle of `count` genuine, hash-linked, signed events, each with a payload of `payloadBytes`
 * repeated letters: every line a normal length, the whole packing a thousand to one.
 */
export function ratioBomb(file: string, count: number, payloadBytes: number): Promise<void> {
  const from = stranger();
  const hash = createHash('sha256');
  let prevHash = GENESIS_HASH;
  const payloadJson = JSON.stringify({ note: 'a'.repeat(payloadBytes) });
  function* lines() {
    for (let seq = 1; seq <= count; seq++) {
      const body = { deviceId: from.id, seq, hlc: `2026-11-25T10:00:00.000Z-${seq.toString(16).padStart(4, '0')}` };
      const event = sealEvent(
        { ...body, actor: `officer-${from.id}`, type: 'note.added', entity: `note:${seq}`, payload: null },
        prevHash,
        payloadJson,
        nativeSha256Hex,
      );
      const line = Buffer.from(`${canonicalStoredEvent(event, payloadJson)}\n`);
      hash.update(line);
      prevHash = event.hash;
      yield line;
    }
  }
  let signed: ReturnType<typeof signedManifest> | undefined;
  const sign = () => (signed ??= signedManifest(from, { count, sha256: hash.digest('hex'), headHash: prevHash }));
  return streamZip(file, [
    { name: 'events.ndjson', content: Readable.from(lines(), { objectMode: false }) },
    { name: 'manifest.json', content: () => sign().manifest },
    { name: 'manifest.json.minisig', content: () => sign().signature },
  ]);
}

/** Sets the size a zip's central directory declares for an entry: a lie the reader must not believe. */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (
    let at = out.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
    at >= 0;
    at = out.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'), at - 1)
  ) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).toString('utf8') === name) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`${name} is not in the zip`);
}
