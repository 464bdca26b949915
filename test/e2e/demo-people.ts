// The demo laptop's people as a test signs in as them: Helen Carter (demo), the Chief Executive —
// with an application she may award a grant to (one in Coventry screened eligible: only those
// can be) — and Jordan Ellis (demo), the grants officer.
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
  await signInOnScreen(page, 'chief');
  return { roundId, awardable: { id: chosen.applicationId, reference: chosen.reference, amountRequested: chosen.amountRequested } };
}

const DEMO_PEOPLE = {
  chief: { name: 'Helen Carter (demo)', passphrase: 'demo chief executive' },
  officer: { name: 'Jordan Ellis (demo)', passphrase: 'demo grants officer' },
} as const;

async function signInOnScreen(page: Page, who: keyof typeof DEMO_PEOPLE): Promise<void> {
  const { name, passphrase } = DEMO_PEOPLE[who];
  await page.getByLabel(name, { exact: true }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText(name);
}

/** "Switch person" in the top bar, then sign in as that demo person. */
export async function switchToDemo(page: Page, who: keyof typeof DEMO_PEOPLE): Promise<void> {
  await page.getByRole('button', { name: 'Switch person' }).click();
  await signInOnScreen(page, who);
}
