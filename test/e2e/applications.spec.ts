// The applications register, reading one application, and entering one by hand — in browser mode,
// with axe checking WCAG 2.2 AA on each page as people see it.
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, callCore as api, uploadFile, type App } from './fixtures';
import { csvFile, templateRow, toCsv } from '../support/csv';

/** The rows on screen answer the current filters and sort: the old page stays (busy) until then. */
const settled = (page: Page) => expect(page.locator('.register-scroll')).toHaveAttribute('aria-busy', 'false');

const open = (page: Page, app: App, hash: string) => page.goto(`${app.url}#${hash}`);
const count = (page: Page) => page.locator('.register-count');
const search = (page: Page) => page.getByRole('searchbox', { name: /^Search/ });
const bodyRows = (page: Page) => page.locator('table.register tbody tr:not(.register-spacer)');
/** The text of one column in every row the virtual window has rendered. */
const column = (page: Page, n: number) => page.locator(`table.register tbody tr:not(.register-spacer) td:nth-child(${n})`).allInnerTexts();
const pounds = (text: string) => Number(text.replace(/[£,]/g, ''));

interface FormValues {
  title: string;
  organisation: string;
  amount: string;
  lines: [string, string][];
  start: string;
  end: string;
}

const VALID: FormValues = {
  title: 'Bike marking at the leisure centre',
  organisation: 'Tile Hill Cycling Club',
  amount: '£1,200.50',
  lines: [
    ['Marking kits', '1,000'],
    ['Leaflets', '200.5'],
  ],
  start: '01/02/2027',
  end: '31/03/2027',
};

/** Fills the whole form by mouse and typing; the keyboard-only test does the same with keys alone. */
async function fillForm(page: Page, v: FormValues) {
  const round = page.locator('#roundId');
  const acf = await round.locator('option', { hasText: 'Active Citizens Fund' }).first().getAttribute('value');
  await round.selectOption(acf ?? '');
  await page.locator('#organisationName').fill(v.organisation);
  await page.locator('#organisationType').selectOption({ label: 'Constituted community group' });
  await page.locator('#constituted').check();
  await page.locator('#bankTwoSignatories').check();
  await page.locator('#contactName').fill('Sam Okafor');
  await page.locator('#contactEmail').fill('sam.okafor@example.org');
  await page.locator('#projectTitle').fill(v.title);
  await page.locator('#summary').fill('Free bike marking sessions with the neighbourhood team, to cut cycle theft.');
  await page.locator('#areaId').selectOption({ label: 'Coventry' });
  await page.locator('#startDate').fill(v.start);
  await page.locator('#endDate').fill(v.end);
  await page.locator('#amountRequested').fill(v.amount);
  for (const [i, [item, amount]] of v.lines.entries()) {
    if (i > 0 && (await page.locator(`#budgetLines-${i}-item`).count()) === 0)
      await page.getByRole('button', { name: 'Add another budget line' }).click();
    await page.locator(`#budgetLines-${i}-item`).fill(item);
    await page.locator(`#budgetLines-${i}-amount`).fill(amount);
  }
  await page.locator('#priorityIds').check();
  await page.getByLabel('Children and young people').check();
  await page.locator('#expectedBeneficiaries').fill('1,250');
  await page.locator('#outcomes-0-outcome').fill('Fewer bikes stolen near the centre');
  await page.locator('#outcomes-0-measure').fill('Police cycle theft data, quarterly');
}

