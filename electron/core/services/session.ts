// Signing in, out, locking and setting up: the only methods that answer while nobody is signed in.
import type { SessionInfo, SessionState, SignInChoice } from '../../../shared/contract/session';
import { DomainError } from '../../../shared/contract/result';
import { capabilitiesOf } from '../../../shared/domain/people';
import { officerOf, recordSignIn, write, type CoreContext, type Handlers, type Person } from '../context';
import { statement } from '../db/statements';
import { minisignPublicKey } from '../crypto/minisign';
import { loadOrCreateSealIdentity } from '../crypto/seal-identity';
import { allPeople, canSignInHere, credentialOf, readPerson } from '../people/records';
import { checkNewPassphrase, issueCredential, newCredential, openCredential, sealFor } from '../people/credentials';
import { checkNotWaiting, clearFailures, FREE_ATTEMPTS, recordFailure } from '../people/attempts';
import { people as personEditable } from '../people/records';
import { changesBetween } from '../merge/editable';
import { randomUUID } from 'node:crypto';
import { newPersonKey } from '../crypto/credential';
import { DEMO_PEOPLE, type DemoPerson } from '../people/demo-people';
import { loadDemo } from './demo';
import { loadDemoPanel } from './demo-panel';

/** What the laptop waits for (see SessionState). */
export function sessionState(ctx: CoreContext): SessionState {
  if (ctx.session.person) return 'signed-in';
  if (ctx.session.locker) return 'locked';
  if (statement(ctx.db, 'SELECT 1 FROM credentials LIMIT 1').get()) return 'signed-out';
  return readPerson(ctx.db, officerOf(ctx.device.id)) ? 'claim' : 'set-up';
}

/** Ends the signed-in person's window on this laptop in the log, where their sign-in is in it. */
function recordSignOut(ctx: CoreContext, person: Person): void {
  if (ctx.readOnly || !ctx.session.signing?.recorded) return;
  write(ctx, () => ctx.log.append(person.id, 'session.signedOut', `person:${person.id}`, { personId: person.id }));
}

/**
 * Locks the laptop once the idle time has passed since the last call, recording the sign-out first
 * (locking forgets the session). Never in the middle of a long import: that is the laptop at work.
 */
export function lockIfIdle(ctx: CoreContext): void {
  const person = ctx.session.person;
  if (!person || ctx.db.inTransaction || !ctx.session.idle(ctx.now())) return;
  recordSignOut(ctx, person);
  ctx.session.lock();
}

async function sessionInfo(ctx: CoreContext): Promise<SessionInfo> {
  lockIfIdle(ctx);
  const person = ctx.session.person;
  const locker = ctx.session.locker;
  return {
    state: sessionState(ctx),
    person: person && {
      ...person,
      capabilities: capabilitiesOf(person.roles),
      mustChangePassphrase: ctx.session.mustChangePassphrase,
    },
    lockedBy: locker && { id: locker.id, name: locker.name },
    device: {
      id: ctx.device.id,
      fingerprint: ctx.device.fingerprint,
      publicKey: minisignPublicKey(ctx.device.publicKey),
      sealRecipient: (await loadOrCreateSealIdentity(ctx.dataDir)).recipient,
    },
    readOnly: ctx.readOnly,
    hasData: person !== null && ctx.db.prepare('SELECT 1 FROM applications LIMIT 1').get() !== undefined,
    idleLockMinutes: ctx.session.idleLockMinutes,
    demo: isDemoLaptop(ctx) ? DEMO_PEOPLE.map((p) => ({ ...p, roles: [...p.roles] })) : null,
  };
}

const isDemoLaptop = (ctx: CoreContext) => statement(ctx.db, "SELECT 1 FROM laptop_settings WHERE key = 'demo'").get() !== undefined;

/**
 * A new laptop set up as a demo, in one write: its officer (signed in first, as the demo's rounds
 * are theirs), the other demo people and the demo rounds. Demo people have no passphrase to change.
 */
