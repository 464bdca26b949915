// What every handler gets: the database, the event log, this device and the person acting.
import type { Db } from './db/open';
import type { EventLog } from './events/log';
import type { DeviceIdentity } from './crypto/keys';
import type { MethodName, Output, ParsedInput } from '../../shared/contract';
import { DomainError } from '../../shared/contract/result';
import type { RunningImport } from './services/import-jobs';
import type { Projection } from './events/project';
import type { Changes } from './changes';
import type { BundleProgress } from '../../shared/contract/bundles';
import type { ChosenFiles } from './files/chosen';
import type { Role } from '../../shared/domain/people';
import type { Session } from './people/session';
import { proveSignIn } from './people/vouching';

export interface Person {
  id: string;
  name: string;
  roles: Role[];
}

/**
 * The grants officer who set this laptop up (or, in a log from before people signed in, its one
 * implicit officer): a person only this laptop may create, so no other laptop can make one.
 */
export function officerOf(deviceId: string): string {
  return `officer-${deviceId}`;
}

/** A laptop's officer (officer-<device id>) or a person an officer added (person-<uuid>). */
export function isPersonId(id: string): boolean {
  return /^(officer|person)-[a-z0-9-]{1,80}$/.test(id);
}

export interface CoreContext {
  db: Db;
  log: EventLog;
  /** Events → tables, built from the kinds of record when the core opened. */
  projection: Projection;
  /** Which tables the running call changed. */
  changes: Changes;
  device: DeviceIdentity;
  /** Who is signed in: held by the core, never taken from the caller. */
  session: Session;
  /** The signed-in person; dispatch answers nothing but session methods while nobody is. */
  readonly person: Person;
  /** log2 of scrypt's cost for new passphrases: 17 in the app; tests may choose less. */
  passphraseLogN: number;
  readOnly: string | null;
  now: () => Date;
  gate: Gate;
  /** The data folder: where this laptop's keys are kept. */
  dataDir: string;
  /** Where bundles are suggested to go and looked for. */
  bundlesFolder: string;
  /** Where unexpected errors are reported; never given input data, which may be personal. */
  logError: (message: string) => void;
  /** How far the bundle export, check or import running now has got; null when none is. */
  bundleProgress: BundleProgress | null;
  /** The files people chose this run, by id: the only paths the core reads or writes for them. */
  files: ChosenFiles;
  /** CSV imports running or recently finished, by job id. */
  importJobs: Map<string, RunningImport>;
}

/** Closed while a long import holds its transaction open; calls wait at the gate till it opens. */
export class Gate {
  private closed: Promise<void> | null = null;

  close(): () => void {
    let release = () => {};
    this.closed = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.closed = null;
      release();
    };
  }

  async pass(): Promise<void> {
    while (this.closed) await this.closed;
  }
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CoreContext) => Output<M> | Promise<Output<M>>;
export type Handlers<M extends MethodName> = { [K in M]: Handler<K> };

/** One write = one transaction holding its events and their projections (and, first, the writer's sign-in). */
export function write<T>(ctx: CoreContext, fn: () => T): T {
  if (ctx.readOnly) throw new DomainError('READ_ONLY', ctx.readOnly);
  const undo = undoSignInOnRollback(ctx);
  try {
    return ctx.db.transaction(() => {
      recordSignIn(ctx);
      return fn();
    })();
  } catch (error) {
    undo();
    throw error;
  }
}

/**
 * A sign-in recorded in a transaction that then rolls back is not in the log: the next write records
 * it again. And the projection forgets what it read about authors, which the rollback may have undone.
 */
function undoSignInOnRollback(ctx: CoreContext): () => void {
  const outermost = !ctx.db.inTransaction;
  const recorded = ctx.session.signing?.recorded ?? true;
  // What the projection knew of authors may include what the rollback takes away.
  if (outermost) ctx.projection.forgetAuthors();
  return () => {
    ctx.projection.forgetAuthors();
    if (outermost && !recorded) ctx.session.signInRecorded(false);
  };
}

/**
 * Before a signed-in person's first change in a session: their sign-in, signed with their own key
 * over where in this laptop's log it is, so every laptop can tell their changes from this one are
 * theirs (people/vouching.ts). Not needed, so not written, for a laptop's officer still setting up.
 */
export function recordSignIn(ctx: CoreContext): void {
  const person = ctx.session.person;
  const signing = ctx.session.signing;
  if (!person || !signing || signing.recorded || ctx.readOnly) return;
  const held = ctx.db.prepare('SELECT 1 FROM person_keys WHERE person_id = ? AND public_key = ?').get(person.id, signing.publicKey);
  if (!held) return;
  ctx.log.append(person.id, 'session.signedIn', `person:${person.id}`, {
    personId: person.id,
    publicKey: signing.publicKey,
    proof: proveSignIn(signing.secretKey, person.id, ctx.device.id, ctx.log.headHash()),
  });
  ctx.session.signInRecorded();
}

/**
 * A write that spans many turns of the event loop (a bundle or CSV import): one transaction, with
 * the gate closed so every other call waits rather than read it half-done. It commits what `work`
 * returns; `null` (a cancel) or a throw rolls everything back.
 */
export async function longWrite<T>(ctx: CoreContext, work: () => Promise<T | null>): Promise<T | null> {
  if (ctx.readOnly) throw new DomainError('READ_ONLY', ctx.readOnly);
  const release = ctx.gate.close();
  try {
    const undo = undoSignInOnRollback(ctx);
    ctx.db.exec('BEGIN IMMEDIATE');
    try {
      recordSignIn(ctx);
      const result = await work();
      ctx.db.exec(result === null ? 'ROLLBACK' : 'COMMIT');
      if (result === null) undo();
      return result;
    } catch (error) {
      if (ctx.db.inTransaction) ctx.db.exec('ROLLBACK');
      undo();
      throw error;
    }
  } finally {
    release();
  }
}
