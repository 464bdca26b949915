// Equivocation: one laptop has signed two different versions of its own log. Only that laptop's
// key can sign its heads, so this is never a relay's doing: the laptop was restored from an old
// backup, copied, or tampered with. The evidence — both signed heads — is kept and shown, and a
// grants officer decides which version the office accepts.
import type { ChangeSeen, EquivocationInfo } from '../../../shared/contract/bundles';
import { printable } from '../../../shared/domain/text';
import { parseHlc } from '../../../shared/events/hlc';
import { DomainError } from '../../../shared/contract/result';
import type { SignedHead } from '../../../shared/formats/bundle';
import { write, type CoreContext } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { checkSignedHead, headFromJson } from './heads';
import { readBundle } from './read';
import { laptopName } from './trust';

export interface Equivocation {
  deviceId: string;
  /** Where the two versions were found to differ. */
  seq: number;
  held: SignedHead;
  incoming: SignedHead;
  heldChange: ChangeSeen | null;
  incomingChange: ChangeSeen | null;
  bundleSha256: string;
}

/** Not a change to the register: someone starting or ending their work on that laptop. */
const SESSION_WORDS: Record<string, string> = { 'session.signedIn': 'someone signed in', 'session.signedOut': 'someone signed out' };

/**
 * Two versions of a restored laptop's log almost always part at a sign-in (each went on in a session
 * of its own): a person choosing between them needs the first change to the register on each side.
 */
export const isSessionEvent = (type: string): boolean => type in SESSION_WORDS;

/** The first change (not a sign-in or out) the bundle carries from that laptop at or after `seq`. */
export async function firstChangeCarried(file: string, sealed: boolean, deviceId: string, seq: number): Promise<ChangeSeen | undefined> {
  let first: { seq: number; change: ChangeSeen } | undefined;
  await readBundle(file, {
    sealed,
    event(e) {
      if (e.deviceId !== deviceId || e.seq < seq || isSessionEvent(e.type) || (first && first.seq < e.seq)) return;
      first = { seq: e.seq, change: changeOf(e.type, e.payload, e.hlc) };
    },
  });
  return first?.change;
}

/**
 * A change as a person recognises it: "round added: Round on the restored laptop", and when.
 * Read from a payload that may come from a bundle refused for equivocation: only strings are used.
 */
export function changeOf(type: string, payload: unknown, hlc: string): ChangeSeen {
  const p = (payload ?? {}) as Record<string, unknown>;
  const parsedAt = parseHlc(hlc);
  const session = SESSION_WORDS[type];
  if (session) return { what: session, at: parsedAt ? new Date(parsedAt.millis).toISOString() : null };
  const label = [p.name, p.reference, p.organisationName, p.id].find((x): x is string => typeof x === 'string');
  const [noun = type, verb = ''] = type.split('.');
  const what = `${noun.replace(/([A-Z])/g, ' $1').toLowerCase()} ${verb}`.trim();
  const parsed = parseHlc(hlc);
  return { what: printable(label ? `${what}: ${label.slice(0, 120)}` : what), at: parsed ? new Date(parsed.millis).toISOString() : null };
}

export function equivocationMessage(deviceId: string, laptop: string, seq: number): string {
  const named = laptop.startsWith('laptop ') ? `device ${deviceId}` : `device ${deviceId} (${laptop})`;
  return (
    `EQUIVOCATION: ${named} has signed two different versions of its log (they differ at or before event ${seq}) — ` +
    `this laptop holds one, the bundle another. The bundle was refused and both versions were kept as evidence: ` +
    `a grants officer can choose on the Sync screen which version the office accepts.`
  );
}

