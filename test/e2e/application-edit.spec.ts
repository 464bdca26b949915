// Editing a received application: pre-filled from the register, problems listed in the error
// summary, saved back to the detail page — with axe (WCAG 2.2 AA) in light and dark, the keyboard
// alone, and a laptop that does not hold the applicant's contact details.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, callCore as api, type App } from './fixtures';

const REFERENCE = 'ACF-2026-0001';
const summary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });
const budgetItems = (page: Page) => page.locator('input[id^="budgetLines-"][id$="-item"]');

/** The demo round, read fresh by the page, then the register's search for one application. */
async function openFromRegister(page: Page, app: App, reference = REFERENCE) {
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  await page.reload();
  await page.getByRole('searchbox', { name: /^Search/ }).fill(reference);
  await expect(page.locator('.register-count')).toHaveText('Showing 1 application');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.locator('.lede')).toContainText(reference);
}

test('an application is edited, refused while its budget does not add up, then saved', async ({ page, app }) => {
  test.setTimeout(90_000); // three axe runs
  await openFromRegister(page, app);
  const originalTitle = await page.getByRole('heading', { level: 1 }).innerText();
  await page.getByRole('link', { name: 'Edit application' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Edit application ${REFERENCE}` })).toBeFocused();
  await expect(page.locator('#projectTitle')).toHaveValue(originalTitle);
  await expect(page.locator('#amountRequested')).toHaveValue(/^£[\d,]+\.\d\d$/);
  await expect(page.locator('#startDate')).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await expect(page.locator('.budget-total')).toContainText('they match');
  // Reference and round are shown, not offered as fields.
  const fixed = page.locator('#application-fixed');
  await expect(fixed).toContainText(REFERENCE);
  await expect(fixed).toContainText('Active Citizens Fund 2026–27');
  await expect(page.locator('#reference, #roundId')).toHaveCount(0);
  await expect(page.getByText("The Active Citizens Fund's maximum was £5,000.00 when this application was received")).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // A new title and amount, but the budget lines still add up to the old amount.
  await page.locator('#projectTitle').fill('Friday night football and mentoring');
  await page.locator('#amountRequested').fill('£1,500');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(summary(page)).toBeFocused();
  const links = summary(page).getByRole('link');
  await expect(links).toHaveText([/^Budget lines add up to £[\d,]+\.\d\d but the amount requested is £1,500\.00 — they must match$/]);
  await expect(page.locator('#budget-line-error')).toContainText('they must match');
  await links.first().click();
  await expect(page.locator('#budgetLines-0-item')).toBeFocused();
  await expectAccessible(page);

  // Over the fund's maximum is named as such.
  await page.locator('#amountRequested').fill('6000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(links).toContainText(["Enter an amount of £5,000.00 or less — the Active Citizens Fund's maximum"]);

  // Two lines that make £1,500.00.
  await page.locator('#amountRequested').fill('£1,500');
  while ((await budgetItems(page).count()) > 1)
    await page
      .getByRole('button', { name: /^Remove budget line/ })
      .last()
      .click();
  await page.locator('#budgetLines-0-item').fill('Pitch hire');
  await page.locator('#budgetLines-0-amount').fill('1,000');
  await page.getByRole('button', { name: 'Add another budget line' }).click();
  await expect(page.locator('#budgetLines-1-item')).toBeFocused();
  await page.keyboard.type('Mentor training');
  await page.locator('#budgetLines-1-amount').fill('500.00');
  await expect(page.locator('.budget-total')).toContainText('£1,500.00 of £1,500.00 requested — they match');
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Friday night football and mentoring');
  await expect(page.getByText(`Changes to ${REFERENCE} saved`)).toBeVisible();
  await expect(page.locator('.summary-list').filter({ hasText: 'Amount requested' })).toContainText('£1,500.00');
  const budget = page.getByRole('table', { name: 'Budget' });
  await expect(budget.locator('tbody tr')).toHaveText([/Pitch hire\s*£1,000\.00/, /Mentor training\s*£500\.00/]);
  await expect(budget.locator('tfoot')).toContainText('£1,500.00');

  // Back to the register as it was left: the row shows the change.
  await page.getByRole('link', { name: 'Back to applications' }).click();
  await expect(page).toHaveURL(/q=ACF-2026-0001/);
  await expect(page.locator('table.register tbody tr').filter({ hasText: REFERENCE })).toContainText('£1,500.00');
});

test('problems the core finds on saving are shown at their fields; an unchanged save says so', async ({ page, app }) => {
  await openFromRegister(page, app);
  await page.getByRole('link', { name: 'Edit application' }).click();
  await expect(page.locator('#projectTitle')).not.toHaveValue('');
  // The core nests an edit's schema problems under `application`; its own rules answer without it.
  await page.route('**/api/applications.update', (route) =>
    route.fulfill({
      json: {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'The application has problems — check the fields below',
          details: [
            { field: 'application.outcomes.0.measure', message: 'Enter the way the outcome is measured' },
            { field: 'areaId', message: 'That area has no budget in this round — choose one of the round’s areas' },
          ],
        },
      },
    }),
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  const links = summary(page).getByRole('link');
  await expect(links).toHaveText([
    'That area has no budget in this round — choose one of the round’s areas',
    'Enter the way the outcome is measured',
  ]);
  await expect(page.locator('#outcomes-0-measure')).toHaveAttribute('aria-invalid', 'true');
  await links.nth(1).click();
  await expect(page.locator('#outcomes-0-measure')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit application ${REFERENCE}`);

  // Saved as it was, nothing is claimed.
  await page.unrouteAll();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(`No changes to ${REFERENCE} to save`)).toBeVisible();
  await expect(page.locator('.lede')).toContainText(REFERENCE);
});

