// Importing a bundle, all or nothing: the signature is checked and its signer must be trusted;
// then, in ONE transaction, each event is checked again as it is read, events already held are
// skipped, a different event under a held number (equivocation) or a broken link refuses the whole
// bundle, and the projections are brought up to date in clock order. The bundle is recorded in the
// import ledger. Any failure rolls everything back: the database is exactly as it was.
import { DomainError } from '../../../shared/contract/result';
import { MAX_DRIFT_MS } from '../../../shared/events/hlc';
import type { BundleEvent } from '../../../shared/formats/bundle';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { project, rebuildProjections } from '../events/project';
import type { EventRow } from '../events/log';
import { eventFromRow } from '../events/log';
import { readBundle, type BundleSummary } from './read';
import { isTrusted, untrustedSignerMessage } from './trust';

export interface ImportOutcome {
  summary: BundleSummary;
  newEvents: number;
  knownEvents: number;
  /** Missing stretches, like "events 41–57 from device 1a2b…". */
  gaps: string[];
}

function gapsFor(ctx: CoreContext, deviceIds: string[]): string[] {
  const gaps: string[] = [];
  for (const deviceId of deviceIds) {
    const seqs = statement<[string], { seq: number }>(ctx.db, 'SELECT seq FROM events WHERE device_id = ? ORDER BY seq')
      .all(deviceId)
      .map((r) => r.seq);
    let expected = 1;
    for (const seq of seqs) {
      if (seq > expected) gaps.push(`events ${expected}–${seq - 1} from device ${deviceId} are missing`);
      expected = seq + 1;
    }
  }
  return gaps;
}

export async function importBundle(ctx: CoreContext, file: string, sealed = false): Promise<ImportOutcome> {
  if (ctx.readOnly) throw new DomainError('READ_ONLY', ctx.readOnly);
  const db = ctx.db;
  const newest = statement<[], { hlc: string | null }>(db, 'SELECT max(hlc) AS hlc FROM events').get()?.hlc ?? '';
  const horizon = new Date(ctx.now().getTime() + MAX_DRIFT_MS).toISOString();
  const held = statement<[string, number], { hash: string; prev_hash: string }>(
    db,
    'SELECT hash, prev_hash FROM events WHERE device_id = ? AND seq = ?',
  );
  const insert = statement(
    db,
    'INSERT INTO events (device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (@deviceId, @seq, @hlc, @actor, @type, @entity, @payload, @prevHash, @hash)',
  );
  const arrived: { deviceId: string; seq: number; hlc: string }[] = [];
  let knownEvents = 0;

  const release = ctx.gate.close();
  let open = false;
  try {
    const keepPersonal = statement(db, 'INSERT OR IGNORE INTO personal_data (digest, salt, body) VALUES (?, ?, ?)');
    const summary = await readBundle(file, {
      sealed,
      personal(r) {
        keepPersonal.run(r.digest, r.salt, JSON.stringify(r.body));
      },
      signed(s) {
        if (!isTrusted(db, s.signer.deviceId) && s.signer.deviceId !== ctx.device.id) {
          throw new DomainError('BUNDLE_SIGNATURE', untrustedSignerMessage(s));
        }
        db.exec('BEGIN IMMEDIATE');
        open = true;
      },
      event(e: BundleEvent, payloadJson: string) {
        const mine = held.get(e.deviceId, e.seq);
        if (mine) {
          if (mine.hash !== e.hash) {
            throw new DomainError(
              'BUNDLE_INVALID',
              `EQUIVOCATION: device ${e.deviceId} has two different events numbered ${e.seq} — this laptop holds one, the bundle another. The bundle was refused; report this to the grants office, as that device’s data may have been tampered with.`,
            );
          }
          knownEvents++;
          return;
        }
        const before = held.get(e.deviceId, e.seq - 1);
        const after = held.get(e.deviceId, e.seq + 1);
        if ((before && before.hash !== e.prevHash) || (after && after.prev_hash !== e.hash)) {
          throw new DomainError(
            'BUNDLE_INVALID',
            `Event ${e.seq} from device ${e.deviceId} does not link to the events this laptop holds. The bundle was refused.`,
          );
        }
        if (e.hlc > horizon)
          throw new DomainError(
            'BUNDLE_INVALID',
            `Device ${e.deviceId}’s clock was more than a day ahead when it made event ${e.seq}. Correct that laptop’s clock and export again.`,
          );
        insert.run({ ...e, payload: payloadJson });
        arrived.push({ deviceId: e.deviceId, seq: e.seq, hlc: e.hlc });
      },
    });
    if (!open) throw new DomainError('BUNDLE_INVALID', 'The bundle could not be read');
    bringProjectionsUpToDate(ctx, arrived, newest);
    const gaps = gapsFor(
      ctx,
      summary.manifest.devices.map((d) => d.deviceId),
    );
    statement(
      db,
      'INSERT INTO bundle_imports (events_sha256, exporter_device, created_at, imported_at, events_new, events_known, gaps, knows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      summary.manifest.events.sha256,
      summary.signer.deviceId,
      summary.manifest.createdAt,
      ctx.now().toISOString(),
      arrived.length,
      knownEvents,
      JSON.stringify(gaps),
      JSON.stringify(summary.manifest.knows),
    );
    db.exec('COMMIT');
    open = false;
    return { summary, newEvents: arrived.length, knownEvents, gaps };
  } finally {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    release();
  }
}

/**
 * New events newer than everything held are projected in clock order; otherwise the projections
 * are rebuilt, so every laptop reaches the same tables whatever order bundles arrive in.
 */
function bringProjectionsUpToDate(ctx: CoreContext, arrived: { deviceId: string; seq: number; hlc: string }[], newestBefore: string): void {
  if (arrived.length === 0) return;
  const ordered = [...arrived].sort((a, b) =>
    a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.seq - b.seq,
  );
  if ((ordered[0]?.hlc ?? '') <= newestBefore) {
    rebuildProjections(ctx.db);
    return;
  }
  const row = statement<[string, number], EventRow>(ctx.db, 'SELECT * FROM events WHERE device_id = ? AND seq = ?');
  for (const a of ordered) project(ctx.db, eventFromRow(row.get(a.deviceId, a.seq) as EventRow));
}
