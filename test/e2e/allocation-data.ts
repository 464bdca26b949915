// Allocation to do, set up through the core: on the demo round's Coventry panel (scoring-data.ts),
// the chair recommends three applications, ranked by moderated score, and Coventry's budget becomes £5,000.
import { expect, type Page } from '@playwright/test';
import { callCore, type App } from './fixtures';
import { actAs, type PanelData } from './scoring-data';

/** The chair recommends three of Coventry's applications, ranked by moderated score; Coventry's budget becomes £5,000. */
export async function recommendThree(page: Page, app: App, data: PanelData): Promise<Record<string, string>> {
  // By reference: £2,022, £2,200 and £991 asked for, ranked in that order.
  const order = ['ACF-2026-0006', 'ACF-2026-0012', 'ACF-2026-0014'];
  const byRef = Object.fromEntries(data.applications.map((a) => [a.reference, a.id]));
  for (const ref of order) expect(byRef[ref], `${ref} is on the panel`).toBeTruthy();
  const rubric = (
    await callCore<{ rubric: { criteria: { id: string; scale: number }[]; gates: { id: string }[] } }>(page, app, 'rubrics.get', {
      roundId: data.roundId,
    })
  ).rubric;
  await actAs(page, app, data, 'chris');
  for (const ref of order) await callCore(page, app, 'scoring.declare', { applicationId: byRef[ref], interest: false });
  await callCore(page, app, 'moderation.open', { panelId: data.panelId });
  for (const [i, ref] of order.entries())
    await callCore(page, app, 'moderation.record', {
      applicationId: byRef[ref],
      levels: Object.fromEntries(rubric.criteria.map((c) => [c.id, Math.min(c.scale, 5 - i)])),
      gates: Object.fromEntries(rubric.gates.map((g) => [g.id, 'pass'])),
      recommendation: 'fund-in-full',
    });
  await actAs(page, app, data, 'officer');
  const rounds = await callCore<Record<string, unknown>[]>(page, app, 'rounds.list');
  const { id, fundName, planName, applicationCount, withdrawnCount, requestedPence, budgetPence, ...round } = rounds.find(
    (r) => r.id === data.roundId,
  )!;
  void [fundName, planName, applicationCount, withdrawnCount, requestedPence, budgetPence];
  const budgets = (round.budgets as { areaId: string; amountPence: number }[]).map((b) =>
    b.areaId === 'coventry' ? { ...b, amountPence: 500_000 } : b,
  );
  await callCore(page, app, 'rounds.update', { id, changes: { ...round, budgets }, confirmed: true });
  return byRef;
}
