// A round to run a panel on, as the office opens one: the first fund, scored against the newest
// Police and Crime Plan, with the default rubric saved.
import type { TestCore } from './core';

export async function panelRound(core: TestCore): Promise<{ roundId: string; priorityId: string }> {
  const fund = (await core.call('catalogue.funds', {}))[0]!;
  const plan = (await core.call('catalogue.plans', {})).at(-1)!;
  const round = await core.call('rounds.create', {
    fundId: fund.id,
    planId: plan.id,
    name: 'ACF winter 2026',
    opens: '2026-10-01',
    closes: '2026-12-18',
    status: 'open',
    budgets: [{ areaId: 'coventry', amountPence: 4_000_000 }],
  });
  await core.call('rubrics.save', { roundId: round.id, content: (await core.call('rubrics.get', { roundId: round.id })).suggested });
  return { roundId: round.id, priorityId: plan.priorities[0]!.id };
}

/** Screens an application eligible as an officer would: every officer check confirmed, any failing automatic check set aside with a reason. */
export async function screenEligible(core: TestCore, applicationId: string): Promise<void> {
  const roundId = (await core.call('applications.get', { id: applicationId })).roundId;
  const { rows, officerChecks } = await core.call('screening.round', { roundId });
  const row = rows.find((r) => r.applicationId === applicationId)!;
  await core.call('screening.record', {
    applicationId,
    officerAnswers: officerChecks.map(() => true),
    overrides: row.automatic.filter((c) => !c.passed).map((c) => ({ check: c.check, reason: 'Checked by hand: a test of decisions' })),
  });
}