async function setUpDemo(ctx: CoreContext): Promise<SessionInfo> {
  expectState(ctx, 'set-up', 'Setting up the demo');
  const [officer, ...others] = DEMO_PEOPLE;
  // Every demo person's key is made here, not only sealed: the demo panel's members score as themselves.
  const keyed = async (p: DemoPerson, id: string) => {
    const key = newPersonKey();
    const publicKey = minisignPublicKey(key.publicKey);
    return {
      ...p,
      id,
      key: { secretKey: key.secretKey, publicKey },
      credential: { publicKey, sealed: await sealFor(ctx, key.secretKey, p.passphrase) },
    };
  };
  const id = officerOf(ctx.device.id);
  const first = await keyed(officer!, id);
  // One at a time: each scrypt takes 128 MiB.
  const rest: Awaited<ReturnType<typeof keyed>>[] = [];
  for (const p of others) rest.push(await keyed(p, `person-${randomUUID()}`));
  expectState(ctx, 'set-up', 'Setting up the demo');
  ctx.session.signIn(
    { id, name: officer!.name, roles: officer!.roles },
    { secretKey: first.key.secretKey.slice(), publicKey: first.key.publicKey },
    false,
    ctx.now(),
  );
  try {
    write(ctx, () => {
      ctx.log.append(id, 'person.added', `person:${id}`, { id, name: officer!.name, roles: officer!.roles, areas: [], active: true });
      issueCredential(ctx, id, id, first.credential, false);
      // Their credential is here now: from this change on, theirs stand on their signed sign-in.
      recordSignIn(ctx);
      for (const p of rest) {
        ctx.log.append(id, 'person.added', `person:${p.id}`, { id: p.id, name: p.name, roles: p.roles, areas: [], active: true });
        issueCredential(ctx, id, p.id, p.credential, false);
      }
      statement(ctx.db, "INSERT INTO laptop_settings (key, value) VALUES ('demo', '1')").run();
      const { roundId } = loadDemo(ctx);
      const scorers = rest.filter((p) => p.roles.includes('panel-member'));
      loadDemoPanel(ctx, roundId, first, scorers);
    });
  } catch (error) {
    ctx.session.signOut();
    throw error;
  } finally {
    for (const p of [first, ...rest]) p.key.secretKey.fill(0);
  }
  return sessionInfo(ctx);
}

function expectState(ctx: CoreContext, state: SessionState, what: string): void {
  if (sessionState(ctx) !== state) throw new DomainError('FORBIDDEN', `${what} is only possible on a laptop nobody has set up yet.`);
}

/** Signs a person in with their passphrase, slowing down after wrong ones. */
async function signIn(ctx: CoreContext, personId: string, passphrase: string): Promise<SessionInfo> {
  const record = readPerson(ctx.db, personId);
  if (!record) throw new DomainError('NOT_FOUND', 'There is no such person on this laptop. Choose your name from the list.');
  if (!record.active)
    throw new DomainError('FORBIDDEN', `${record.name} has been deactivated and cannot sign in. A grants officer can reactivate them.`);
  const credential = credentialOf(ctx.db, personId);
  if (!credential)
    throw new DomainError(
      'VALIDATION',
      `${record.name} cannot sign in on this laptop yet: their sign-in has not reached it. Import a protected bundle from the office.`,
    );
  checkNotWaiting(ctx, personId, record.name);
  const secretKey = await openCredential(ctx, credential, record.name, passphrase);
  if (!secretKey) {
    const failures = recordFailure(ctx, personId);
    const left = FREE_ATTEMPTS - failures;
    const then = left > 0 ? '' : ' From now on each try must wait a little longer.';
    const message = `That passphrase is not right for ${record.name}.${then}`;
    throw new DomainError('VALIDATION', message, [{ field: 'passphrase', message }]);
  }
  clearFailures(ctx, personId);
  const person: Person = { id: record.id, name: record.name, roles: record.roles };
  const previous = ctx.session.person;
  if (previous) recordSignOut(ctx, previous);
  ctx.session.signIn(person, { secretKey, publicKey: credential.public_key }, credential.must_change === 1, ctx.now());
  return sessionInfo(ctx);
}

/** The first grants officer of a new laptop, or a laptop from before people signed in naming its officer. */
async function setUpOfficer(ctx: CoreContext, name: string, passphrase: string, claiming: boolean): Promise<SessionInfo> {
  await checkNewPassphrase(passphrase, name);
  const credential = await newCredential(ctx, passphrase);
  const id = officerOf(ctx.device.id);
  expectState(ctx, claiming ? 'claim' : 'set-up', claiming ? 'Naming this laptop’s grants officer' : 'Setting up');
  write(ctx, () => {
    const held = readPerson(ctx.db, id);
    if (!held) ctx.log.append(id, 'person.added', `person:${id}`, { id, name, roles: ['grants-officer'], areas: [], active: true });
    else {
      const changes = changesBetween(personEditable, held, { name });
      if (Object.keys(changes).length > 0) ctx.log.append(id, 'person.changed', `person:${id}`, { id, changes });
    }
    issueCredential(ctx, id, id, credential, false);
  });
  return signIn(ctx, id, passphrase);
}

