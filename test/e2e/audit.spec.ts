// The audit trail (issue 12): the Chief Executive signs a decision, opens Audit, filters by the
// application's reference and sees the decision with "Signature valid"; the filters live in the
// address; a reference no application has is a problem at its field; the whole log checks OK.
import { signInAsChiefExecutive } from './demo-people';
import { test, expect, expectAccessibleLightAndDark, callCore } from './fixtures';

test.use({ setUpLaptop: false });

test('the Chief Executive signs a decision and finds it in the audit trail with its signature valid', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { awardable: application } = await signInAsChiefExecutive(page, app);
  await page.goto(`${app.url}#/applications/${application.id}`);
  const section = page.getByRole('region', { name: 'Decision' });
  await section.getByLabel(/Approve £[\d,.]+, as requested/).check();
  await section.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await section.getByRole('button', { name: 'Sign the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision signed: Approved:' })).toBeVisible();

  // From the navigation, by keyboard-reachable link; then filtered by the application's reference.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
  const table = page.getByRole('table', { name: 'Changes, newest first' });
  await expect(table.getByRole('row').nth(1)).toContainText('Helen Carter (demo)');
  await expectAccessibleLightAndDark(page);

  await page.getByLabel('Application reference').fill(application.reference);
  await page.getByLabel('Application reference').press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/audit\\?ref=${application.reference}$`));
  const decision = table.getByRole('row').filter({ hasText: 'Decision' }).first();
  await expect(decision).toContainText('Approved');
  await expect(decision).toContainText('this laptop');
  await expect(decision.getByText('Signature valid')).toBeVisible();
  await expect(decision).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
  // Every row is about that application.
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByRole('link', { name: application.reference })).toBeVisible();
  await expectAccessibleLightAndDark(page);

  // Narrowed to decisions: the kind of change joins the reference in the address.
  await page.getByLabel('Kind of change').selectOption({ label: 'Decision' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/kind=decision/);
  await expect(rows).toHaveCount(1);

  // A reference no application has: said at the top and at its field.
  await page.getByLabel('Application reference').fill('ACF-1999-9999');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /No application has the reference ACF-1999-9999/ }).click();
  await expect(page.getByLabel('Application reference')).toBeFocused();
  await expectAccessibleLightAndDark(page);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/#\/audit$/);
  await expect(table).toBeVisible();

  // The whole log.
  await page.getByRole('button', { name: 'Check the whole log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'every link holds' })).toContainText('1 decision');
  await expectAccessibleLightAndDark(page);

  // From the application's history, straight to its trail.
  await page.goto(`${app.url}#/applications/${application.id}`);
  await page.getByRole('link', { name: `Everything about ${application.reference} in the audit trail` }).click();
  await expect(page.getByLabel('Application reference')).toHaveValue(application.reference);
  await expect(table.getByText('Signature valid')).toBeVisible();
});

test('a panel member has no Audit link, and the page refuses them', async ({ page, app }) => {
  await page.goto(app.url);
  await callCore(page, app, 'session.setUpDemo', {});
  await callCore(page, app, 'session.signOut', {});
  await page.reload();
  await page.getByLabel('Tom Clarke (demo)', { exact: true }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill('demo panel member one');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('Tom Clarke (demo)');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await page.goto(`${app.url}#/audit`);
  await expect(page.getByRole('table', { name: 'Changes, newest first' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Audit trail');
});
