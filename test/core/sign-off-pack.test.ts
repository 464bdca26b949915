// The sign-off pack: what the Chief Executive reads before signing an area — each recommended
// application's eligibility, the panel's scores, comments and recommendation, and the interests.
import { afterEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';

let core: TestCore;
afterEach(() => core.dispose());

async function signedInAs(role: string) {
  core = makeCore(undefined, undefined, { signedOut: true });
  const session = await core.call('session.setUpDemo', {});
  const person = session.demo!.find((p) => p.roles.includes(role as never))!;
  const choices = await core.call('session.choices', {});
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: choices.find((c) => c.name === person.name)!.id, passphrase: person.passphrase });
  const round = (await core.call('rounds.list', {})).find((r) => r.name.startsWith('Active Citizens Fund'))!;
  return round.id;
}

test('the demo’s Walsall pack gives each recommendation its eligibility, scores, comments and recommendation', async () => {
  const roundId = await signedInAs('chief-executive');
  const pack = await core.call('decisions.pack', { roundId, areaId: 'walsall' });
  const ws = await core.call('allocation.workspace', { roundId, areaId: 'walsall' });
  expect(pack.entries.map((e) => e.applicationId)).toEqual(ws.rows.map((r) => r.applicationId));
  for (const e of pack.entries) {
    expect(e.panelName).toBe('Walsall NPU panel (demo)');
    expect(e.report).toMatchObject({
      applicationId: e.applicationId,
      scoreText: expect.stringMatching(/%$/),
      quorumText: expect.any(String),
    });
    expect(e.report!.moderated.length).toBeGreaterThan(0);
  }
  const lower = pack.entries.find((e) => e.report?.recommendation === 'fund-lower')!;
  expect(lower.report!.reason).toBe('The panel would fund the equipment but not the publicity costs');
  // Every one screened eligible; the chair commented on two criteria of each.
  expect(pack.entries.map((e) => e.eligibility?.result)).toEqual(pack.entries.map(() => 'eligible'));
  for (const e of pack.entries) expect(e.report!.comments.map((c) => c.member)).toEqual(['Amina Hussain (demo)', 'Amina Hussain (demo)']);
  // Grace declared an interest in one: the register says so, and she took no part in it.
  expect(pack.interests).toEqual([
    expect.objectContaining({ member: 'Grace Okoye (demo)', nature: 'I volunteer with the group on Saturdays', standing: true }),
  ]);
  const withInterest = pack.entries.find((e) => e.applicationId === pack.interests[0]!.applicationId)!;
  expect(withInterest.report!.absent).toEqual(['Grace Okoye (demo) (Declared an interest: I volunteer with the group on Saturdays)']);
});

test('only those who read scores get the pack', async () => {
  const roundId = await signedInAs('panel-member');
  await expect(core.call('decisions.pack', { roundId, areaId: 'walsall' })).rejects.toThrow(/FORBIDDEN/);
});
