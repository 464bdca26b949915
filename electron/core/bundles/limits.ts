// What a file inside a bundle or roster may unpack to, and reading it within that: sizes counted
// as the bytes inflate (a zip's declared sizes are checked too, never trusted alone), and lines
// split here rather than by readline, which would hold a line of any length in memory. Anything
// wrong — over a limit, damaged, not UTF-8 — becomes a refusal with a reason, never an uncaught
// error: a hostile file costs at most a few megabytes, whoever signed it.
import type { Readable } from 'node:stream';
import { DomainError } from '../../../shared/contract/result';
import type { ZipEntryInfo } from './zip';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The longest line of events.ndjson or personal.ndjson: an event is at most a few hundred KB. */
export const MAX_LINE_BYTES = 1 * MiB;

/** How far each file may unpack. Events: a million events of ~1.4 KB each is ~1.4 GB. */
export const MAX_FILE_BYTES = {
  'manifest.json': 1 * MiB,
  'manifest.json.minisig': 8 * KiB,
  'events.ndjson': 4 * GiB,
  'personal.ndjson': 1 * GiB,
  'roster.json': 1 * MiB,
  'roster.json.minisig': 8 * KiB,
} as const;

/** Real events.ndjson packs 6–10 to 1 (41 to 1 for texts of one repeated letter); zlib can reach 1,030 to 1. */
export const MAX_RATIO = 200;
/** Below this, a file is never refused for how well it packs. */
export const RATIO_FLOOR_BYTES = 16 * MiB;

export interface Bounds {
  maxBytes: number;
  ratio?: number;
  ratioFloor?: number;
}

type Refuse = (reason: string) => DomainError;

const inMb = (bytes: number) => (bytes >= GiB ? `${bytes / GiB} GB` : bytes >= MiB ? `${bytes / MiB} MB` : `${bytes / KiB} KB`);

/** The bounds for one of a bundle's or roster's files, by name. */
export function boundsFor(name: string): Bounds {
  return { maxBytes: (MAX_FILE_BYTES as Record<string, number>)[name] ?? 0 };
}

/** The entry's bytes as they inflate, refused as soon as they pass a limit. */
async function* inflate(entry: ZipEntryInfo, bounds: Bounds, refuse: Refuse): AsyncGenerator<Buffer> {
  const { maxBytes, ratio = MAX_RATIO, ratioFloor = RATIO_FLOOR_BYTES } = bounds;
  const ratioAllows = Math.max(ratioFloor, entry.compressedSize * ratio);
  const tooLarge = () => refuse(`${entry.name} unpacks to more than ${inMb(maxBytes)}, far more than GrantPanel ever writes`);
  const tooPacked = () =>
    refuse(
      `${entry.name} unpacks to more than ${ratio} times its packed size, which no real one does — it may be made to overwhelm this laptop`,
    );
  if (entry.size > maxBytes) throw tooLarge();
  if (entry.size > ratioAllows) throw tooPacked();
  let stream: Readable;
  try {
    stream = await entry.open();
  } catch (error) {
    throw refuse(`${entry.name} is damaged (${(error as Error).message})`);
  }
  // The zip library and zlib may still report damage after we stop reading: listen for the stream's whole life.
  stream.on('error', () => {});
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge();
      if (total > ratioAllows) throw tooPacked();
      yield chunk;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw refuse(`${entry.name} is damaged (${(error as Error).message})`);
  } finally {
    stream.destroy();
  }
}

/** A small file (a manifest, a signature, a roster) read whole, within its bounds. */
export async function readWithin(entry: ZipEntryInfo, bounds: Bounds, refuse: Refuse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of inflate(entry, bounds, refuse)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The lines of an NDJSON file, each refused once it passes `maxLine` bytes without being held;
 * `onBytes` sees every byte as read (for the file's hash).
 */
export async function* linesWithin(
  entry: ZipEntryInfo,
  bounds: Bounds & { maxLine?: number },
  refuse: Refuse,
  onBytes?: (chunk: Buffer) => void,
): AsyncGenerator<string> {
  const maxLine = bounds.maxLine ?? MAX_LINE_BYTES;
  let number = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  const line = (last: Buffer): string => {
    number++;
    const bytes = held.length ? Buffer.concat([...held, last]) : last;
    held = [];
    heldBytes = 0;
    try {
      return utf8.decode(bytes);
    } catch {
      throw refuse(`line ${number.toLocaleString('en-GB')} of ${entry.name} is not valid text (UTF-8)`);
    }
  };
  const tooLong = () =>
    refuse(`line ${(number + 1).toLocaleString('en-GB')} of ${entry.name} is longer than ${inMb(maxLine)}, which no real one is`);
  for await (const chunk of inflate(entry, bounds, refuse)) {
    onBytes?.(chunk);
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      if (heldBytes + end - start > maxLine) throw tooLong();
      yield line(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) {
      heldBytes += chunk.length - start;
      if (heldBytes > maxLine) throw tooLong();
      // A copy: the chunk's buffer may be reused once we hand it back.
      held.push(Buffer.from(chunk.subarray(start)));
    }
  }
  if (heldBytes > 0) yield line(Buffer.alloc(0));
}
