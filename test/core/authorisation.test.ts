// Every contract method × every role: a forbidden call answers FORBIDDEN and writes nothing; an
// allowed one gets past the check (here to VALIDATION, as its input is deliberately not an object,
// so nothing runs). A method without a rule does not compile (shared/contract/rules.ts), and one
// whose rule this table does not expect fails here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/contract';
import { METHOD_RULES } from '../../shared/contract/rules';
import { ROLE_CAPABILITIES, ROLE_IDS, type Role } from '../../shared/domain/people';
import { makeCore, type TestCore } from '../support/core';

let core: TestCore;
const ids = new Map<Role, string>();
const PASS = 'first passphrase for today';
const OWN = 'my own long passphrase';

const eventCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

async function signInAs(role: Role): Promise<void> {
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: ids.get(role)!, passphrase: OWN });
}

beforeAll(async () => {
  core = makeCore();
  for (const role of ROLE_IDS) {
    const person = await core.call('people.add', { name: `Someone ${role}`, roles: [role], areas: [], passphrase: PASS });
    ids.set(role, person.id);
  }
  const officer = core.ctx.person.id;
  for (const role of ROLE_IDS) {
    await core.call('session.signOut', {});
    await core.call('session.signIn', { personId: ids.get(role)!, passphrase: PASS });
    await core.call('session.changePassphrase', { current: PASS, next: OWN });
  }
  await core.call('session.signOut', {});
  expect(officer).toMatch(/^officer-/);
});
afterAll(() => core.dispose());

const methods = METHOD_NAMES as readonly MethodName[];

describe.each(ROLE_IDS)('as a %s', (role) => {
  test.each(methods)('%s', async (method) => {
    await signInAs(role);
    const rule = METHOD_RULES[method];
    const before = eventCount();
    const answer = await core.pageDispatch(method, 'not an object');
    const allowed = rule === 'anyone' || rule === 'signed-in' || ROLE_CAPABILITIES[role].includes(rule);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code, `${role} calling ${method}`).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
    expect(eventCount()).toBe(before);
  });
});

describe('with nobody signed in', () => {
  test.each(methods)('%s', async (method) => {
    await core.call('session.signOut', {});
    const before = eventCount();
    const answer = await core.pageDispatch(method, 'not an object');
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe(METHOD_RULES[method] === 'anyone' ? 'VALIDATION' : 'SIGNED_OUT');
    expect(eventCount()).toBe(before);
  });
});

test('a person given a first passphrase may do nothing but choose their own', async () => {
  await signInAs('grants-officer');
  const fresh = await core.call('people.add', { name: 'New starter', roles: ['grants-officer'], areas: [], passphrase: PASS });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: fresh.id, passphrase: PASS });
  for (const method of methods) {
    const answer = await core.pageDispatch(method, 'not an object');
    const rule = METHOD_RULES[method];
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code, method).toBe(rule === 'anyone' || rule === 'signed-in' ? 'VALIDATION' : 'FORBIDDEN');
  }
});
