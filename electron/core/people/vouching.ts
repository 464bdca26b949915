// Whose changes a laptop's log may carry. Before a person's first change in a session, the laptop
// writes their sign-in, signed with their own key over where in its log it is; from there until
// they sign out (or someone else signs in) its changes in their name stand. A laptop's own officer
// needs none until they have a passphrase (setting up; logs from before people signed in). Checked as events
// are projected, in clock order, so every laptop reaches the same answer whatever order bundles
// arrive in; a change that fails stays in the log, counted, and is not applied. See docs/people.md.
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { StoredEvent } from '../../../shared/events/event';
import { KINDS, type KindName } from '../../../shared/domain/kinds';
import { capabilitiesOf, type Capability } from '../../../shared/domain/people';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { officerOf } from '../context';
import { readPerson } from './records';
import type { Projector } from '../events/project';

/** What the person signs: who, on which laptop, after which of its events. */
export function signInText(personId: string, deviceId: string, prevHash: string): Uint8Array {
  return utf8ToBytes(`GrantPanel sign-in\nperson: ${personId}\nlaptop: ${deviceId}\nafter: ${prevHash}\n`);
}

export function proveSignIn(secretKey: Uint8Array, personId: string, deviceId: string, prevHash: string): string {
  return Buffer.from(ed25519.sign(signInText(personId, deviceId, prevHash), secretKey)).toString('base64');
}

/** The raw Ed25519 key inside a minisign public key: "Ed" ‖ key id (8) ‖ key (32). */
export function rawPublicKey(minisign: string): Uint8Array {
  return new Uint8Array(Buffer.from(minisign, 'base64')).slice(10);
}

interface SignedIn {
  personId: string;
  publicKey: string;
  proof: string;
}

/** Opens the person's window on that laptop, closing anyone else's: one person at a time. */
const signedIn: Projector = (db, event) => {
  const p = event.payload as SignedIn;
  const known = statement(db, 'SELECT 1 FROM person_keys WHERE person_id = ? AND public_key = ?').get(p.personId, p.publicKey);
  if (!known || event.actor !== p.personId || !proofHolds(p, event)) return ignore(db, event, 'a sign-in not proven by that person’s key');
  closeWindows(db, event.deviceId, event.seq);
  statement(db, 'INSERT OR IGNORE INTO sign_ins (device_id, person_id, from_seq, to_seq) VALUES (?, ?, ?, NULL)').run(
    event.deviceId,
    p.personId,
    event.seq,
  );
};

function proofHolds(p: SignedIn, event: StoredEvent): boolean {
  try {
    return ed25519.verify(
      Buffer.from(p.proof, 'base64'),
      signInText(p.personId, event.deviceId, event.prevHash),
      rawPublicKey(p.publicKey),
    );
  } catch {
    return false;
  }
}

const signedOut: Projector = (db, event) => closeWindows(db, event.deviceId, event.seq);

function closeWindows(db: Db, deviceId: string, seq: number): void {
  statement(db, 'UPDATE sign_ins SET to_seq = ? WHERE device_id = ? AND to_seq IS NULL AND from_seq < ?').run(seq, deviceId, seq);
}

export const signInKind = { projectors: { 'session.signedIn': signedIn, 'session.signedOut': signedOut } };

/** The capability a kind's events need of their author, where the generic check applies. */
const NEEDS = new Map<string, Capability>(
  (Object.keys(KINDS) as KindName[]).flatMap((kind) => {
    const writes: string = KINDS[kind].writes;
    // People and credentials check their authors themselves (a laptop's own officer sets it up);
    // a local kind counts only this laptop's own, which its core authorised as they were made
    // (a new laptop trusts the office it joins before anyone is set up on it).
    if (kind === 'person' || kind === 'credential' || KINDS[kind].rule === 'local' || writes.includes(' ')) return [];
    return KINDS[kind].events.filter((t) => !t.endsWith('.seeded')).map((t) => [t, writes as Capability] as const);
  }),
);

/** Event types after which what is known about authors may differ: people, credentials, sign-ins. */
const CHANGES_AUTHORS = /^(person|credential|session)\./;

/**
 * Why an event must not take effect, or null: its author was not signed in on its laptop, or their
 * roles (as the log stood at it) do not allow it. What it reads about each author is kept between
 * events (an import checks every one) and forgotten whenever people, credentials or sign-ins change.
 */
export class Authorship {
  private windows = new Map<string, { from: number; to: number | null }[]>();
  private exempt = new Map<string, boolean>();
  private capabilities = new Map<string, ReadonlySet<Capability>>();

  constructor(private readonly db: Db) {}

  forget(): void {
    this.windows.clear();
    this.exempt.clear();
    this.capabilities.clear();
  }

  whyIgnored(event: StoredEvent): string | null {
    if (CHANGES_AUTHORS.test(event.type)) this.forget();
    // Sign-ins and sign-outs are checked by their projectors.
    if (event.type === 'session.signedIn' || event.type === 'session.signedOut') return null;
    if (!this.vouched(event)) return 'made in the name of someone not signed in on that laptop';
    const needs = NEEDS.get(event.type);
    if (needs && !this.can(event.actor, needs)) return 'beyond what its author’s roles allowed';
    return null;
  }

  /**
   * Whether the laptop that made this event had its author signed in when it did. A laptop's own
   * officer needs no sign-in until they have a passphrase (setting up; logs from before people signed in).
   */
  private vouched(event: StoredEvent): boolean {
    if (event.actor === officerOf(event.deviceId) && this.needsNoSignIn(event.actor)) return true;
    return this.windowsOf(event.deviceId, event.actor).some((w) => w.from < event.seq && (w.to === null || event.seq < w.to));
  }

  private needsNoSignIn(officer: string): boolean {
    let exempt = this.exempt.get(officer);
    if (exempt === undefined) {
      exempt = !statement(this.db, 'SELECT 1 FROM credentials WHERE person_id = ?').get(officer);
      this.exempt.set(officer, exempt);
    }
    return exempt;
  }

  private windowsOf(deviceId: string, personId: string): { from: number; to: number | null }[] {
    const key = `${deviceId} ${personId}`;
    let found = this.windows.get(key);
    if (!found) {
      found = statement<[string, string], { from_seq: number; to_seq: number | null }>(
        this.db,
        'SELECT from_seq, to_seq FROM sign_ins WHERE device_id = ? AND person_id = ?',
      )
        .all(deviceId, personId)
        .map((r) => ({ from: r.from_seq, to: r.to_seq }));
      this.windows.set(key, found);
    }
    return found;
  }

  /** Whether this author's roles, as the log stands at the event being projected, allow this. */
  can(actor: string, capability: Capability): boolean {
    let found = this.capabilities.get(actor);
    if (!found) {
      const person = readPerson(this.db, actor);
      found = new Set(person?.active ? capabilitiesOf(person.roles) : []);
      this.capabilities.set(actor, found);
    }
    return found.has(capability);
  }
}

export function ignore(db: Db, event: StoredEvent, reason: string): void {
  statement(
    db,
    'INSERT INTO ignored_changes (device_id, actor, reason, count) VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1',
  ).run(event.deviceId, event.actor, reason);
}
