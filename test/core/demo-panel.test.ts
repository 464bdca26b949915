// The demo's panel, as a newcomer finds it: signed in as the demo chair, a Coventry panel with its
// rubric, three members' submitted scores, one application flagged for its spread, and one member
// who declared an interest. Every member's change stands on their own signed sign-in.
import { afterEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';
import { verifyChain } from '../../electron/core/events/verify';
import { projectionSnapshot } from '../support/laptops';

let core: TestCore;
afterEach(() => core.dispose());

test('the demo panel is ready to moderate, and a rebuild from the log gives the same tables', async () => {
  core = makeCore(undefined, undefined, { signedOut: true });
  const session = await core.call('session.setUpDemo', {});
  const chair = session.demo!.find((p) => p.roles.includes('panel-chair'))!;
  const bilal = session.demo!.find((p) => p.name.startsWith('Bilal'))!;
  const choices = await core.call('session.choices', {});
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM ignored_changes').get()).toEqual({ n: 0 });

  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: choices.find((c) => c.name === chair.name)!.id, passphrase: chair.passphrase });
  const [panel] = await core.call('panels.list', { mine: true });
  expect(panel).toMatchObject({ name: 'Coventry NPU panel (demo)', chairName: chair.name, quorum: 2 });
  expect(panel!.applicationCount).toBeGreaterThanOrEqual(4);
  await core.call('moderation.open', { panelId: panel!.id });
  const view = await core.call('moderation.view', { panelId: panel!.id });
  const scored = view.applications.filter((a) => a.members.some((m) => m.submitted));
  expect(scored).toHaveLength(3);
  for (const a of scored) expect(a.members.filter((m) => m.submitted)).toHaveLength(3);
  expect(scored.filter((a) => a.scores?.spread.flaggedCriteria.includes('need'))).toHaveLength(1);
  expect(view.applications.flatMap((a) => a.absent.filter((x) => x.reason.startsWith('Declared an interest')).map((x) => x.name))).toEqual([
    bilal.name,
  ]);
  expect(view.members.map((m) => m.count)).toEqual([3, 3, 3]);

  expect(verifyChain(core.ctx.db)).toEqual([]);
  const before = projectionSnapshot(core.ctx.db);
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
}, 60_000);
