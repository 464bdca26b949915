// Who is signed in on this laptop, held only in the core's memory: the acting person is never
// taken from a call's input. Signing out or locking forgets their key; the laptop locks itself
// after a time without calls (the renderer locks sooner, on no keyboard or mouse).
import { DomainError } from '../../../shared/contract/result';
import type { Person } from '../context';

interface SignedIn {
  person: Person;
  mustChangePassphrase: boolean;
  /** Their Ed25519 secret key, opened with their passphrase: what signs their sign-in (and will sign their decisions). */
  secretKey: Uint8Array;
  /** Its public half, as a minisign public key. */
  publicKey: string;
  /** Whether this laptop's log holds their signed sign-in for this session yet (written with their first change). */
  recorded: boolean;
  lastActive: number;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export class Session {
  private current: SignedIn | null = null;
  private lockedBy: Person | null = null;

  constructor(public idleLockMinutes = DEFAULT_IDLE_LOCK_MINUTES) {}

  get person(): Person | null {
    return this.current?.person ?? null;
  }

  get locker(): Person | null {
    return this.lockedBy;
  }

  get mustChangePassphrase(): boolean {
    return this.current?.mustChangePassphrase ?? false;
  }

  /** The signed-in person, or the reason nothing else answers. */
  required(): Person {
    if (this.current) return this.current.person;
    throw new DomainError(
      'SIGNED_OUT',
      this.lockedBy ? `This laptop is locked. ${this.lockedBy.name} can unlock it, or someone else can sign in.` : 'Sign in first.',
    );
  }

  signIn(person: Person, key: { secretKey: Uint8Array; publicKey: string }, mustChangePassphrase: boolean, now: Date): void {
    this.forget();
    this.current = { person, ...key, mustChangePassphrase, recorded: false, lastActive: now.getTime() };
  }

  /** The signed-in person's key and whether their sign-in is in the log yet; null when nobody is signed in. */
  get signing(): Pick<SignedIn, 'secretKey' | 'publicKey' | 'recorded'> | null {
    return this.current;
  }

  signInRecorded(recorded = true): void {
    if (this.current) this.current.recorded = recorded;
  }

  passphraseChanged(): void {
    if (this.current) this.current.mustChangePassphrase = false;
  }

  /** A call by the signed-in person: the idle clock starts again. */
  touch(now: Date): void {
    if (this.current) this.current.lastActive = now.getTime();
  }

  /** Whether the idle time has passed since the signed-in person's last call. */
  idle(now: Date): boolean {
    return this.current !== null && now.getTime() - this.current.lastActive >= this.idleLockMinutes * 60_000;
  }

  lock(): void {
    const person = this.current?.person ?? this.lockedBy;
    this.forget();
    this.lockedBy = person;
  }

  signOut(): void {
    this.forget();
  }

  private forget(): void {
    this.current?.secretKey.fill(0);
    this.current = null;
    this.lockedBy = null;
  }
}