test('the register teaches when empty, then filters, sorts and opens applications', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Applications' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No applications yet — import a CSV or load the demo round' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import a CSV' })).toHaveAttribute('href', '#/import');
  await expect(page.getByRole('link', { name: 'New application' })).toHaveAttribute('href', '#/applications/new');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Load demo round' }).click();
  await expect(count(page)).toHaveText('Showing 40 applications');
  await expect(page.getByText('Loaded the demo round: 40 applications')).toBeVisible();
  await expect(page.locator('table.register')).toHaveAttribute('aria-rowcount', '41');
  await expect(bodyRows(page).first()).toHaveAttribute('aria-rowindex', '2');
  await expectAccessible(page);

  // Area: every row shown is in Coventry, and the address says so.
  await page.getByLabel('Area').selectOption({ label: 'Coventry' });
  await expect(page).toHaveURL(/area=coventry/);
  await expect(count(page)).not.toHaveText('Showing 40 applications');
  const coventry = Number((await count(page).innerText()).replace(/\D/g, ''));
  expect(coventry).toBeGreaterThan(0);
  await expect(bodyRows(page)).toHaveCount(coventry);
  expect(new Set(await column(page, 4))).toEqual(new Set(['Coventry']));

  // Reload keeps the filter; Back returns to the whole register.
  await page.reload();
  await expect(page.getByLabel('Area')).toHaveValue('coventry');
  await expect(count(page)).toHaveText(`Showing ${coventry} application${coventry === 1 ? '' : 's'}`);
  await page.goBack();
  await expect(count(page)).toHaveText('Showing 40 applications');
  await expect(page.getByLabel('Area')).toHaveValue('');

  // Search: debounced, case-insensitive, across reference, organisation and project.
  await search(page).fill('FOOTBALL');
  await expect(page).toHaveURL(/q=FOOTBALL/);
  await expect(count(page)).not.toHaveText('Showing 40 applications');
  for (const title of await column(page, 3)) expect(title.toLowerCase()).toContain('football');
  await search(page).fill('');
  await expect(count(page)).toHaveText('Showing 40 applications');

  // Status: nothing is withdrawn yet — the no-match state says so and clears.
  await page.getByLabel('Status').selectOption({ label: 'Withdrawn' });
  await expect(page.getByRole('heading', { name: 'No applications match these filters' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count(page)).toHaveText('Showing 40 applications');
  await expect(page.getByLabel('Status')).toHaveValue('');

  // Sort by amount: largest first, then smallest first; aria-sort says which.
  const amountHeader = page.getByRole('columnheader', { name: 'Amount requested' });
  await amountHeader.getByRole('button').click();
  await expect(amountHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=amountRequested&dir=desc/);
  await settled(page);
  let amounts = (await column(page, 6)).map(pounds);
  expect(amounts.length).toBeGreaterThan(5);
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  await amountHeader.getByRole('button').click();
  await expect(amountHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/dir=asc/);
  await settled(page);
  amounts = (await column(page, 6)).map(pounds);
  expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  await expect(page.getByRole('columnheader', { name: 'Received' })).not.toHaveAttribute('aria-sort', /.+/);

  // Open the smallest request: a full, accessible read of it.
  const reference = (await column(page, 1))[0] ?? '';
  const project = (await column(page, 3))[0] ?? '';
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project);
  await expect(page.locator('.lede')).toContainText(reference);
  for (const section of ['Organisation', 'Contact (personal data)', 'Project', 'Money', 'Plan priorities', 'Beneficiaries', 'Outcomes']) {
    await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Budget' }).locator('tfoot')).toContainText('£');
  await expectAccessible(page);

  // Withdraw: the reason is required, then the status changes.
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await expect(page.getByLabel('Why is the application being withdrawn?')).toBeFocused();
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter why the application is withdrawn' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Why is the application being withdrawn?').fill('The group found funding elsewhere.');
  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await expect(page.locator('.lede')).toContainText('Withdrawn');
  await expect(page.getByText('The group found funding elsewhere.', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Withdraw application' })).toHaveCount(0);

  // Back to the register as it was left (sorted by amount), then find the withdrawn one.
  await page.getByRole('link', { name: 'Back to applications' }).click();
  await expect(page).toHaveURL(/sort=amountRequested&dir=asc/);
  await page.getByLabel('Status').selectOption({ label: 'Withdrawn' });
  await expect(count(page)).toHaveText('Showing 1 application');
  await expect(bodyRows(page).first()).toContainText(reference);
});

test('the new-application form lists every problem, links to each field, and submits once fixed', async ({ page, app }) => {
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  await open(page, app, '/applications/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New application' })).toBeVisible();
  await expect(page.getByText("The Active Citizens Fund's maximum is £5,000.00").first()).toBeVisible();
  await expectAccessible(page);

  // Over the fund's maximum, ending before it starts, and no title.
  await fillForm(page, { ...VALID, title: '', amount: '£6,000', lines: [['Marking kits', '6000']], start: '01/12/2026', end: '1/11/2026' });
  await page.getByRole('button', { name: 'Submit application' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  const links = summary.getByRole('link');
  await expect(links).toHaveText([
    'Enter the project title',
    'The end date must be the same as or after the start date',
    "Enter an amount of £5,000.00 or less — the Active Citizens Fund's maximum",
  ]);
  // The same messages sit at the fields.
  await expect(page.locator('#projectTitle-error')).toContainText('Enter the project title');
  await expect(page.locator('#amountRequested')).toHaveAttribute('aria-invalid', 'true');
  await links.nth(0).click();
  await expect(page.locator('#projectTitle')).toBeFocused();
  await links.nth(2).click();
  await expect(page.locator('#amountRequested')).toBeFocused();
  await expectAccessible(page);

  // Money and dates that cannot be read say how to write them.
  await page.locator('#amountRequested').fill('twelve pounds');
  await page.locator('#startDate').fill('31/02/2027');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(links).toContainText([
    'Enter the start date as a real date, like 25/11/2026',
    'Enter the amount requested in pounds, like £1,200.50',
  ]);

  await fillForm(page, VALID);
  await expect(page.locator('.budget-total')).toContainText('£1,200.50 of £1,200.50 requested — they match');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(VALID.title);
  await expect(page.getByText(/Application ACF-2026-\d{4} received/)).toBeVisible();
  await expect(page.locator('.lede')).toContainText('Tile Hill Cycling Club');
  await expect(page.getByRole('table', { name: 'Budget' }).locator('tfoot')).toContainText('£1,200.50');

  await page.getByRole('link', { name: 'Back to applications' }).click();
  await expect(count(page)).toHaveText('Showing 41 applications');
  await search(page).fill('bike marking');
  await expect(count(page)).toHaveText('Showing 1 application');
  await expect(bodyRows(page).first()).toContainText('Tile Hill Cycling Club');
  await expect(bodyRows(page).first()).toContainText('£1,200.50');
});

test('the form can be filled in and submitted with the keyboard alone', async ({ page, app }) => {
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  await open(page, app, '/applications/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New application' })).toBeFocused();

  let presses = 0;
  /** Tabs forward to the control, never back: the tab order follows the page. */
  const tabTo = async (target: Locator) => {
    for (let i = 0; i < 20; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
      presses++;
    }
    await expect(target).toBeFocused();
  };
  const typeInto = async (id: string, text: string) => {
    await tabTo(page.locator(`#${id}`));
    await page.keyboard.type(text);
  };

  await tabTo(page.locator('#roundId')); // the open round is already chosen
  await typeInto('organisationName', 'Keyboard Residents Group');
  await tabTo(page.locator('#organisationType'));
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#organisationType')).not.toHaveValue('');
  await tabTo(page.locator('#constituted'));
  await page.keyboard.press('Space');
  await tabTo(page.locator('#bankTwoSignatories'));
  await page.keyboard.press('Space');
  await typeInto('contactName', 'Kim Lee');
  await typeInto('contactEmail', 'kim.lee@example.org');
  await typeInto('projectTitle', 'Keyboard-only community clean-up');
  await typeInto('summary', 'Monthly litter picks with the neighbourhood team.');
  await tabTo(page.locator('#areaId'));
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#areaId')).not.toHaveValue('');
  await tabTo(page.locator('#inImpactArea'));
  await page.keyboard.press('Space');
  await typeInto('startDate', '01/03/2027');
  await typeInto('endDate', '30/09/2027');
  await typeInto('amountRequested', '750');
  await typeInto('budgetLines-0-item', 'Litter pickers and bags');
  await typeInto('budgetLines-0-amount', '500');
  await tabTo(page.getByRole('button', { name: 'Add another budget line' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#budgetLines-1-item')).toBeFocused();
  await page.keyboard.type('Skip hire');
  await typeInto('budgetLines-1-amount', '£250.00');
  await tabTo(page.locator('#priorityIds'));
  await page.keyboard.press('Space');
  await tabTo(page.locator('#beneficiaryGroups'));
  await page.keyboard.press('Space');
  await typeInto('expectedBeneficiaries', '400');
  await typeInto('outcomes-0-outcome', 'Cleaner streets');
  await typeInto('outcomes-0-measure', 'Bags collected each month');
  await tabTo(page.getByRole('button', { name: 'Submit application' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyboard-only community clean-up');
  await expect(page.locator('.summary-list').filter({ hasText: 'In an Impact Area' })).toContainText('Yes');
  expect(presses).toBeLessThan(80);
});

test('HTML and script typed into the form are shown as text and never run', async ({ page, app }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  await open(page, app, '/applications/new');
  const title = '<img src=x onerror=alert(1)>';
  const organisation = '<script>alert(2)</script> Trust';
  await fillForm(page, { ...VALID, title, organisation });
  await page.locator('#summary').fill('<b onmouseover=alert(3)>bold</b>\nSecond line');
  await page.getByRole('button', { name: 'Submit application' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.lede')).toContainText(organisation);
  await expect(page.getByText('<b onmouseover=alert(3)>bold</b>')).toBeVisible();
  await expect(page.locator('main img, main script, main b')).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to applications' }).click();
  await search(page).fill('<img');
  await expect(count(page)).toHaveText('Showing 1 application');
  await expect(bodyRows(page).first()).toContainText(title);
  await expect(page.locator('main img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('the register stays light at 20,000 applications', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await api(page, app, 'demo.load');
  const rounds = await api<{ id: string; fundId: string }[]>(page, app, 'rounds.list');
  const roundId = rounds.find((r) => r.fundId === 'acf')?.id ?? '';
  const rows = Array.from({ length: 20_000 }, (_, i) =>
    templateRow({
      'Project title': `Bulk project ${i + 1}`,
      'Amount requested': `£${1000 + (i % 3000)}`,
      'Budget lines': `Everything: £${1000 + (i % 3000)}`,
    }),
  );
  // Sent as the file picker sends it: an upload, then the call names it by id.
  const file = await uploadFile(page, app, csvFile(toCsv(rows), 'bulk.csv'), 'csv');
  const imported = await api<{ imported: number }>(page, app, 'imports.commit', { roundId, file });
  expect(imported.imported).toBe(20_000);

  const lists: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/applications.list')) lists.push(r.postData() ?? '');
  });
  await page.reload();
  await expect(count(page)).toHaveText('Showing 20,040 applications');
  await expect(page.locator('table.register')).toHaveAttribute('aria-rowcount', '20041');
  // Only the visible window (and a margin) is in the page.
  expect(await bodyRows(page).count()).toBeLessThan(60);

  // Jump to the end: the last rows arrive, without fetching every page flown past.
  const before = lists.length;
  await page.locator('.register-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('table.register tbody tr[aria-rowindex="20041"] a')).toBeVisible();
  expect(await bodyRows(page).count()).toBeLessThan(60);
  expect(lists.length - before).toBeLessThanOrEqual(3);

  // Sorting 20,000 rows is the core's job: the first page answers with the largest amount.
  await page.getByRole('columnheader', { name: 'Amount requested' }).getByRole('button').click();
  // The old page stays on screen (dimmed) until the sorted one arrives: wait for it, then read.
  await expect.poll(async () => pounds((await column(page, 6))[0] ?? '0'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3999);
});

test('a half-filled form is not lost to a stray click: leaving asks first, and an untouched form leaves at once', async ({ page, app }) => {
  await api(page, app, 'demo.load');
  const questions: string[] = [];
  page.on('dialog', (d) => {
    questions.push(d.type() === 'beforeunload' ? 'beforeunload' : d.message());
    void d.dismiss();
  });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto(`${app.url}#/applications/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'New application' })).toBeVisible();
  // Untouched: no question.
  await nav.getByRole('link', { name: 'Rounds' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rounds' })).toBeVisible();
  expect(questions).toEqual([]);

  await page.goto(`${app.url}#/applications/new`);
  await page.getByLabel('Organisation name').fill('Tipton Faith Forum');
  // Asked, and staying: the form keeps what was typed.
  await nav.getByRole('link', { name: 'Rounds' }).click();
  await expect.poll(() => questions).toEqual(['Leave this page? What you have entered here is not saved and will be lost.']);
  await expect(page.getByRole('heading', { level: 1, name: 'New application' })).toBeVisible();
  await expect(page.getByLabel('Organisation name')).toHaveValue('Tipton Faith Forum');
  // Closing the window asks too, in the browser's own words.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => questions.at(-1)).toBe('beforeunload');
});

test('leaving a changed form, once confirmed, goes where it was asked', async ({ page, app }) => {
  await api(page, app, 'demo.load');
  await page.goto(`${app.url}#/applications/new`);
  await page.getByLabel('Organisation name').fill('Tipton Faith Forum');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rounds' })).toBeVisible();
});