/** Keeps the evidence, in a transaction of its own (the refused import's was rolled back). */
export function recordEquivocation(ctx: CoreContext, e: Equivocation): void {
  ctx.changes.report(['equivocations']);
  statement(
    ctx.db,
    `INSERT OR IGNORE INTO equivocations (device_id, seq, held_head, incoming_head, held_change, incoming_change, found_at, bundle_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.deviceId,
    e.seq,
    JSON.stringify(e.held),
    JSON.stringify(e.incoming),
    e.heldChange && JSON.stringify(e.heldChange),
    e.incomingChange && JSON.stringify(e.incomingChange),
    ctx.now().toISOString(),
    e.bundleSha256,
  );
}

export interface VersionChosen {
  deviceId: string;
  chosen: SignedHead;
  rejected: SignedHead;
}

export const versionChoiceKind: CoreKinds['versionChoice'] = {
  projectors: {
    'device.versionChosen': (db, e) => {
      const c = e.payload as VersionChosen;
      // Only a choice between two versions that laptop itself signed means anything.
      if (c.chosen.deviceId !== c.deviceId || c.rejected.deviceId !== c.deviceId || !signedBy(c.chosen) || !signedBy(c.rejected)) return;
      statement(
        db,
        'INSERT OR REPLACE INTO chosen_versions (device_id, seq, hash, chosen_head, rejected_head, chosen_at, chosen_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(c.deviceId, c.chosen.seq, c.chosen.hash, JSON.stringify(c.chosen), JSON.stringify(c.rejected), e.hlc, e.actor);
    },
  },
};

function signedBy(head: SignedHead): boolean {
  try {
    checkSignedHead(head);
    return true;
  } catch {
    return false;
  }
}

/** The version of a laptop's log the office accepts, where a person has chosen: its signed head's seq and hash. */
export function chosenVersion(db: Db, deviceId: string): { seq: number; hash: string } | undefined {
  return statement<[string], { seq: number; hash: string }>(db, 'SELECT seq, hash FROM chosen_versions WHERE device_id = ?').get(deviceId);
}

interface EvidenceRow {
  device_id: string;
  seq: number;
  held_head: string;
  incoming_head: string;
  held_change: string | null;
  incoming_change: string | null;
  found_at: string;
}

/** The evidence kept here, newest first, each with the choice made (here or elsewhere) if any. */
export function listEquivocations(ctx: CoreContext): EquivocationInfo[] {
  return statement<[], EvidenceRow>(ctx.db, 'SELECT * FROM equivocations ORDER BY found_at DESC, device_id, seq')
    .all()
    .map((r) => {
      const held = headFromJson(r.held_head);
      const incoming = headFromJson(r.incoming_head);
      const chosen = chosenVersion(ctx.db, r.device_id);
      const choice = !chosen ? null : chosen.hash === held.hash ? 'held' : chosen.hash === incoming.hash ? 'incoming' : null;
      const version = (h: SignedHead, change: string | null) => ({
        seq: h.seq,
        hash: h.hash,
        signedAt: h.signedAt,
        change: change ? (JSON.parse(change) as ChangeSeen) : null,
      });
      return {
        deviceId: r.device_id,
        laptop: laptopName(ctx.db, ctx.device.id, r.device_id),
        seq: r.seq,
        foundAt: r.found_at,
        held: version(held, r.held_change),
        incoming: version(incoming, r.incoming_change),
        choice,
      };
    });
}

/** A grants officer's decision: which of the two signed versions the office accepts. It travels. */
export function chooseVersion(ctx: CoreContext, deviceId: string, seq: number, which: 'held' | 'incoming'): EquivocationInfo {
  const row = statement<[string, number], EvidenceRow>(
    ctx.db,
    'SELECT * FROM equivocations WHERE device_id = ? AND seq = ? ORDER BY found_at DESC LIMIT 1',
  ).get(deviceId, seq);
  if (!row) throw new DomainError('NOT_FOUND', `There is no evidence here of two versions of device ${deviceId}’s log at event ${seq}`);
  const [held, incoming] = [headFromJson(row.held_head), headFromJson(row.incoming_head)];
  const payload: VersionChosen =
    which === 'held' ? { deviceId, chosen: held, rejected: incoming } : { deviceId, chosen: incoming, rejected: held };
  write(ctx, () => ctx.log.append(ctx.person.id, 'device.versionChosen', `device:${deviceId}`, payload));
  return listEquivocations(ctx).find((e) => e.deviceId === deviceId && e.seq === seq)!;
}

/** Two signed versions of one laptop's log met, and no choice between them is held here. */
export class TwoVersions extends Error {
  constructor(
    readonly deviceId: string,
    readonly refusal: DomainError,
  ) {
    super(refusal.message);
  }
}

/** The latest choice (in clock order) the bundle carries about a laptop's versions, if any. */
export async function choicesCarried(file: string, sealed: boolean, deviceId: string): Promise<{ seq: number; hash: string } | undefined> {
  let latest: { hlc: string; choice: { seq: number; hash: string } } | undefined;
  await readBundle(file, {
    sealed,
    event(e) {
      if (e.type !== 'device.versionChosen') return;
      const c = e.payload as VersionChosen;
      if (c.deviceId !== deviceId || c.chosen.deviceId !== deviceId) return;
      try {
        checkSignedHead(c.chosen);
      } catch {
        return;
      }
      if (!latest || e.hlc > latest.hlc) latest = { hlc: e.hlc, choice: { seq: c.chosen.seq, hash: c.chosen.hash } };
    },
  });
  return latest?.choice;
}
