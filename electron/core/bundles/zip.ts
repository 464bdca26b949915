// Zip in and out, for bundles: written with yazl, read with yauzl, one named entry at a time.
import { createWriteStream } from 'node:fs';
import yazl from 'yazl';
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';

export function writeZip(file: string, entries: { name: string; content: Buffer | { path: string } }[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    // A fixed time: the same events make the same bytes, whenever they are exported.
    const options = { mtime: new Date(Date.UTC(2020, 0, 1)), mode: 0o100644 };
    if (Buffer.isBuffer(e.content)) zip.addBuffer(e.content, e.name, options);
    else zip.addFile(e.content.path, e.name, options);
  }
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { flags: 'wx' });
    out.on('error', reject);
    out.on('close', () => resolve());
    zip.outputStream.on('error', reject).pipe(out);
    zip.end();
  });
}

export interface ZipEntryInfo {
  name: string;
  /** As the zip declares them: checked as the entry is read (see limits.ts), never trusted alone. */
  size: number;
  compressedSize: number;
  open(): Promise<Readable>;
}

/**
 * The entries of a zip file, read lazily; the file stays open until close(). Past `maxEntries`
 * (a bundle holds four files) one more is listed and the rest left unread, so the caller refuses it.
 */
export async function readZip(file: string, maxEntries = 16): Promise<{ entries: ZipEntryInfo[]; close(): void }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(err) : resolve(z),
    ),
  );
  const entries: ZipEntryInfo[] = [];
  // The 'error' listener stays for the zip's whole life: an error after the listing must not escape.
  const listed = new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push({
        name: entry.fileName,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        open: () => new Promise((ok, fail) => zip.openReadStream(entry, (err, s) => (err || !s ? fail(err) : ok(s)))),
      });
      if (entries.length > maxEntries) resolve();
      else zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  try {
    await listed;
  } catch (error) {
    zip.close();
    throw error;
  }
  return { entries, close: () => zip.close() };
}
