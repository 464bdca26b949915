import { z } from 'zod';
import { method } from './method';
import { passphraseSchema, personNameSchema, type Capability, type Role } from '../domain/people';

/**
 * What this laptop is waiting for:
 * - `set-up`: nobody has been set up here — set up the first grants officer, or join an office;
 * - `claim`: data from before people signed in — its grants officer chooses a name and passphrase;
 * - `signed-out`: choose who you are; `locked`: the person who locked it unlocks (or someone else signs in);
 * - `signed-in`.
 */
export type SessionState = 'set-up' | 'claim' | 'signed-out' | 'locked' | 'signed-in';

export interface SignedInPerson {
  id: string;
  name: string;
  roles: Role[];
  capabilities: Capability[];
  /** After an officer's reset (or when added): they choose their own passphrase before anything else. */
  mustChangePassphrase: boolean;
}

export interface SessionInfo {
  state: SessionState;
  /** Only while signed in. */
  person: SignedInPerson | null;
  /** Who locked the laptop (their name only): the lock screen shows nothing else. */
  lockedBy: { id: string; name: string } | null;
  /** publicKey: the minisign public key (`minisign -V -P`); sealRecipient: the age key others seal bundles to. */
  device: { id: string; fingerprint: string; publicKey: string; sealRecipient: string };
  readOnly: string | null;
  /** Only while signed in: whether the register holds any application. */
  hasData: boolean;
  /** Minutes without a call before the laptop locks itself. */
  idleLockMinutes: number;
  /** A laptop set up as a demo: its invented people and their passphrases, for the welcome screen. Null on a real one. */
  demo: { name: string; roles: Role[]; passphrase: string }[] | null;
}

/** A person who can sign in on this laptop: active, and their credential has reached it. */
export interface SignInChoice {
  id: string;
  name: string;
  roles: Role[];
}

/** Who signed the roster a new laptop would join by: the person checks the fingerprint with the office. */
export interface JoinCheck {
  office: { deviceId: string; fingerprint: string; personName: string };
  laptops: number;
  createdAt: string;
}

export interface JoinOutcome {
  /** Laptops trusted from the roster. */
  trusted: number;
  newChanges: number;
  /** People whose sign-in is now on this laptop. */
  people: number;
}

const fileId = z.string().max(100);

const newPassphrase = { name: personNameSchema, passphrase: passphraseSchema };

export const session = {
  'session.current': method<SessionInfo>()(z.object({})),
  /** Who can sign in here, by name: the sign-in screen's list. */
  'session.choices': method<SignInChoice[]>()(z.object({})),
  /** A new laptop's first grants officer. Only while nobody is set up here. */
  'session.setUp': method<SessionInfo>()(z.object(newPassphrase)),
  /**
   * A new laptop set up as a demo: the demo's people (passphrases shown on its screens) and rounds,
   * signed in as its grants officer. Only while nobody is set up here, so never in a real data folder.
   */
  'session.setUpDemo': method<SessionInfo>()(z.object({})),
  /** A new laptop joining an office: who signed the roster, to check the fingerprint with the office. */
  'session.checkJoin': method<JoinCheck>()(z.object({ roster: fileId })),
  /**
   * Trusts the roster's signer (whose fingerprint the person checked) and its laptops, then imports the
   * office's protected bundle; its people then sign in here. Only while nobody is set up here.
   */
  'session.join': method<JoinOutcome>()(
    z.object({ roster: fileId, fingerprint: z.string().max(100), bundle: fileId, passphrase: z.string().max(1024).optional() }),
  ),
  /** A data folder from before people signed in: its implicit grants officer takes a name and passphrase. */
  'session.claim': method<SessionInfo>()(z.object(newPassphrase)),
  'session.signIn': method<SessionInfo>()(z.object({ personId: z.string().max(100), passphrase: passphraseSchema })),
  'session.unlock': method<SessionInfo>()(z.object({ passphrase: passphraseSchema })),
  'session.lock': method<SessionInfo>()(z.object({})),
  'session.signOut': method<SessionInfo>()(z.object({})),
  /** The signed-in person's own passphrase; `current` is checked again. */
  'session.changePassphrase': method<SessionInfo>()(z.object({ current: passphraseSchema, next: passphraseSchema })),
  /** The person is at the keyboard (typing a long form makes no calls): the idle clock starts again. */
  'session.touch': method<{ ok: true }>()(z.object({})),
  'session.setIdleLock': method<{ idleLockMinutes: number }>()(
    z.object({
      minutes: z
        .number()
        .int('Enter a whole number of minutes')
        .min(1, 'Lock after at least 1 minute')
        .max(240, 'Lock after at most 240 minutes'),
    }),
  ),
  'demo.load': method<{ roundId: string; applications: number }>()(z.object({})),
};
