// The demo laptop with Helen Carter (demo), the Chief Executive, signed in — and an application
// she may award a grant to: one in Coventry screened eligible (only those can be).
import type { Page } from '@playwright/test';
import { expect, callCore, type App } from './fixtures';

export interface Awardable {
  id: string;
  reference: string;
  amountRequested: number;
}

export async function signInAsChiefExecutive(page: Page, app: App): Promise<{ roundId: string; awardable: Awardable }> {
  await page.goto(app.url);
  await callCore(page, app, 'session.setUpDemo', {});
  const rounds = await callCore<{ id: string; name: string }[]>(page, app, 'rounds.list', {});
  const roundId = rounds.find((r) => r.name.startsWith('Active Citizens Fund'))!.id;
  const screening = await callCore<{
    rows: { applicationId: string; reference: string; amountRequested: number; standing: { result: string } | null }[];
  }>(page, app, 'screening.round', { roundId });
  const { rows: coventry } = await callCore<{ rows: { id: string }[] }>(page, app, 'applications.list', { areaId: 'coventry', limit: 500 });
  const inCoventry = new Set(coventry.map((r) => r.id));
  const chosen = screening.rows.find((r) => r.standing?.result === 'eligible' && inCoventry.has(r.applicationId))!;
  await callCore(page, app, 'session.signOut', {});
  await page.reload();
  await page.getByLabel('Helen Carter (demo)', { exact: true }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill('demo chief executive');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('Helen Carter (demo)');
  return { roundId, awardable: { id: chosen.applicationId, reference: chosen.reference, amountRequested: chosen.amountRequested } };
}