test('an application can be edited with the keyboard alone', async ({ page, app }) => {
  await openFromRegister(page, app);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  let presses = 0;
  /** Tabs forward to the control, never back: the tab order follows the page. */
  const tabTo = async (target: Locator) => {
    for (let i = 0; i < 60; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
      presses++;
    }
    await expect(target).toBeFocused();
  };

  await tabTo(page.getByRole('link', { name: 'Edit application' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Edit application ${REFERENCE}` })).toBeFocused();
  await expect(page.locator('#projectTitle')).not.toHaveValue('');
  await tabTo(page.locator('#projectTitle'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Keyboard-edited youth football');
  await tabTo(page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyboard-edited youth football');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(presses).toBeLessThan(100);
});

test('on a laptop without the contact details, blank contact fields keep them', async ({ page, app }) => {
  await openFromRegister(page, app);
  // As on a panel laptop whose bundle carried no personal data.
  const db = new Database(join(app.dataDir, 'grantpanel.sqlite'));
  db.prepare('DELETE FROM personal_data').run();
  db.close();
  await page.reload();
  await expect(page.getByText('This laptop does not hold the applicant’s contact details.')).toBeVisible();

  await page.getByRole('link', { name: 'Edit application' }).click();
  await expect(
    page.getByText('This laptop does not hold the contact details. Leave them blank to keep them as they are, or enter new ones.'),
  ).toBeVisible();
  for (const id of ['contactName', 'contactEmail', 'contactPhone']) await expect(page.locator(`#${id}`)).toHaveValue('');
  await expectAccessible(page);

  // New details must be whole: a phone number alone is not enough.
  await page.locator('#contactPhone').fill('0121 496 0000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(summary(page).getByRole('link')).toHaveText(['Enter the contact name', 'Enter the contact email address']);

  await page.locator('#contactPhone').fill('');
  await page.locator('#projectTitle').fill('Friday night football (held elsewhere)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Friday night football (held elsewhere)');
  await expect(page.getByText(`Changes to ${REFERENCE} saved`)).toBeVisible();
  await expect(page.getByText('This laptop does not hold the applicant’s contact details.')).toBeVisible();
});

test('a withdrawn application offers no edit', async ({ page, app }) => {
  await openFromRegister(page, app);
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await page.getByLabel('Why is the application being withdrawn?').fill('The group found funding elsewhere.');
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await expect(page.locator('.lede')).toContainText('Withdrawn');
  await expect(page.getByRole('link', { name: 'Edit application' })).toHaveCount(0);

  // Even by its address.
  await page.goto(page.url() + '/edit');
  await expect(page.getByText(`${REFERENCE} has been withdrawn, so it can no longer be changed.`)).toBeVisible();
  await expect(page.locator('#projectTitle')).toHaveCount(0);

  // The rounds list counts it apart, so its count and the register's (withdrawn included) add up.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  const row = page.getByRole('row', { name: /Active Citizens Fund 2026–27/ });
  await expect(row.getByRole('link', { name: /applications in/ })).toHaveText(/^31/);
  await expect(row).toContainText('+ 1 withdrawn');
  await row.getByRole('link', { name: /applications in/ }).click();
  await expect(page.locator('.register-count')).toHaveText('Showing 32 applications');
});

test('leaving an edit with changes asks first; saving, or leaving unchanged, does not', async ({ page, app }) => {
  const questions: string[] = [];
  page.on('dialog', (d) => {
    questions.push(d.message());
    void (questions.length === 1 ? d.dismiss() : d.accept());
  });
  await openFromRegister(page, app);
  await page.getByRole('link', { name: 'Edit application' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit application ${REFERENCE}` })).toBeFocused();
  // Unchanged: back at once.
  await page.getByRole('link', { name: 'Back to the application' }).click();
  await expect(page.getByRole('link', { name: 'Edit application' })).toBeVisible();
  expect(questions).toEqual([]);

  await page.getByRole('link', { name: 'Edit application' }).click();
  await page.getByLabel('Project title').fill('Saturday football');
  await page.getByRole('link', { name: 'Back to the application' }).click();
  await expect.poll(() => questions.length).toBe(1);
  await expect(page.getByLabel('Project title')).toHaveValue('Saturday football');
  // Saved: it goes to the application without a question.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saturday football');
  expect(questions).toEqual(['Leave this page? What you have entered here is not saved and will be lost.']);
});
