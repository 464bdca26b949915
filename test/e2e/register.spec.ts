// Rounds, the catalogue, importing applications from CSV, and settings — driven as a grants
// officer would, by label and role, with axe (WCAG 2.2 AA) on each page as it stands.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { APPLICATION_COLUMNS, type ImportField } from '../../shared/formats/applications-csv';
import { test, expect, expectAccessible, type App } from './fixtures';

const ROUND = 'Active Citizens Fund 2026–27';

type Row = Partial<Record<ImportField, string>>;

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A CSV in the template's layout: its headers, one line per row, Windows line endings. */
function templateCsv(rows: Row[]): string {
  const lines = [APPLICATION_COLUMNS.map((c) => c.header), ...rows.map((r) => APPLICATION_COLUMNS.map((c) => r[c.field] ?? ''))];
  return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A CSV with the organisation's own headings, each naming the field it holds. */
function ownHeadingsCsv(columns: [string, ImportField][], rows: Row[]): string {
  const lines = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, f]) => r[f] ?? ''))];
  return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

function goodRow(n: number, overrides: Row = {}): Row {
  return {
    reference: `ACF-E2E-${String(n).padStart(4, '0')}`,
    organisationName: `Foleshill Residents Association ${n}`,
    organisationType: 'Registered charity',
    charityNumber: '1123456',
    constituted: 'Yes',
    bankTwoSignatories: 'Yes',
    contactName: 'Amira Khan',
    contactEmail: 'amira.khan@example.org',
    contactPhone: '0121 496 0000',
    projectTitle: `Friday night youth football ${n}`,
    summary: 'Floodlit football on Friday evenings, when anti-social behaviour peaks.',
    areaId: 'Coventry',
    inImpactArea: 'No',
    amountRequested: '£2,500',
    budgetLines: 'Pitch hire: £1,500; Coaches: £1,000',
    startDate: '10/01/2027',
    endDate: '30/06/2027',
    priorityIds: 'VIOLENCE; NEIGHBOURHOOD',
    beneficiaryGroups: 'young-people; Residents of the area generally',
    expectedBeneficiaries: '60',
    outcomes: 'Fewer ASB reports | Police data each quarter',
    sustainability: 'Volunteers keep it going.',
    ...overrides,
  };
}

async function open(page: Page, app: App, path: string) {
  await page.goto(`${app.url}#${path}`);
  await expect(page.locator('h1')).toBeVisible();
}

