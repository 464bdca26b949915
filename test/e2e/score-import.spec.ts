// Importing paper score sheets on the Import screen, as a grants officer does it: reached from the
// panel's Paper score sheets section, the template downloaded, a file with a bad row reported by its
// row and column (the error summary leading to each) with nothing saved, then the fixed file
// imported with a notice and a way to the panel. Set up through the core; each state checked with
// axe in the light theme and the dark one.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, callCore, type App } from './fixtures';

const PASS = 'a long enough first passphrase';
const PANEL = 'Coventry NPU panel';
const CRITERIA = [
  'Fit to the Police and Crime Plan priorities',
  'Evidence of local need',
  'Measurable outcomes',
  'Value for money',
  'Sustainability',
  'Reach to seldom-heard communities',
  'Deliverability',
];

async function expectAccessibleBothThemes(page: Page): Promise<void> {
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
}

/** One member's complete sheet: every criterion at 3, governance passed; `change` alters rows. */
function sheet(reference: string, member: string, change: (rows: string[][]) => string[][] = (r) => r): string[][] {
  return change([...CRITERIA.map((c) => [reference, member, c, '3', '']), [reference, member, 'Governance adequate', 'pass', '']]);
}

const csv = (rows: string[][]) =>
  [['Application reference', 'Member', 'Criterion', 'Score', 'Comment'], ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

async function setUp(page: Page, app: App) {
  await page.goto(app.url);
  const { roundId } = await callCore<{ roundId: string }>(page, app, 'demo.load', {});
  const { suggested } = await callCore<{ suggested: unknown }>(page, app, 'rubrics.get', { roundId });
  await callCore(page, app, 'rubrics.save', { roundId, content: suggested });
  const asha = await callCore<{ id: string }>(page, app, 'people.add', {
    name: 'Asha Patel',
    roles: ['panel-member'],
    areas: [],
    passphrase: PASS,
  });
  const ben = await callCore<{ id: string }>(page, app, 'people.add', {
    name: 'Ben Okafor',
    roles: ['panel-chair', 'panel-member'],
    areas: [],
    passphrase: PASS,
  });
  const panel = await callCore<{ id: string }>(page, app, 'panels.save', {
    roundId,
    name: PANEL,
    chairId: ben.id,
    quorum: 2,
    areaIds: ['coventry'],
    memberIds: [asha.id, ben.id],
  });
  const { applications } = await callCore<{ applications: { id: string; reference: string }[] }>(page, app, 'panels.get', {
    id: panel.id,
  });
  return { panelId: panel.id, application: applications[0]! };
}

/** Sheets submitted for the application, as the moderation view counts them: [member, typed by]. */
async function submitted(page: Page, app: App, panelId: string, applicationId: string) {
  const view = await callCore<{ applications: { id: string; members: { name: string; submitted: boolean; typedBy: string | null }[] }[] }>(
    page,
    app,
    'moderation.view',
    { panelId },
  );
  return view.applications
    .find((a) => a.id === applicationId)!
    .members.filter((m) => m.submitted)
    .map((m) => [m.name, m.typedBy]);
}

async function checkFile(page: Page, name: string, content: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page.getByRole('button', { name: /^Check (file|the file again)$/ }).click();
  await expect(page.getByRole('heading', { name: `Check of ${name}` })).toBeVisible();
}

test('the officer imports paper scores: a bad row is reported by row and column and nothing is saved; the fixed file imports', async ({
  page,
  app,
}) => {
  const { panelId, application } = await setUp(page, app);
  const ref = application.reference;

  // From the panel's Paper score sheets section, to the Import screen set for paper scores.
  await page.goto(`${app.url}#/panels/${panelId}`);
  await page.getByRole('link', { name: 'import the paper scores' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import from a spreadsheet');
  await expect(page.getByRole('radio', { name: 'Paper scores' })).toBeChecked();
  await expect(page.getByLabel('Round', { exact: true })).toHaveValue(/.+/);
  await expectAccessibleBothThemes(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the template' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('grantpanel-scores-template.csv');
  expect(
    readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0],
  ).toBe('Application reference,Member,Criterion,Score,Comment');

  // Row 3 scores above the scale; row 10 names nobody on the People screen.
  const bad = [
    ...sheet(ref, 'Asha Patel', (rows) => rows.map((r, i) => (i === 1 ? [r[0]!, r[1]!, r[2]!, '7', ''] : r))),
    [ref, 'Dana Smith', 'Value for money', '3', ''],
  ];
  await checkFile(page, 'scores-bad.csv', csv(bad));
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(page.getByText('Nothing has been imported. Fix these rows in your spreadsheet and check the file again.')).toBeVisible();
  const facts = page.locator('.import-report .summary-list');
  await expect(facts).toContainText('9 score rows');
  await expect(facts).toContainText('Sheets found1 sheet'); // a row naming nobody makes no sheet
  const problems = page.getByRole('table', { name: 'Problems to fix' });
  await expect(problems.getByRole('row').filter({ hasText: 'above the scale' })).toContainText(/^3\s*Score\s*7 is above the scale/);
  await expect(problems.getByRole('row').filter({ hasText: 'Dana Smith' })).toContainText(/^10\s*Member\s*Nobody is called "Dana Smith"/);
  await expect(page.getByRole('button', { name: /^Import \d+ sheets?$/ })).toHaveCount(0);
  // Each problem in the summary leads to its row of the report.
  await summary.getByRole('link', { name: /^Row 10, Member: Nobody is called/ }).click();
  await expect(page.locator('#import-problem-1')).toBeFocused();
  await expect(page.locator('#import-problem-1')).toContainText('Dana Smith');
  await summary.getByRole('link', { name: /^Row 3, Score: 7 is above the scale/ }).click();
  await expect(page.locator('#import-problem-0')).toBeFocused();
  await expectAccessibleBothThemes(page);
  expect(await submitted(page, app, panelId, application.id)).toEqual([]);

  // The fixed file: both members' sheets.
  await checkFile(page, 'scores.csv', csv([...sheet(ref, 'Asha Patel'), ...sheet(ref, 'ben okafor')]));
  await expect(page.getByRole('heading', { name: 'Check of scores.csv' })).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
  await expect(page.getByText('2 sheets are ready to import.')).toBeVisible();
  await expect(facts).toContainText('16 score rows');
  await expectAccessibleBothThemes(page);
  await page.getByRole('button', { name: 'Import 2 sheets' }).click();
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 sheets (16 scores)' })).toBeVisible();
  await expect(page.getByText('2 paper sheets (16 scores) imported into')).toBeVisible();
  await expectAccessibleBothThemes(page);
  expect(await submitted(page, app, panelId, application.id)).toEqual([
    ['Asha Patel', 'Grants officer'],
    ['Ben Okafor', 'Grants officer'],
  ]);

  await page.getByRole('link', { name: `View ${PANEL}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(PANEL);
});
