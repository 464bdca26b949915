// A round ready to allocate, as the office reaches it: Coventry's budget £10,000 with 10% tolerance,
// four applications moderated by the panel's chair (three recommended, one declined), ranked A, B, C, D.
import type { TestCore } from './core';
import { validDraft } from './drafts';

const FIRST = 'a first passphrase given';
export const CHAIR_OWN = 'the chair’s own passphrase';

export interface AllocationRound {
  roundId: string;
  /** By rank: A asks £4,000, B £5,000 (recommended £4,500), C £3,000, D £2,000 (declined). */
  ids: { A: string; B: string; C: string; D: string };
  chairId: string;
}

/** The four applications' requests in pence. */
export const REQUESTED = { A: 400_000, B: 500_000, C: 300_000, D: 200_000 } as const;

export async function allocationRound(core: TestCore, signInOfficer: () => Promise<void>): Promise<AllocationRound> {
  const plan = (await core.call('catalogue.plans', {})).at(-1)!;
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: plan.id,
    name: 'ACF winter 2026',
    opens: '2026-10-01',
    closes: '2026-12-18',
    status: 'open',
    tolerancePercent: 10,
    budgets: [
      { areaId: 'coventry', amountPence: 1_000_000 },
      { areaId: 'dudley', amountPence: 500_000 },
    ],
  });
  const roundId = round.id;
  await core.call('rubrics.save', { roundId, content: (await core.call('rubrics.get', { roundId })).suggested });
  const made: Record<string, string> = {};
  for (const [name, amount] of Object.entries(REQUESTED)) {
    const app = await core.call(
      'applications.create',
      validDraft(roundId, {
        areaId: 'coventry',
        organisationName: `Group ${name}`,
        priorityIds: [plan.priorities[0]!.id],
        amountRequested: amount,
        budgetLines: [{ item: 'Costs', amount }],
      }),
    );
    made[name] = app.id;
  }
  const ids = made as AllocationRound['ids'];
  const chair = await core.call('people.add', {
    name: 'Chris Chair',
    roles: ['panel-chair', 'panel-member'],
    areas: [],
    passphrase: FIRST,
  });
  const panel = await core.call('panels.save', {
    roundId,
    name: 'Coventry panel',
    chairId: chair.id,
    quorum: 1,
    areaIds: ['coventry'],
    memberIds: [chair.id],
  });
  await core.call('session.signOut', {});
  await core.call('session.signIn', { personId: chair.id, passphrase: FIRST });
  await core.call('session.changePassphrase', { current: FIRST, next: CHAIR_OWN });
  for (const id of Object.values(ids)) await core.call('scoring.declare', { applicationId: id, interest: false });
  await core.call('moderation.open', { panelId: panel.id });
  const rubric = (await core.call('rubrics.get', { roundId })).rubric!;
  const at = (level: number) => Object.fromEntries(rubric.criteria.map((c) => [c.id, Math.min(level, c.scale)]));
  const gates = Object.fromEntries(rubric.gates.map((g) => [g.id, 'pass' as const]));
  await core.call('moderation.record', { applicationId: ids.A, levels: at(5), gates, recommendation: 'fund-in-full' });
  await core.call('moderation.record', {
    applicationId: ids.B,
    levels: at(4),
    gates,
    recommendation: 'fund-lower',
    amountPence: 450_000,
    reason: 'The minibus hire is not eligible',
  });
  await core.call('moderation.record', { applicationId: ids.C, levels: at(3), gates, recommendation: 'fund-in-full' });
  await core.call('moderation.record', { applicationId: ids.D, levels: at(2), gates, recommendation: 'decline', reason: 'Weak outcomes' });
  await signInOfficer();
  return { roundId, ids, chairId: chair.id };
}
