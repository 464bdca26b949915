// Writing a bundle: every event this laptop holds, one canonical line each, hashed as written;
// a manifest naming them, signed by this device; zipped to a temporary file, flushed, renamed,
// then read back and verified before anyone is told it worked.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalJson } from '../../../shared/events/canonical';
import { canonicalStoredEvent } from '../../../shared/events/event';
import { DomainError } from '../../../shared/contract/result';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  EVENTS_FILE,
  MANIFEST_FILE,
  PERSONAL_FILE,
  SIGNATURE_FILE,
  type BundleManifest,
} from '../../../shared/formats/bundle';
import type { CoreContext } from '../context';
import type { EventRow } from '../events/log';
import { statement } from '../db/statements';
import { SCHEMA_VERSION } from '../db/migrations';
import { minisignPublicKey, signMinisign } from '../crypto/minisign';
import { writeZip } from './zip';
import { sealFile, type SealTarget } from '../crypto/seal';
import { readBundle, type BundleSummary } from './read';
import { counter, type Report } from './progress';
import { signOwnHead, storedHeads } from './heads';
import { PLAIN_COPY_PREFIX } from './sealed';
import { stillReferred } from '../personal-data';

/** One event as a line of events.ndjson: canonical, the stored payload text as is. */
export function eventLine(r: EventRow): string {
  const event = {
    deviceId: r.device_id,
    seq: r.seq,
    hlc: r.hlc,
    actor: r.actor,
    type: r.type,
    entity: r.entity,
    payload: null,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  return `${canonicalStoredEvent(event, r.payload)}\n`;
}

/** What this laptop holds of each device's log, contiguous from its first event. */
export function knownSeqs(ctx: CoreContext): Record<string, number> {
  const rows = ctx.db
    .prepare<[], { device_id: string; n: number; top: number; first: number }>(
      'SELECT device_id, count(*) AS n, max(seq) AS top, min(seq) AS first FROM events GROUP BY device_id',
    )
    .all();
  const knows: Record<string, number> = {};
  for (const r of rows) {
    if (r.first !== 1) knows[r.device_id] = 0;
    else if (r.n === r.top) knows[r.device_id] = r.top;
    else {
      const gap = ctx.db
        .prepare<[string], { s: number }>(
          'SELECT min(seq) AS s FROM events e WHERE device_id = ? AND NOT EXISTS (SELECT 1 FROM events f WHERE f.device_id = e.device_id AND f.seq = e.seq + 1)',
        )
        .get(r.device_id);
      knows[r.device_id] = gap?.s ?? 0;
    }
  }
  return knows;
}

/** Writes every event; sealed, the bundle also carries the contact details the events refer to. */
/**
 * What a laptop already has, by its own word: the `knows` of the last bundle received from it.
 * Exporting for it leaves those events out.
 */
export function acknowledgedBy(ctx: CoreContext, deviceId: string): Record<string, number> {
  const row = ctx.db
    .prepare<[string], { knows: string }>('SELECT knows FROM bundle_imports WHERE exporter_device = ? ORDER BY id DESC LIMIT 1')
    .get(deviceId);
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      `No bundle from device ${deviceId} has been imported here, so GrantPanel cannot tell what it lacks — export everything instead`,
    );
  }
  return JSON.parse(row.knows) as Record<string, number>;
}

