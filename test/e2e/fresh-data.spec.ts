// No screen shows stale data after a write: each screen is seen first, then something changes the
// register (a CSV import, a bundle, a conflict's resolution), and every screen seen before shows
// the change when it is opened again — by the app's own links and history, never by reloading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApplicationDetail } from '../../shared/contract/applications';
import { draftOf } from '../../shared/domain/application';
import { templateRow, toCsv } from '../support/csv';
import { test, expect, expectAccessible, startApp, callCore, chooseFile, openThroughCore, saveThroughCore, type App } from './fixtures';

const ROUND = 'Active Citizens Fund spring 2027';
const DEMO_ROUND = 'Active Citizens Fund 2026–27 (demo)';

/** Follows a link in the main navigation, as a person would, and waits for the page it opens. */
async function go(page: Page, label: 'Applications' | 'Rounds' | 'Import' | 'Sync' | 'Conflicts') {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${label}`) })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label === 'Import' ? 'Import from a spreadsheet' : label);
}

async function openNewApplication(page: Page) {
  await go(page, 'Applications');
  await page.getByRole('link', { name: 'New application' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New application');
}

const roundOption = (page: Page, name: string) => page.locator('#roundId option', { hasText: name });
const roundRow = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });

test('after a CSV import, the register, the rounds’ counts and the new-application form are up to date', async ({ app, page }) => {
  await page.goto(`${app.url}#/applications`);
  await expect(page.getByRole('heading', { name: 'No applications yet — import a CSV or load the demo round' })).toBeVisible();
  await openNewApplication(page);
  await expect(page.getByRole('heading', { name: 'There are no rounds yet' })).toBeVisible();

  // A round added through its form: the new-application form, seen before without it, offers it.
  await page.getByRole('link', { name: 'Create a round' }).click();
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Active Citizens Fund (ACF)' });
  await page.getByLabel('Police and Crime Plan').selectOption({ label: 'Police and Crime Plan 2025–2029' });
  await page.getByLabel('Round name').fill(ROUND);
  await page.getByLabel('Opening date').fill('01/10/2026');
  await page.getByLabel('Closing date').fill('18/12/2026');
  await page.getByLabel('Coventry', { exact: true }).fill('£45,000');
  await page.getByRole('button', { name: 'Create round' }).click();
  await expect(page.getByRole('heading', { name: 'Rounds', level: 1 })).toBeVisible();
  await expect(roundRow(page, ROUND).getByRole('link', { name: /applications in/ })).toHaveText(/^0/);
  await openNewApplication(page);
  await expect(page.locator('#roundId')).toHaveValue(/.+/);
  await expect(roundOption(page, ROUND)).toHaveCount(1);
  await expectAccessible(page);

  // Three applications arrive from a spreadsheet.
  await go(page, 'Import');
  const rows = [1, 2, 3].map((n) =>
    templateRow({
      'Applicant reference': `FRESH-${n}`,
      'Project title': `Fresh start ${n}`,
      Area: 'Coventry',
      'Amount requested': '£1,000',
    }),
  );
  await page.getByLabel('CSV file').setInputFiles({ name: 'fresh.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(rows), 'utf8') });
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByRole('button', { name: 'Import 3 applications' }).click();
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeFocused();

  await go(page, 'Applications');
  await expect(page.locator('.register-count')).toHaveText('Showing 3 applications');
  for (const n of [1, 2, 3]) await expect(page.getByRole('cell', { name: `Fresh start ${n}` })).toBeVisible();
  await expectAccessible(page);

  await go(page, 'Rounds');
  const row = roundRow(page, ROUND);
  await expect(row.getByRole('link', { name: /applications in/ })).toHaveText(/^3/);
  await expect(row).toContainText('£3,000.00');
  await expectAccessible(page);
});

test('after a bundle import, its rounds and applications are everywhere, and a later bundle’s changes reach the register', async ({
  app: panel,
  page,
}) => {
  test.setTimeout(120_000);
  const office = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    // The office's work, made through its core: the demo round and one more round.
    await callCore(page, office, 'demo.load');
    await callCore(page, office, 'rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: ROUND,
      opens: '2027-03-01',
      closes: '2027-05-31',
    });
    await saveThroughCore(page, office, 'bundles.export', join(folder, 'office.gpbundle'));
    const officeRounds = await callCore<{ name: string; applicationCount: number }[]>(page, office, 'rounds.list');
    const demoCount = officeRounds.find((r) => r.name === DEMO_ROUND)?.applicationCount ?? 0;
    expect(demoCount).toBeGreaterThan(0);

    // The panel laptop's screens, seen while it holds nothing.
    await page.goto(`${panel.url}#/applications`);
    await expect(page.getByRole('heading', { name: 'No applications yet — import a CSV or load the demo round' })).toBeVisible();
    await openNewApplication(page);
    await expect(page.getByRole('heading', { name: 'There are no rounds yet' })).toBeVisible();
    await go(page, 'Rounds');
    await expect(page.getByRole('heading', { name: 'No rounds yet' })).toBeVisible();

    await go(page, 'Sync');
    await chooseFile(page, 'Bundle file', join(folder, 'office.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await page.getByLabel('Name this laptop').fill('Office laptop');
    await page.getByLabel('I have compared the fingerprint and it matches').check();
    await page.getByRole('button', { name: 'Trust this laptop and import' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Imported [\d,]+ new changes?/ })).toBeVisible({ timeout: 60_000 });
    // The laptop just trusted is listed on the same screen.
    await expect(page.getByRole('row', { name: /^Office laptop/ })).toBeVisible();

    await go(page, 'Rounds');
    await expect(roundRow(page, ROUND)).toBeVisible();
    await expect(roundRow(page, DEMO_ROUND).getByRole('link', { name: /applications in/ })).toHaveText(new RegExp(`^${demoCount} `));
    await expectAccessible(page);
    await openNewApplication(page);
    await expect(roundOption(page, ROUND)).toHaveCount(1);
    await expect(roundOption(page, DEMO_ROUND)).toHaveCount(1);
    await expectAccessible(page);
    await go(page, 'Applications');
    await expect(page.locator('.register-count')).toHaveText('Showing 40 applications');

    // The office changes an application and sends a second bundle: the register seen already shows it.
    const { rows } = await callCore<{ rows: { id: string; reference: string }[] }>(page, office, 'applications.list', {
      sort: 'reference',
      direction: 'asc',
      limit: 1,
    });
    const first = await callCore<ApplicationDetail>(page, office, 'applications.get', { id: rows[0]?.id });
    await callCore(page, office, 'applications.update', {
      id: first.id,
      application: { ...draftOf(first), projectTitle: 'Retitled at the office' },
    });
    await saveThroughCore(page, office, 'bundles.export', join(folder, 'office-2.gpbundle'));
    await page.getByRole('searchbox', { name: /^Search/ }).fill(first.reference);
    await expect(page.locator('.register-count')).toHaveText('Showing 1 application');
    await expect(page.getByRole('cell', { name: first.projectTitle, exact: true })).toBeVisible();

    await go(page, 'Sync');
    await chooseFile(page, 'Bundle file', join(folder, 'office-2.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await page.getByRole('button', { name: 'Import bundle' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Imported 1 new change from/ })).toBeVisible({ timeout: 60_000 });
    // Back to the register as it was left, searched for that application.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: /^Search/ })).toHaveValue(first.reference);
    await expect(page.getByRole('cell', { name: 'Retitled at the office', exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: first.projectTitle, exact: true })).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await office.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Changes an application's title through a laptop's core. */
async function retitle(page: Page, app: App, id: string, projectTitle: string) {
  const detail = await callCore<ApplicationDetail>(page, app, 'applications.get', { id });
  await callCore(page, app, 'applications.update', { id, application: { ...draftOf(detail), projectTitle } });
}

test('after a conflict is resolved, the badge count drops and the application shows the value chosen', async ({ app: office, page }) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    // Set up through the cores: both laptops hold the demo round and change one title differently.
    const keyOf = async (app: App) => (await callCore<{ device: { publicKey: string } }>(page, app, 'session.current')).device.publicKey;
    await callCore(page, office, 'devices.trust', { publicKey: await keyOf(panel), name: 'Coventry panel laptop' });
    await callCore(page, panel, 'devices.trust', { publicKey: await keyOf(office), name: 'Office laptop' });
    await callCore(page, office, 'demo.load');
    await saveThroughCore(page, office, 'bundles.export', join(folder, 'office.gpbundle'));
    await openThroughCore(page, panel, 'bundles.import', join(folder, 'office.gpbundle'));
    const { rows } = await callCore<{ rows: { id: string; reference: string }[] }>(page, office, 'applications.list', {
      sort: 'reference',
      direction: 'asc',
      limit: 1,
    });
    const { id, reference } = rows[0] as { id: string; reference: string };
    await retitle(page, office, id, 'Office title');
    await retitle(page, panel, id, 'Panel title');
    await saveThroughCore(page, panel, 'bundles.export', join(folder, 'panel.gpbundle'));
    await openThroughCore(page, office, 'bundles.import', join(folder, 'panel.gpbundle'));

    await page.goto(`${office.url}#/applications?q=${encodeURIComponent(reference)}`);
    await expect(page.locator('.register-count')).toHaveText('Showing 1 application');
    await expect(page.getByRole('cell', { name: 'Office title', exact: true })).toBeVisible();
    await page.getByRole('link', { name: reference }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Office title');
    await expect(page.getByRole('link', { name: /^Conflicts\s*1 to resolve$/ })).toBeVisible();
    await page.getByRole('link', { name: /Choose which version to keep/ }).click();
    await expect(page.getByText('1 conflict to resolve.')).toBeVisible();

    const card = page.locator('article.conflict');
    await card.getByLabel(/^Use Grants officer's version \(Coventry panel laptop\)/).check();
    await card.getByRole('button', { name: 'Resolve conflict' }).click();
    await expect(page.getByText('No conflicts to resolve.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Conflicts', exact: true })).toBeVisible();
    await expectAccessible(page);

    // Back to the application, then to the register it was opened from: both show the version chosen.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panel title');
    await expect(page.getByRole('status').filter({ hasText: 'Two laptops changed this application differently' })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Back to applications' }).click();
    await expect(page.getByRole('searchbox', { name: /^Search/ })).toHaveValue(reference);
    await expect(page.getByRole('cell', { name: 'Panel title', exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Office title', exact: true })).toHaveCount(0);
  } finally {
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
