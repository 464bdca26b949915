// Importing a bundle, all or nothing: the signature is checked and its signer must be trusted
// HERE; then, in ONE transaction, each event is checked again as it is read. A laptop's events are
// taken only as far as its own signed head (checked by the reader), never in this laptop's own
// name, never from a laptop whose trust was revoked here. Events already held are skipped; a
// different event under a held number, or one that does not link, means that laptop signed two
// versions of its log (equivocation): the bundle is refused and the evidence kept for a person.
// The projections are then brought up to date in clock order and the bundle recorded in the
// import ledger. Any failure rolls everything back: the database is exactly as it was.
import { DomainError } from '../../../shared/contract/result';
import { MAX_DRIFT_MS, checkEventClock, decodeHlc } from '../../../shared/events/hlc';
import type { BundleEvent } from '../../../shared/formats/bundle';
import { isPersonId, longWrite, type CoreContext } from '../context';
import { statement } from '../db/statements';
import type { EventRow } from '../events/log';
import { readBundle, type BundleSummary } from './read';
import { isRevoked, isTrusted, laptopName, nameGivenHere, untrustedSignerMessage } from './trust';
import { keepHead, storedHead } from './heads';
import {
  changeOf,
  choicesCarried,
  chosenVersion,
  equivocationMessage,
  recordEquivocation,
  TwoVersions,
  firstChangeCarried,
  isSessionEvent,
  type Equivocation,
} from './equivocation';
import { counter, type Report } from './progress';

/** The page cache an import may use, in KiB (negative, as SQLite takes it): 64 MiB. */
const IMPORT_CACHE_KIB = -64 * 1024;

export interface ImportOutcome {
  summary: BundleSummary;
  newEvents: number;
  knownEvents: number;
  /** Missing stretches, like "changes 41–57 from Coventry panel laptop" (by its id only when unnamed here). */
  gaps: string[];
  /** Events left out: of laptops whose trust was revoked here, or of a version of a laptop's log not chosen. */
  leftOut: number;
}

function gapsFor(ctx: CoreContext, deviceIds: string[]): string[] {
  // Found by SQLite, a row per gap: the seqs held are never brought into memory.
  const stretches = statement<[string], { first: number; last: number }>(
    ctx.db,
    'SELECT prev + 1 AS first, seq - 1 AS last FROM (SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS prev FROM events WHERE device_id = ?) WHERE seq > prev + 1 ORDER BY seq',
  );
  return deviceIds.flatMap((deviceId) => {
    const name = nameGivenHere(ctx.db, ctx.device.id, deviceId);
    const laptop = name ?? `laptop ${deviceId}`;
    return stretches.all(deviceId).map((g) => `changes ${g.first}–${g.last} from ${laptop} are missing`);
  });
}

/**
 * A choice between two versions may travel in the same bundle as the chosen version, after its
 * events: when an import meets two versions, the bundle is read once more for choices about that
 * laptop and, if it carries one, imported again with it in force. Both passes are all or nothing.
 */
export async function importBundle(ctx: CoreContext, file: string, sealed = false, report: Report = () => {}): Promise<ImportOutcome> {
  try {
    return await importOnce(ctx, file, sealed, report, new Map());
  } catch (error) {
    if (!(error instanceof TwoVersions)) throw error;
    const carried = await choicesCarried(file, sealed, error.deviceId);
    if (!carried) throw error.refusal;
    return importOnce(ctx, file, sealed, report, new Map([[error.deviceId, carried]]));
  }
}

