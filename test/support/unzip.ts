import { readZip } from '../../electron/core/bundles/zip';

/** Every file in a zip, by name: for tests that look inside or rebuild a bundle or roster. */
export async function unzip(file: string): Promise<Record<string, Buffer>> {
  const zip = await readZip(file);
  const out: Record<string, Buffer> = {};
  for (const e of zip.entries) {
    const chunks: Buffer[] = [];
    for await (const c of await e.open()) chunks.push(c as Buffer);
    out[e.name] = Buffer.concat(chunks);
  }
  zip.close();
  return out;
}
