// An application's history and reinstating a withdrawn one: withdrawn, then reinstated with a
// reason (the error summary when there is none), both shown in its history as made on this laptop —
// with axe (WCAG 2.2 AA) on the page as people see it, and the keyboard alone for the reinstatement.
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, callCore as api } from './fixtures';

const REFERENCE = 'ACF-2026-0001';
const history = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('list').first();

test('withdrawn then reinstated: the history names both, by whom and on this laptop', async ({ page, app }) => {
  test.setTimeout(90_000); // three axe runs
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  await page.reload();
  await page.getByRole('searchbox', { name: /^Search/ }).fill(REFERENCE);
  await expect(page.locator('.register-count')).toHaveText('Showing 1 application');
  await page.getByRole('link', { name: REFERENCE }).click();
  await expect(page.locator('.lede')).toContainText(REFERENCE);

  // Received, and nothing since.
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await expect(history(page).locator(':scope > li')).toHaveCount(1);
  await expect(history(page).locator(':scope > li').first()).toContainText('Received');
  await expect(history(page).locator(':scope > li').first()).toContainText(
    /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d · Grants officer \(you\) on this laptop/,
  );
  await expect(page.getByRole('button', { name: 'Reinstate application' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await page.getByLabel('Why is the application being withdrawn?').fill('The group found funding elsewhere.');
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await expect(page.locator('.lede')).toContainText('Withdrawn');
  await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeFocused();
  await expect(history(page).locator(':scope > li').last()).toContainText('Withdrawn: The group found funding elsewhere.');

  // Reinstate by keyboard: the reason is required, listed in the error summary and at the field.
  const reinstate = page.getByRole('button', { name: 'Reinstate application' });
  await reinstate.focus();
  await page.keyboard.press('Enter');
  const reason = page.getByLabel('Why is the application being reinstated?');
  await expect(reason).toBeFocused();
  await page.keyboard.press('Enter'); // a new line in the reason, not a submission
  await page.getByRole('button', { name: 'Reinstate application' }).focus();
  await page.keyboard.press('Enter');
  const problem = page.getByRole('alert').getByRole('link', { name: 'Enter why the application is reinstated' });
  await expect(problem).toBeVisible();
  await expectAccessible(page);
  await problem.click();
  await expect(reason).toBeFocused();
  await reason.fill('Withdrawn by mistake: the funding fell through.');
  await page.getByRole('button', { name: 'Reinstate application' }).click();

  // Back at the stage its facts give: the demo screened it eligible (docs/statuses.md).
  await expect(page.locator('.lede')).toContainText('Eligible');
  await expect(page.locator('.lede')).not.toContainText('Withdrawn');
  await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeFocused();
  await expect(page.getByText('Reason for withdrawal')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Withdraw application' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit application' })).toBeVisible();
  const entries = history(page).locator(':scope > li');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(1)).toContainText('Withdrawn: The group found funding elsewhere.');
  await expect(entries.nth(2)).toContainText('Reinstated: Withdrawn by mistake: the funding fell through.');
  for (const i of [1, 2]) await expect(entries.nth(i)).toContainText('Grants officer (you) on this laptop');
  await expectAccessible(page);

  // An edit says what changed, from what to what.
  await page.getByRole('link', { name: 'Edit application' }).click();
  const title = page.getByLabel('Project title');
  const before = await title.inputValue();
  await title.fill('Saturday youth football');
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saturday youth football');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(3)).toContainText(`Project title changed from “${before}” to “Saturday youth football”`);
  await expectAccessible(page);

  // An address the app has no page for says so, inside the app, with a way back.
  await page.goto(`${app.url}#/applications/${encodeURIComponent(REFERENCE)}/nowhere`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the applications' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Applications');
});