async function importOnce(
  ctx: CoreContext,
  file: string,
  sealed: boolean,
  report: Report,
  carried: Map<string, { seq: number; hash: string }>,
): Promise<ImportOutcome> {
  const db = ctx.db;
  const self = ctx.device.id;
  const now = ctx.now().getTime();
  const held = statement<[string, number], { hash: string; prev_hash: string; hlc: string }>(
    db,
    'SELECT hash, prev_hash, hlc FROM events WHERE device_id = ? AND seq = ?',
  );
  const insert = statement<[string, number, string, string, string, string, string, string, string]>(
    db,
    'INSERT INTO events (device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Per device, the highest seq held before the import (read at its first event, inside the
  // transaction). Above it can be only this import's own events, inserted in order and already
  // linked to each other by the reader: seqs up there need no looking up.
  const tops = new Map<string, number>();
  const topSeq = statement<[string], { top: number | null }>(db, 'SELECT max(seq) AS top FROM events WHERE device_id = ?');
  const heldTop = (deviceId: string) => {
    let top = tops.get(deviceId);
    if (top === undefined) tops.set(deviceId, (top = topSeq.get(deviceId)?.top ?? 0));
    return top;
  };
  // The clock of each device's previous event in the bundle: no laptop's clock runs backwards in its own log.
  const lastClock = new Map<string, string>();
  const revoked = new Set<string>();
  // Laptops with two signed versions of their log and a person's choice between them: the chosen
  // version replaces the other from where they part; the other is left out.
  const versions = new Map<string, { mode: 'skip' } | { mode: 'replace'; seq: number; hash: string }>();
  let replacedAny = false;
  // The newest clock held before the import; and of the new events only their count and earliest
  // clock are kept, however many arrive.
  let newestBefore = '';
  let newEvents = 0;
  let earliestNew: string | null = null;
  let knownEvents = 0;
  let leftOut = 0;
  let step = () => {};
  let summary: BundleSummary | undefined;
  let evidence: Equivocation | undefined;
  let arrivedType: string | undefined;

  const refuse = (e: BundleEvent, why: string) =>
    new DomainError('BUNDLE_INVALID', `This bundle cannot be used: event ${e.seq} from device ${e.deviceId} ${why}. Nothing was imported.`);
  /** Both versions are signed by that laptop: keep the evidence (after the rollback) and refuse. */
  const equivocation = (deviceId: string, seq: number, arrived?: BundleEvent) => {
    const incoming = summary?.manifest.heads.find((h) => h.deviceId === deviceId);
    const heldHead = storedHead(db, deviceId);
    // The first change held from there, past any sign-ins (see isSessionEvent).
    const mine =
      statement<[string, number], EventRow>(
        db,
        "SELECT * FROM events WHERE device_id = ? AND seq >= ? AND type NOT LIKE 'session.%' ORDER BY seq LIMIT 1",
      ).get(deviceId, seq) ??
      statement<[string, number], EventRow>(db, 'SELECT * FROM events WHERE device_id = ? AND seq = ?').get(deviceId, seq);
    arrivedType = arrived?.type;
    if (incoming && heldHead)
      evidence = {
        deviceId,
        seq,
        held: heldHead,
        incoming,
        heldChange: mine ? changeOf(mine.type, JSON.parse(mine.payload), mine.hlc) : null,
        incomingChange: arrived ? changeOf(arrived.type, arrived.payload, arrived.hlc) : null,
        bundleSha256: summary!.manifest.events.sha256,
      };
    return new DomainError('BUNDLE_INVALID', equivocationMessage(deviceId, laptopName(db, self, deviceId), seq));
  };

  /**
   * A held event differs from the bundle's, or does not link to it: that laptop signed two versions.
   * With a person's choice, the bundle's events are left out (the held version was chosen) or
   * replace the held ones from this event on (the bundle's was, and it parts from the held one
   * exactly here). Otherwise the bundle is refused and the evidence kept.
   */
  const settleVersions = (e: BundleEvent, top: number, linksBelow: boolean) => {
    const chosen = carried.get(e.deviceId) ?? chosenVersion(db, e.deviceId);
    if (!chosen) throw new TwoVersions(e.deviceId, equivocation(e.deviceId, e.seq, e));
    if (chosen.seq <= top && held.get(e.deviceId, chosen.seq)?.hash === chosen.hash) {
      const skip = { mode: 'skip' } as const;
      versions.set(e.deviceId, skip);
      return skip;
    }
    if (!linksBelow || chosen.seq < e.seq) throw equivocation(e.deviceId, e.seq, e);
    statement(db, 'DELETE FROM events WHERE device_id = ? AND seq >= ?').run(e.deviceId, e.seq);
    tops.set(e.deviceId, e.seq - 1);
    replacedAny = true;
    const replace = { mode: 'replace', seq: chosen.seq, hash: chosen.hash } as const;
    versions.set(e.deviceId, replace);
    return replace;
  };

  // A large import inserts into four indexes, the hash one in random order: with SQLite's small
  // default page cache it keeps spilling and rereading pages (a million events: 68 s, with this 51 s).
  // Memory only, for this import; durability (WAL, synchronous=FULL) is unchanged.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return (await longWrite(ctx, async () => {
      const keepPersonal = statement(db, 'INSERT OR IGNORE INTO personal_data (digest, salt, body) VALUES (?, ?, ?)');
      summary = await readBundle(file, {
        sealed,
        personal(r) {
          keepPersonal.run(r.digest, r.salt, JSON.stringify(r.body));
        },
        signed(s) {
          summary = s;
          const signer = s.signer.deviceId;
          if (signer !== self && !isTrusted(db, self, signer))
            throw new DomainError('BUNDLE_SIGNATURE', untrustedSignerMessage(db, self, s, isRevoked(db, self, signer)));
          for (const d of s.manifest.devices) if (isRevoked(db, self, d.deviceId)) revoked.add(d.deviceId);
          step = counter(report, 'Checking and importing changes', s.manifest.events.count);
          // Read inside the transaction (longWrite's): nothing else can write until it ends.
          newestBefore = statement<[], { hlc: string | null }>(db, 'SELECT max(hlc) AS hlc FROM events').get()?.hlc ?? '';
        },
        event(e: BundleEvent, payloadJson: string) {
          step();
          const top = heldTop(e.deviceId);
          const mine = e.seq <= top ? held.get(e.deviceId, e.seq) : undefined;
          if (mine && mine.hash === e.hash) {
            knownEvents++;
            lastClock.set(e.deviceId, e.hlc);
            return;
          }
          if (e.deviceId === self)
            throw refuse(
              e,
              'is in this laptop’s own name, but this laptop never made it — another laptop forged it, or this laptop’s data was restored from an older backup',
            );
          let version = versions.get(e.deviceId);
          if (revoked.has(e.deviceId) || version?.mode === 'skip') {
            leftOut++;
            return;
          }
          const before = e.seq - 1 <= top ? held.get(e.deviceId, e.seq - 1) : undefined;
          let after = e.seq + 1 <= top ? held.get(e.deviceId, e.seq + 1) : undefined;
          if (mine || (before && before.hash !== e.prevHash) || (after && after.prev_hash !== e.hash)) {
            version = settleVersions(e, top, before === undefined ? e.seq === 1 : before.hash === e.prevHash);
            if (version.mode === 'skip') {
              leftOut++;
              return;
            }
            // Replacing: the held events from here on are gone, so none comes after this one.
            if (version.mode === 'replace') after = undefined;
          }
          if (version?.mode === 'replace' && e.seq === version.seq && e.hash !== version.hash) throw equivocation(e.deviceId, e.seq, e);
          // Who may have written what is decided as the events are projected (people/records.ts, events/project.ts).
          if (!isPersonId(e.actor)) throw refuse(e, 'names as its author something that is not a person');
          if (decodeHlc(e.hlc).millis - now > MAX_DRIFT_MS)
            throw new DomainError(
              'BUNDLE_INVALID',
              `Device ${e.deviceId}’s clock was more than a day ahead when it made event ${e.seq}. Correct that laptop’s clock and export again.`,
            );
          const clock = checkEventClock(e.hlc, lastClock.get(e.deviceId) ?? before?.hlc ?? null, now);
          if (clock) throw refuse(e, clock.replace(/^its/, 'has its'));
          if (after && after.hlc < e.hlc)
            throw refuse(e, 'is dated after the event that laptop made after it — its clock cannot run backwards');
          lastClock.set(e.deviceId, e.hlc);
          insert.run(e.deviceId, e.seq, e.hlc, e.actor, e.type, e.entity, payloadJson, e.prevHash, e.hash);
          newEvents++;
          if (earliestNew === null || e.hlc < earliestNew) earliestNew = e.hlc;
        },
      });
      for (const head of summary.manifest.heads) {
        const version = versions.get(head.deviceId);
        if (head.deviceId === self || revoked.has(head.deviceId) || version?.mode === 'skip') continue;
        // A replacing version must reach the chosen head, or it cannot be told from a third version.
        if (version?.mode === 'replace' && head.seq < version.seq) throw equivocation(head.deviceId, head.seq);
        keepHead(db, head, version?.mode === 'replace');
      }
      report('Updating the register');
      ctx.changes.report(['signed_heads']);
      if (replacedAny) ctx.projection.rebuild();
      else bringProjectionsUpToDate(ctx, earliestNew, newestBefore);
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
        newEvents,
        knownEvents,
        JSON.stringify(gaps),
        JSON.stringify(summary.manifest.knows),
      );
      return { summary, newEvents, knownEvents, gaps, leftOut };
    }))!;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    // The evidence outlives the refusal: kept on its own, after everything else was rolled back.
    if (evidence && arrivedType && isSessionEvent(arrivedType))
      evidence.incomingChange = (await firstChangeCarried(file, sealed, evidence.deviceId, evidence.seq)) ?? evidence.incomingChange;
    if (evidence && !ctx.readOnly) recordEquivocation(ctx, evidence);
  }
}

/**
 * New events newer than everything held are projected in clock order; otherwise the projections
 * are rebuilt, so every laptop reaches the same tables whatever order bundles arrive in. When the
 * earliest new event is newer than everything held, the events after `newestBefore` are exactly
 * the new ones, so they are read back from the log in clock order rather than kept in memory.
 */
function bringProjectionsUpToDate(ctx: CoreContext, earliestNew: string | null, newestBefore: string): void {
  if (earliestNew === null) return;
  if (earliestNew <= newestBefore) ctx.projection.rebuild();
  else ctx.projection.projectAfter(newestBefore);
}
