// The chair moderates a spread-flagged application and the ranking updates (issue 11): on a demo
// laptop, Amina Hussain (demo) chairs the Coventry panel whose three applications are scored and
// submitted by three members, one flagged for the spread of its scores on local need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessibleLightAndDark, callCore, saveDownload, type App } from './fixtures';

test.use({ setUpLaptop: false });

async function signInAsChair(page: Page, app: App): Promise<string> {
  await page.goto(app.url);
  await callCore(page, app, 'session.setUpDemo', {});
  await callCore(page, app, 'session.signOut', {});
  await page.reload();
  await page.getByLabel('Amina Hussain (demo)', { exact: true }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill('demo panel chair');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('Amina Hussain (demo)');
  const [panel] = await callCore<{ id: string; name: string }[]>(page, app, 'panels.list', { mine: true });
  return panel!.id;
}

test('the chair opens moderation, moderates the spread-flagged application, and the ranking updates', async ({ page, app }, info) => {
  test.setTimeout(180_000);
  const panelId = await signInAsChair(page, app);
  // The chair finds it from the panels list.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  await page.getByRole('link', { name: 'Moderation and ranking of Coventry NPU panel (demo)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation: Coventry NPU panel (demo)' })).toBeVisible();
  expect(page.url()).toContain(`#/panels/${panelId}/moderation`);

  // Before opening: who has submitted, and a plain warning beside the button.
  await expect(page.getByText('3 of 3 members').first()).toBeVisible();
  await expect(page.getByText('every member sees each other’s scores')).toBeVisible();
  await expectAccessibleLightAndDark(page);
  await page.getByRole('button', { name: 'Open moderation' }).click();

  const ranked = page.getByRole('table', { name: /Ranked by moderated score/ });
  await expect(ranked.getByRole('row')).toHaveCount(4); // a header and three applications
  const flagged = ranked.getByRole('row').filter({ hasText: 'Spread: Evidence of local need' });
  await expect(flagged).toHaveCount(1);
  const reference = (await flagged.getByRole('link').innerText()).trim();
  const scoreBefore = (await flagged.getByRole('cell').nth(3).innerText()).trim();
  await expect(flagged).toContainText('Not moderated yet');
  await expectAccessibleLightAndDark(page);

  await flagged.getByRole('link', { name: new RegExp(reference) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Moderate ${reference}` })).toBeVisible();
  await expect(page.getByRole('region', { name: `Members’ scores for ${reference}` })).toContainText('Spread of 4 points');

  // The mean on local need is 3.0: moderating it to 0 needs a rationale, which the core asks for.
  const need = page.locator('#mod-levels-need');
  await expect(need).toHaveValue('3');
  await need.selectOption('0');
  await page.getByLabel('Fund in full').check();
  await page.getByRole('button', { name: 'Save moderation' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Say why Evidence of local need is moderated to 0 when the members’ mean is 3.0');
  await expectAccessibleLightAndDark(page);
  await summary.getByRole('link').first().click();
  const why = page.getByLabel('Why Evidence of local need is moderated to 0');
  await expect(why).toBeFocused();
  await why.fill('The need evidence is a national survey, not local: the panel agreed it shows no local need.');
  await page.getByRole('button', { name: 'Save moderation' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Moderation of ${reference} saved: Fund in full` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Standing moderation: Fund in full' })).toBeVisible();
  await expect(page.getByText('Recorded by Amina Hussain (demo)')).toBeVisible();

  // The ranking now ranks it by the moderated score.
  await page.getByRole('link', { name: 'Back to the ranking' }).click();
  const row = page
    .getByRole('table', { name: /Ranked by moderated score/ })
    .getByRole('row')
    .filter({ hasText: reference });
  await expect(row).toContainText('Moderated: Fund in full');
  await expect(row.getByRole('cell').nth(3)).not.toHaveText(scoreBefore);

  // The panel report, downloaded in browser mode, is a PDF.
  const path = join(info.outputDir, 'panel-report.pdf');
  const name = await saveDownload(page, 'Download the panel report (PDF)', path);
  expect(name).toBe('panel-report-coventry-npu-panel-demo.pdf');
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The register of interests: Bilal's interest, printable, as CSV.
  await page.getByRole('link', { name: 'Register of interests' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Register of interests: Coventry NPU panel (demo)' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: /Bilal/ })).toContainText('Standing');
  await expectAccessibleLightAndDark(page);
  const csvPath = join(info.outputDir, 'interests.csv');
  expect(await saveDownload(page, 'Download as CSV', csvPath)).toBe('register-of-interests-coventry-npu-panel-demo.csv');
  expect(readFileSync(csvPath, 'utf8')).toMatch(/Bilal/);
});
