// No silent changes to what people already entered: a change touching received applications says
// what it will do and waits for a yes; older applications keep the rules they came in under; a
// paper application keeps its own date; a round form left half-changed asks first.
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, callCore as api, type App } from './fixtures';

interface Row {
  id: string;
  reference: string;
  amountRequested: number;
  roundId: string;
}

async function demo(page: Page, app: App) {
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  const { rows } = await api<{ rows: Row[] }>(page, app, 'applications.list', { sort: 'amountRequested', direction: 'desc', limit: 500 });
  return rows;
}

test('lowering a fund’s maximum asks first, and the applications over it keep their rules and can still be corrected', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const rows = await demo(page, app);
  const acfRows = rows.filter((r) => r.reference.startsWith('ACF'));
  const over = acfRows.filter((r) => r.amountRequested > 100_000).length;
  const biggest = acfRows[0]!;
  expect(over).toBeGreaterThan(0);

  await page.goto(`${app.url}#/catalogue`);
  await page.getByRole('button', { name: 'Edit Active Citizens Fund' }).click();
  await page.getByLabel('Maximum award').fill('£1,000');
  await page.getByRole('button', { name: 'Save fund' }).click();
  const check = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check).toContainText(`${over} applications ask for more than the new maximum of £1,000.00`);
  await expectAccessible(page);
  // Going back saves nothing.
  await check.getByRole('button', { name: 'Go back to the form' }).click();
  await expect(page.getByLabel('Fund name')).toBeFocused();
  expect(
    (await api<{ id: string; maxAwardPence: number }[]>(page, app, 'catalogue.funds')).find((f) => f.id === 'acf')!.maxAwardPence,
  ).toBe(500_000);
  await page.getByRole('button', { name: 'Save fund' }).click();
  await page.getByRole('button', { name: 'Save these changes' }).click();
  await expect(page.getByRole('button', { name: 'Edit Active Citizens Fund' })).toBeVisible();
  expect(
    (await api<{ id: string; maxAwardPence: number }[]>(page, app, 'catalogue.funds')).find((f) => f.id === 'acf')!.maxAwardPence,
  ).toBe(100_000);

  // The application says why it stands, and a phone number on it is corrected all the same.
  await page.goto(`${app.url}#/applications/${biggest.id}`);
  await expect(page.getByRole('note', { name: 'The fund’s rules have changed' })).toContainText(
    'When it was received, the Active Citizens Fund allowed up to £5,000.00; it is judged by the rules as they were then.',
  );
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Edit application' }).click();
  await expect(page.getByText("The Active Citizens Fund's maximum was £5,000.00 when this application was received")).toBeVisible();
  await page.getByLabel('Phone number (optional)').fill('0121 496 0999');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(`Changes to ${biggest.reference} saved`)).toBeVisible();
  await expect(page.locator('.lede')).toContainText(biggest.reference);
});

test('moving a round to another fund names what moves, and references stay as they were', async ({ page, app }) => {
  test.setTimeout(90_000);
  const rows = await demo(page, app);
  const acfRows = rows.filter((r) => r.reference.startsWith('ACF'));
  const roundId = acfRows[0]!.roundId;
  await page.goto(`${app.url}#/rounds/${roundId}/edit`);
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Community Safety Fund (CSF)' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const check = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toContainText(
    `${acfRows.length} applications in this round will move from the Active Citizens Fund to the Community Safety Fund. Their references stay as they are`,
  );
  await expectAccessible(page);
  await check.getByRole('button', { name: 'Save these changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rounds' })).toBeVisible();
  const after = await api<{ rows: Row[] }>(page, app, 'applications.list', { roundId, limit: 500 });
  expect(after.rows.map((r) => r.reference).sort()).toEqual(acfRows.map((r) => r.reference).sort());
});

test('a round form left with changes asks first', async ({ page, app }) => {
  const rows = await demo(page, app);
  const questions: string[] = [];
  page.on('dialog', (d) => {
    questions.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${app.url}#/rounds/${rows[0]!.roundId}/edit`);
  await page.getByLabel('Round name').fill('Renamed round');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' }).click();
  await expect.poll(() => questions).toEqual(['Leave this page? What you have entered here is not saved and will be lost.']);
  await expect(page.getByLabel('Round name')).toHaveValue('Renamed round');
});

test('a new application defaults to today and the round open today, warns on a closed round, and refuses a date to come', async ({
  page,
  app,
}) => {
  await demo(page, app);
  const ukToday = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date());
  const before = ukToday();
  await page.goto(`${app.url}#/applications/new`);
  await expect(page.getByLabel('Date received')).toHaveValue(/^\d\d\/\d\d\/\d{4}$/);
  // Today as the page saw it: the day the test began, or the next if it ran across midnight.
  expect([before, ukToday()]).toContain(await page.getByLabel('Date received').inputValue());
  await expect(page.getByLabel('Round')).toHaveValue(/.+/);
  await expect(page.locator('#roundId option:checked')).toHaveText('Active Citizens Fund 2026–27 (demo)');
  // A day inside the demo round's dates (1 Oct – 18 Dec 2026), so the check holds whatever today is.
  await page.getByLabel('Date received').fill('20/11/2026');
  await expect(page.locator('.field-warning')).toHaveCount(0);

  await page.getByLabel('Round').selectOption({ label: 'Community Safety Fund 2025–26 (demo) (closed)' });
  await expect(page.locator('#roundId-hint .field-warning')).toHaveText(
    'Community Safety Fund 2025–26 (demo) closed on 30 Jun 2025, before this application was received — check the application belongs in it',
  );
  await page.getByLabel('Date received').fill('20/06/2025');
  await expect(page.locator('#roundId-hint .field-warning')).toHaveText(
    'Community Safety Fund 2025–26 (demo) is marked closed — check the application belongs in it',
  );
  await expectAccessible(page);

  await page.getByLabel('Date received').fill('01/01/2099');
  await page.getByRole('button', { name: 'Submit application' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: /The date received cannot be in the future/ }).click();
  await expect(page.getByLabel('Date received')).toBeFocused();
});