export async function exportBundle(
  ctx: CoreContext,
  outFile: string,
  seal?: SealTarget,
  forDevice?: string,
  report: Report = () => {},
  /** A file chosen in a Save dialog, which asked before replacing; at the terminal, never. */
  { replace = false }: { replace?: boolean } = {},
): Promise<BundleSummary> {
  const skip = forDevice ? acknowledgedBy(ctx, forDevice) : {};
  if (!existsSync(dirname(outFile))) throw new DomainError('NOT_FOUND', `The folder ${dirname(outFile)} does not exist`);
  if (!replace && existsSync(outFile))
    throw new DomainError('CONFLICT', `There is already a file at ${outFile} — choose another name; GrantPanel never overwrites a bundle`);
  // A sealed bundle's plain parts (contact details among them) are made in the data folder, named
  // as a plain copy is, so one a crash leaves behind is removed at the next start; an open one's
  // beside the file, so it can be renamed into place.
  const work = seal
    ? join(ctx.dataDir, `${PLAIN_COPY_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`)
    : join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}`);
  // Other calls wait while the export reads, so no import or edit lands half-way through it.
  const release = ctx.gate.close();
  const eventsPath = `${work}.events`;
  const personalPath = `${work}.personal`;
  const zipPath = `${work}.zip`;
  try {
    const hash = createHash('sha256');
    const devices: BundleManifest['devices'] = [];
    // Another laptop's events go only as far as a head it signed (which this laptop verified when
    // they arrived): a recipient accepts nothing more in its name.
    const heads = storedHeads(ctx.db);
    const vouchedTo = (deviceId: string) => (deviceId === ctx.device.id ? Infinity : (heads.get(deviceId)?.seq ?? 0));
    let count = 0;
    const fd = openSync(eventsPath, 'wx', 0o600);
    try {
      let chunk: string[] = [];
      let current = undefined as BundleManifest['devices'][number] | undefined;
      const total = statement<[], { n: number }>(ctx.db, 'SELECT count(*) AS n FROM events').get()?.n ?? 0;
      // Pages, not one iterator, with a turn of the event loop between them: the laptop stays
      // responsive (and the progress bar moves) through a long export.
      const page = statement<[string, number], EventRow>(
        ctx.db,
        'SELECT * FROM events WHERE (device_id, seq) > (?, ?) ORDER BY device_id, seq LIMIT 5000',
      );
      let visited = 0;
      for (let rows = page.all('', 0); rows.length > 0; rows = page.all(rows.at(-1)!.device_id, rows.at(-1)!.seq)) {
        report('Writing changes', visited, total);
        for (const row of rows) {
          if (row.seq <= (skip[row.device_id] ?? 0) || row.seq > vouchedTo(row.device_id)) continue;
          const line = eventLine(row);
          hash.update(line);
          chunk.push(line);
          count++;
          if (!current || current.deviceId !== row.device_id) {
            current = { deviceId: row.device_id, fromSeq: row.seq, toSeq: row.seq, headHash: row.hash };
            devices.push(current);
          }
          current.toSeq = row.seq;
          current.headHash = row.hash;
          if (chunk.length >= 2000) {
            writeSync(fd, chunk.join(''));
            chunk = [];
          }
        }
        visited += rows.length;
        await new Promise((turn) => setImmediate(turn));
      }
      writeSync(fd, chunk.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const personal = seal ? writePersonal(ctx, personalPath) : undefined;
    const createdAt = ctx.now().toISOString();
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion: SCHEMA_VERSION,
      createdAt,
      exporter: {
        deviceId: ctx.device.id,
        publicKey: minisignPublicKey(ctx.device.publicKey),
        personId: ctx.person.id,
        personName: ctx.person.name,
      },
      events: { file: EVENTS_FILE, count, sha256: hash.digest('hex') },
      devices,
      heads: devices.map((d) => (d.deviceId === ctx.device.id ? signOwnHead(ctx, d.toSeq, d.headHash) : heads.get(d.deviceId)!)),
      knows: knownSeqs(ctx),
      ...(personal ? { personal } : {}),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const signature = signMinisign({
      secretKey: ctx.device.secretKey,
      message: manifestBytes,
      trustedComment: `GrantPanel bundle ${basename(outFile)} from device ${ctx.device.id} created ${createdAt}, ${count} events`,
      untrustedComment: `GrantPanel device ${ctx.device.id} (${ctx.device.fingerprint})`,
    });
    await writeZip(zipPath, [
      { name: MANIFEST_FILE, content: manifestBytes },
      { name: EVENTS_FILE, content: { path: eventsPath } },
      { name: SIGNATURE_FILE, content: Buffer.from(signature) },
      ...(personal ? [{ name: PERSONAL_FILE, content: { path: personalPath } }] : []),
    ]);
    const zfd = openSync(zipPath, 'r+');
    fsyncSync(zfd);
    closeSync(zfd);
    // Read back what was written, as a recipient will, before saying it worked.
    const summary = await readBundle(zipPath, {
      sealed: Boolean(seal),
      event: counter(report, 'Checking the bundle as a recipient will', count),
    });
    if (seal) report('Sealing the bundle');
    if (seal) await sealFile(zipPath, outFile, seal);
    else renameSync(zipPath, outFile);
    return { ...summary, file: outFile };
  } finally {
    release();
    for (const temp of [eventsPath, personalPath, zipPath]) rmSync(temp, { force: true });
  }
}

/** personal.ndjson: the contact details still referred to (never a leftover), for a sealed bundle only. */
function writePersonal(ctx: CoreContext, path: string): NonNullable<BundleManifest['personal']> {
  const hash = createHash('sha256');
  let count = 0;
  const fd = openSync(path, 'wx', 0o600);
  try {
    for (const r of ctx.db
      .prepare<[], { digest: string; salt: string; body: string }>(
        `SELECT digest, salt, body FROM personal_data WHERE ${stillReferred('digest')} ORDER BY digest`,
      )
      .iterate()) {
      const line = `${canonicalJson({ body: JSON.parse(r.body) as unknown, digest: r.digest, salt: r.salt })}\n`;
      hash.update(line);
      writeSync(fd, line);
      count++;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file: PERSONAL_FILE, count, sha256: hash.digest('hex') };
}