export const sessionHandlers: Handlers<
  | 'session.current'
  | 'session.choices'
  | 'session.setUp'
  | 'session.setUpDemo'
  | 'session.claim'
  | 'session.signIn'
  | 'session.unlock'
  | 'session.lock'
  | 'session.signOut'
  | 'session.changePassphrase'
  | 'session.setIdleLock'
  | 'session.touch'
> = {
  'session.current': (_, ctx) => sessionInfo(ctx),
  'session.choices': (_, ctx): SignInChoice[] =>
    allPeople(ctx.db)
      .filter((p) => canSignInHere(ctx.db, p))
      .map((p) => ({ id: p.id, name: p.name, roles: p.roles })),
  'session.setUp': ({ name, passphrase }, ctx) => setUpOfficer(ctx, name, passphrase, false),
  'session.setUpDemo': (_, ctx) => setUpDemo(ctx),
  'session.claim': ({ name, passphrase }, ctx) => setUpOfficer(ctx, name, passphrase, true),
  'session.signIn': ({ personId, passphrase }, ctx) => signIn(ctx, personId, passphrase),
  'session.unlock': ({ passphrase }, ctx) => {
    const locker = ctx.session.locker;
    if (!locker) throw new DomainError('VALIDATION', 'This laptop is not locked.');
    return signIn(ctx, locker.id, passphrase);
  },
  'session.lock': (_, ctx) => {
    const person = ctx.session.person;
    if (person) {
      recordSignOut(ctx, person);
      ctx.session.lock();
    }
    return sessionInfo(ctx);
  },
  'session.signOut': (_, ctx) => {
    const person = ctx.session.person;
    if (person) recordSignOut(ctx, person);
    ctx.session.signOut();
    return sessionInfo(ctx);
  },
  'session.changePassphrase': async ({ current, next }, ctx) => {
    const person = ctx.person;
    const credential = credentialOf(ctx.db, person.id);
    if (!credential) throw new DomainError('NOT_FOUND', 'Your sign-in is not on this laptop.');
    checkNotWaiting(ctx, person.id, person.name);
    const secretKey = await openCredential(ctx, credential, person.name, current);
    if (!secretKey) {
      recordFailure(ctx, person.id);
      const message = 'Your current passphrase is not right.';
      throw new DomainError('VALIDATION', message, [{ field: 'current', message }]);
    }
    try {
      if (next === current) {
        const message = 'Choose a passphrase different from your current one.';
        throw new DomainError('VALIDATION', message, [{ field: 'next', message }]);
      }
      await checkNewPassphrase(next, person.name, 'next');
      const sealed = await sealFor(ctx, secretKey, next);
      write(ctx, () => issueCredential(ctx, person.id, person.id, { publicKey: credential.public_key, sealed }, false));
    } finally {
      secretKey.fill(0);
    }
    clearFailures(ctx, person.id);
    ctx.session.passphraseChanged();
    return sessionInfo(ctx);
  },
  // The dispatch's rule check has already started the idle clock again.
  'session.touch': () => ({ ok: true }),
  'session.setIdleLock': ({ minutes }, ctx) => {
    write(ctx, () =>
      statement(ctx.db, "INSERT OR REPLACE INTO laptop_settings (key, value) VALUES ('idleLockMinutes', ?)").run(String(minutes)),
    );
    ctx.session.idleLockMinutes = minutes;
    return { idleLockMinutes: minutes };
  },
};

/** This laptop's idle time before it locks, as set here (15 minutes unless changed). */
export function savedIdleLockMinutes(ctx: Pick<CoreContext, 'db'>): number | undefined {
  const value = statement<[], { value: string }>(ctx.db, "SELECT value FROM laptop_settings WHERE key = 'idleLockMinutes'").get()?.value;
  return value === undefined ? undefined : Number(value);
}