/** Creates a round through the form, with budgets for Coventry and Birmingham. */
async function createRound(page: Page, app: App, name = ROUND) {
  await open(page, app, '/rounds/new');
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Active Citizens Fund (ACF)' });
  await page.getByLabel('Police and Crime Plan').selectOption({ label: 'Police and Crime Plan 2025–2029' });
  await page.getByLabel('Round name').fill(name);
  await page.getByLabel('Opening date').fill('01/10/2026');
  await page.getByLabel('Closing date').fill('18/12/2026');
  await page.getByLabel('Coventry', { exact: true }).fill('£45,000');
  await page.getByLabel('Birmingham', { exact: true }).fill('£60,000');
  await page.getByRole('button', { name: 'Create round' }).click();
  await expect(page.getByRole('heading', { name: 'Rounds', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

async function chooseCsv(page: Page, name: string, content: string | Buffer) {
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
}

async function checkFile(page: Page) {
  await page.getByRole('button', { name: /^Check (file|the file again)$/ }).click();
  await expect(page.getByRole('heading', { name: /^Check of / })).toBeVisible();
}

/** The applications list's rows for the round, by project title. */
async function expectInRegister(page: Page, app: App, title: string, present = true) {
  await open(page, app, '/applications');
  await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
  if (present) await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  else await expect(page.getByText(title, { exact: true })).toHaveCount(0);
}

test.describe('rounds', () => {
  test('a round is created after its problems are fixed, listed, and changed', async ({ app, page }) => {
    await open(page, app, '/rounds');
    await expect(page.getByRole('heading', { name: 'No rounds yet' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'New round', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'New round', level: 1 })).toBeVisible();
    await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Active Citizens Fund (ACF)' });
    await page.getByLabel('Round name').fill(ROUND);
    await page.getByLabel('Opening date').fill('18/12/2026');
    await page.getByLabel('Closing date').fill('01/10/2026');
    await page.getByLabel('Coventry', { exact: true }).fill('£45,000');
    await page.getByLabel('Birmingham', { exact: true }).fill('lots');
    await expect(page.locator('#round-budget-total')).toHaveText('£45,000.00');
    await page.getByLabel('Over-allocation tolerance, % (optional)').fill('60');
    await page.getByRole('button', { name: 'Create round' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'The closing date must be on or after the opening date',
      'Enter the budget for Birmingham in pounds, like £45,000, or leave it blank',
      'The tolerance can be at most 50%',
    ]);
    await summary.getByRole('link', { name: 'The tolerance can be at most 50%' }).click();
    await expect(page.getByLabel('Over-allocation tolerance, % (optional)')).toBeFocused();
    await page.getByLabel('Over-allocation tolerance, % (optional)').fill('10');
    await page.getByLabel('Round total (optional)').fill('£100,000');
    await summary.getByRole('link', { name: 'The closing date must be on or after the opening date' }).click();
    await expect(page.getByLabel('Closing date')).toBeFocused();
    await expect(page.locator('#round-closes-error')).toContainText('The closing date must be on or after the opening date');
    await expectAccessible(page);

    await page.getByLabel('Opening date').fill('01/10/2026');
    await page.getByLabel('Closing date').fill('18/12/2026');
    await page.getByLabel('Birmingham', { exact: true }).fill('£60,000');
    await expect(page.locator('#round-budget-total')).toHaveText('£105,000.00');
    await page.getByRole('button', { name: 'Create round' }).click();

    await expect(page.getByRole('heading', { name: 'Rounds', level: 1 })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(ROUND) });
    await expect(row).toContainText('Active Citizens Fund');
    await expect(row).toContainText('Police and Crime Plan 2025–2029');
    await expect(row).toContainText('1 Oct 2026 – 18 Dec 2026');
    await expect(row).toContainText('Open');
    await expect(row).toContainText('£105,000.00');
    await expectAccessible(page);

    await row.getByRole('link', { name: `Edit ${ROUND}` }).click();
    await expect(page.getByLabel('Round name')).toHaveValue(ROUND);
    await expect(page.getByLabel('Opening date')).toHaveValue('01/10/2026');
    await expect(page.getByLabel('Coventry', { exact: true })).toHaveValue('£45,000');
    await expect(page.getByLabel('Round total (optional)')).toHaveValue('£100,000');
    await expect(page.getByLabel('Over-allocation tolerance, % (optional)')).toHaveValue('10');
    await page.getByLabel('Round name').fill('Active Citizens Fund 2026–27 (Coventry and Birmingham)');
    await page.getByLabel('Coventry', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const changed = page.getByRole('row', { name: /Coventry and Birmingham/ });
    await expect(changed).toContainText('£60,000.00');
    await expect(changed.getByRole('link', { name: /applications in/ })).toHaveAttribute('href', /#\/applications\?round=/);
  });
});

test.describe('catalogue', () => {
  test('the Active Citizens Fund’s maximum award is changed, and an area added', async ({ app, page }) => {
    await open(page, app, '/catalogue');
    await expect(page.locator('#fund-acf-max-award')).toHaveText('£5,000.00');
    await expect(page.locator('#fund-csf-max-award')).toHaveText('No maximum');
    await expect(page.getByRole('cell', { name: 'Preventing and Tackling Violence' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Edit Active Citizens Fund' }).click();
    const maxAward = page.getByLabel('Maximum award');
    await expect(page.getByLabel('Fund name')).toBeFocused();
    await expect(maxAward).toHaveValue('£5,000');
    await maxAward.fill('five thousand');
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
      'Enter the maximum award in pounds, like £5,000, or leave it blank for no maximum',
    );
    await expectAccessible(page);

    await maxAward.fill('£2,500');
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.locator('#fund-acf-max-award')).toHaveText('£2,500.00');
    await expect(page.getByRole('button', { name: 'Edit Active Citizens Fund' })).toBeFocused();
    await page.reload();
    await expect(page.locator('#fund-acf-max-award')).toHaveText('£2,500.00');

    await page.getByRole('button', { name: 'Add area' }).click();
    await page.getByLabel('Area name').fill('Birmingham East');
    await expect(page.getByText('Its id will be birmingham-east.')).toBeVisible();
    await page.getByLabel('ONS code (optional)').fill('E0800');
    await page.getByLabel('Local authority').fill('Birmingham City Council');
    await page.getByRole('button', { name: 'Add area' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Enter the ONS code, like E08000026');
    await page.getByLabel('ONS code (optional)').fill('');
    await page.getByRole('button', { name: 'Add area' }).click();
    await expect(page.getByRole('row', { name: /Birmingham East/ })).toContainText('Birmingham City Council');
    await expectAccessible(page);
  });
});

test.describe('import', () => {
  test('a file with bad rows is reported and nothing imported; the fixed file imports', async ({ app, page }) => {
    await createRound(page, app);
    await open(page, app, '/import');
    await expect(page.getByLabel('Round', { exact: true })).toHaveValue(/.+/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the template' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('grantpanel-applications-template.csv');
    const template = readFileSync(await download.path(), 'utf8');
    expect(template.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(APPLICATION_COLUMNS.map((c) => c.header).join(','));

    const bad = templateCsv([
      goodRow(1),
      goodRow(2, { areaId: 'Atlantis' }),
      goodRow(3, { amountRequested: 'abc' }),
      goodRow(4, { startDate: '30/06/2027', endDate: '10/01/2027' }),
    ]);
    await chooseCsv(page, 'applications-bad.csv', bad);
    await checkFile(page);
    await expect(page.getByText('Nothing has been imported. Fix these rows in your spreadsheet and check the file again.')).toBeVisible();
    const problems = page.getByRole('table', { name: 'Problems to fix' });
    await expect(problems.getByRole('row').filter({ hasText: 'Atlantis' })).toContainText(/^3\s*Area\s*"Atlantis" is not a known area/);
    await expect(problems.getByRole('row').filter({ hasText: 'Enter the amount in pounds' })).toContainText(/^4\s*Amount requested/);
    await expect(problems.getByRole('row').filter({ hasText: 'The end date must be the same as or after the start date' })).toContainText(
      /^5\s*End date/,
    );
    await expect(page.getByRole('button', { name: /^Import \d+ applications?$/ })).toHaveCount(0);
    await expectAccessible(page);

    await expectInRegister(page, app, 'Friday night youth football 1', false);
    await open(page, app, '/rounds');
    await expect(page.getByRole('row', { name: new RegExp(ROUND) }).getByRole('link', { name: /applications in/ })).toHaveText(/^0/);

    await open(page, app, '/import');
    await chooseCsv(
      page,
      'applications.csv',
      templateCsv([goodRow(1), goodRow(2, { areaId: 'Birmingham' }), goodRow(3, { areaId: 'E08000026' })]),
    );
    await checkFile(page);
    await expect(page.getByText('3 applications are ready to import.')).toBeVisible();
    await expect(page.getByText('By the headings of the GrantPanel template')).toBeVisible();
    await page.getByRole('button', { name: 'Import 3 applications' }).click();
    const done = page.getByRole('heading', { name: 'Import complete' });
    await expect(done).toBeFocused();
    await expect(page.getByText(`3 applications imported into ${ROUND}.`)).toBeVisible();
    await expectAccessible(page);
    await expect(page.getByRole('link', { name: 'View the applications' })).toHaveAttribute('href', /round=/);

    // The same file again: every row is a duplicate, reported by its row and reference.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await expect(page.getByLabel('CSV file')).toBeFocused();
    await chooseCsv(
      page,
      'applications.csv',
      templateCsv([goodRow(1), goodRow(2, { areaId: 'Birmingham' }), goodRow(3, { areaId: 'E08000026' })]),
    );
    await checkFile(page);
    await expect(page.getByText('Row 2: ACF-E2E-0001 is already in the register — it will be skipped')).toBeVisible();
    await expect(page.getByText('There is nothing new to import.')).toBeVisible();

    await expectInRegister(page, app, 'Friday night youth football 2');
  });

  test('a file with its own headings is matched by hand once, then remembered', async ({ app, page }) => {
    await createRound(page, app);
    const columns: [string, ImportField][] = [
      ['Ref', 'reference'],
      ['Org name', 'organisationName'],
      ['Type', 'organisationType'],
      ['Constituted', 'constituted'],
      ['Two signatories', 'bankTwoSignatories'],
      ['Contact', 'contactName'],
      ['Email', 'contactEmail'],
      ['Title', 'projectTitle'],
      ['Description', 'summary'],
      ['NPU', 'areaId'],
      ['Amount', 'amountRequested'],
      ['Costs', 'budgetLines'],
      ['From', 'startDate'],
      ['To', 'endDate'],
      ['Priorities', 'priorityIds'],
      ['Beneficiaries', 'beneficiaryGroups'],
      ['Numbers', 'expectedBeneficiaries'],
      ['Outcomes', 'outcomes'],
    ];
    await open(page, app, '/import');
    await chooseCsv(
      page,
      'from-the-npu.csv',
      ownHeadingsCsv(columns, [goodRow(11, { projectTitle: 'Safer Streets walking group' }), goodRow(12)]),
    );
    await checkFile(page);
    await expect(page.getByText('Suggested from the headings — check them below')).toBeVisible();
    const missing = page.getByRole('list', { name: 'Missing columns' });
    await expect(missing.getByRole('listitem')).toHaveText(['Organisation type', 'Start date', 'End date', 'Expected beneficiaries']);
    await expect(page.getByText(/^Nothing has been imported\./)).toBeVisible();
    await expect(page.getByLabel('Org name', { exact: true })).toHaveValue('organisationName');
    await expect(page.getByLabel('Type', { exact: true })).toHaveValue('');
    await expectAccessible(page);

    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Organisation type (required)' });
    await page.getByLabel('From', { exact: true }).selectOption({ label: 'Start date (required)' });
    await page.getByLabel('To', { exact: true }).selectOption({ label: 'End date (required)' });
    await page.getByLabel('Numbers', { exact: true }).selectOption({ label: 'Expected beneficiaries (required)' });
    await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByText('As you set them')).toBeVisible();
    await page.getByRole('button', { name: 'Import 2 applications' }).click();
    await expect(page.getByText(`2 applications imported into ${ROUND}.`)).toBeVisible();

    // The next file from the same NPU has the same headings: the matching is remembered.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await chooseCsv(
      page,
      'from-the-npu-week-2.csv',
      ownHeadingsCsv(columns, [goodRow(13, { projectTitle: 'Knife crime awareness in schools' })]),
    );
    await checkFile(page);
    await expect(page.getByText('Remembered from the last file with these headings')).toBeVisible();
    await page.getByRole('button', { name: 'Import 1 application' }).click();
    await expect(page.getByText(`1 application imported into ${ROUND}.`)).toBeVisible();

    await expectInRegister(page, app, 'Safer Streets walking group');
    await expect(page.getByText('Knife crime awareness in schools', { exact: true }).first()).toBeVisible();
  });

  test('a Windows-1252 file keeps its £ and é; files that are not CSV are refused at the file field', async ({ app, page }) => {
    await createRound(page, app);
    await open(page, app, '/import');

    await chooseCsv(page, 'empty.csv', Buffer.alloc(0));
    await page.getByRole('button', { name: 'Check file' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('The file is empty');

    await chooseCsv(page, 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(summary).toContainText('This is not a CSV file');
    await summary.getByRole('link', { name: /This is not a CSV file/ }).click();
    await expect(page.getByLabel('CSV file')).toBeFocused();
    await expectAccessible(page);

    const folder = mkdtempSync(join(tmpdir(), 'grantpanel-large-'));
    try {
      const large = join(folder, 'everything.csv');
      writeFileSync(large, 'x');
      truncateSync(large, 51 * 1024 * 1024);
      await page.getByLabel('CSV file').setInputFiles(large);
      await expect(page.locator('#import-file-error')).toContainText('The file is 51.0 MB — the largest file GrantPanel imports is 50 MB');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    const text = templateCsv([
      goodRow(21, {
        organisationName: 'Café Unity Club',
        projectTitle: 'Café des Amis youth nights',
        summary: 'Hall hire at £30 a night, with crêpes.',
        budgetLines: 'Hall hire: £1,500; Café supplies: £1,000',
      }),
    ]);
    expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    await chooseCsv(page, 'excel-export.csv', Buffer.from(text, 'latin1'));
    await checkFile(page);
    await expect(page.locator('.import-report .summary-list')).toContainText('Windows-1252');
    await page.getByRole('button', { name: 'Import 1 application' }).click();
    await expect(page.getByText(`1 application imported into ${ROUND}.`)).toBeVisible();

    await page.getByRole('link', { name: 'View the applications' }).click();
    await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Round', { exact: true })).toHaveValue(/.+/);
    await expect(page.getByText('Café des Amis youth nights', { exact: true }).first()).toBeVisible();
    await page.getByRole('link', { name: 'ACF-E2E-0021' }).click();
    await expect(page.getByText('Hall hire at £30 a night, with crêpes.')).toBeVisible();
  });
});

test.describe('settings', () => {
  test('the dark theme applies at once, passes axe, and survives a reload', async ({ app, page }) => {
    await open(page, app, '/settings');
    await expect(page.getByLabel('Follow my computer', { exact: true })).toBeChecked();
    await expect(page.getByText('GrantPanel 0.1.0')).toBeVisible();
    await expect(page.locator('main').getByText('Grants officer', { exact: true })).toBeVisible();
    await page.getByLabel('Dark', { exact: true }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectAccessible(page);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByLabel('Dark', { exact: true })).toBeChecked();
    await open(page, app, '/rounds');
    await expectAccessible(page);

    await open(page, app, '/settings');
    await page.getByLabel('Light', { exact: true }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByLabel('Follow my computer', { exact: true }).check();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  });
});
