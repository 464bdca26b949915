// The demo's panel, as a newcomer finds it: signed in as the demo chair, a Coventry panel with its
// rubric, three members' submitted scores, one application flagged for its spread, and one member
// who declared an interest. Every member's change stands on their own signed sign-in.
import { afterEach, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
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
  // Each member's scores across the round, for normalisation: 3 here and 4 on the Walsall panel,
  // less the one Walsall application Grace declared an interest in.
  expect(Object.fromEntries(view.members.map((m) => [m.name, m.count]))).toEqual({
    'Amina Hussain (demo)': 7,
    'Grace Okoye (demo)': 6,
    'Tom Clarke (demo)': 7,
  });
  expect(verifyChain(core.ctx.db)).toEqual([]);
  const before = projectionSnapshot(core.ctx.db);
  core.ctx.projection.rebuild();
  expect(projectionSnapshot(core.ctx.db)).toEqual(before);
}, 60_000);

test('the demo’s Walsall panel is moderated and allocated, ready for the Chief Executive to decide', async () => {
  core = makeCore(undefined, undefined, { signedOut: true });
  const session = await core.call('session.setUpDemo', {});
  const chief = session.demo!.find((p) => p.roles.includes('chief-executive'))!;
  const choices = await core.call('session.choices', {});
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: choices.find((c) => c.name === chief.name)!.id, passphrase: chief.passphrase });
  const round = (await core.call('rounds.list', {})).find((r) => r.name.startsWith('Active Citizens Fund'))!;
  const walsall = await core.call('allocation.workspace', { roundId: round.id, areaId: 'walsall' });
  // Four scored and moderated: three recommended (one at a lower amount, with the panel's reason), one declined.
  expect(walsall.rows.map((r) => r.recommendation)).toEqual(expect.arrayContaining(['fund-in-full', 'fund-in-full', 'fund-lower']));
  expect(walsall.rows).toHaveLength(3);
  const lower = walsall.rows.find((r) => r.recommendation === 'fund-lower')!;
  expect(lower.panelReason).toBe('The panel would fund the equipment but not the publicity costs');
  // Allocated within the budget: each its recommended amount.
  for (const r of walsall.rows) expect(r.allocatedPence).toBe(r.recommendedPence);
  expect(walsall.allocatedPence).toBeLessThanOrEqual(walsall.ceilingPence);
  // The Chief Executive can decide one at once.
  const decided = await core.call('decisions.sign', {
    applicationId: lower.applicationId,
    decision: 'amend',
    amountPence: lower.recommendedPence,
    reason: lower.panelReason!,
    passphrase: chief.passphrase,
  });
  expect(decided).toMatchObject({ valid: true, amountPence: lower.recommendedPence });
  // Then the rest in one go, one passphrase: each its own signed decision at its allocated amount.
  const wrong = await core.dispatch('decisions.approveRest', { roundId: round.id, areaId: 'walsall', passphrase: 'not hers' });
  expect(wrong.ok ? null : wrong.error.details).toEqual([{ field: 'passphrase', message: 'That passphrase is not right' }]);
  expect(await core.call('decisions.approveRest', { roundId: round.id, areaId: 'walsall', passphrase: chief.passphrase })).toEqual({
    signed: 2,
    left: [],
  });
  const decisions = (await core.call('decisions.list', { roundId: round.id })).filter((d) => d.areaId === 'walsall');
  expect(decisions.map((d) => [d.decision, d.valid, d.superseded])).toEqual([
    ['amend', true, false],
    ['approve', true, false],
    ['approve', true, false],
  ]);
  // The decision notice: every decision, its amount and reason, the signer; no contact details.
  const file = join(tempDir(), 'notice.pdf');
  await core.call('documents.decisionNotice', { roundId: round.id, areaId: 'walsall', file });
  const notice = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(notice).toContain('Decision notice: Active Citizens Fund 2026–27 (demo), Walsall');
  expect(notice).toContain('3 funded');
  expect(notice).toContain('The panel would fund'); // the reason, wrapped in its table cell
  expect(notice).toContain(`Signed by ${chief.name}`);
  expect(notice).not.toMatch(/@/);
  expect((await core.dispatch('decisions.approveRest', { roundId: round.id, areaId: 'walsall', passphrase: chief.passphrase })).ok).toBe(
    false,
  );
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM ignored_changes').get()).toEqual({ n: 0 });
}, 60_000);
