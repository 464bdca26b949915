// Letters (issue 12) on the demo laptop: the grants officer changes the Active Citizens Fund's
// letter template (problems in the error-summary pattern first), the Chief Executive signs the
// Walsall pack, and the officer writes every letter of it in one go — in browser mode one zip
// download — with a progress bar that reaches the end; one letter, read with pdftotext, holds the
// new condition.
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { switchToDemo } from './demo-people';
import { test, expect, expectAccessibleLightAndDark, callCore, saveDownload, type App } from './fixtures';

test.use({ setUpLaptop: false });

async function openWalsallSignOff(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  await page.getByRole('link', { name: 'Sign-off of Active Citizens Fund 2026–27 (demo)' }).click();
  await page.getByLabel('Area').selectOption({ label: 'Walsall' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-off: Walsall');
}

async function openDemo(page: Page, app: App) {
  await page.goto(app.url);
  await callCore(page, app, 'session.setUpDemo', {});
  await callCore(page, app, 'session.signOut', {});
  await page.reload();
  await page.getByLabel('Jordan Ellis (demo)', { exact: true }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill('demo grants officer');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('Jordan Ellis (demo)');
}

test('the officer edits the ACF letter template, the Chief Executive signs Walsall, the officer writes its letters as one zip', async ({
  page,
  app,
}, info) => {
  test.setTimeout(180_000);
  await openDemo(page, app);

  // The template, from the catalogue's fund.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  await page.getByRole('link', { name: 'Letter template for the Active Citizens Fund' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Letter template: Active Citizens Fund');
  await expect(page.getByText('This fund uses GrantPanel’s default template')).toBeVisible();
  await expectAccessibleLightAndDark(page);

  // Problems first: an empty condition and payments adding to 90%.
  await page.getByLabel('Condition 2', { exact: true }).fill('');
  await page.getByLabel('Percentage').nth(1).fill('40');
  await expect(page.getByText('Adds up to 90% — it must be 100%')).toBeVisible();
  await page.getByRole('button', { name: 'Save template' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Enter the condition', 'The payments add up to 90%: make them add up to 100%']);
  await summary.getByRole('link', { name: 'Enter the condition' }).click();
  await expect(page.getByLabel('Condition 2', { exact: true })).toBeFocused();
  await expectAccessibleLightAndDark(page);

  await page.getByLabel('Condition 2', { exact: true }).fill('Display the Commissioner’s logo at every session the grant pays for.');
  await page.getByLabel('Percentage').nth(1).fill('50');
  // Keyboard: the new condition is added and typed into without the mouse.
  await page.getByRole('button', { name: 'Add another condition' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Condition 5', { exact: true })).toBeFocused();
  await page.keyboard.type('Send a photograph of the project for the Commissioner’s annual report.');
  // A sample letter from the form as it stands, before saving.
  const sample = join(info.outputDir, 'sample.pdf');
  expect(await saveDownload(page, 'Preview offer letter (PDF)', sample)).toBe('acf-sample-offer-letter.pdf');
  const sampleText = execFileSync('pdftotext', [sample, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(sampleText).toContain('Sample Community Group');
  expect(sampleText).toContain('Send a photograph of the project for the Commissioner’s annual report.');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the Active Citizens Fund’s letter template' })).toBeVisible();
  await expect(page.getByText('This fund has its own template.')).toBeVisible();
  await expectAccessibleLightAndDark(page);

  // The Chief Executive signs the Walsall pack.
  await switchToDemo(page, 'chief');
  await openWalsallSignOff(page);
  const form = page.getByRole('form', { name: 'Approve the rest' });
  await form.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await form.getByRole('button', { name: 'Approve 3 at their allocated amounts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed 3 decisions' })).toBeVisible();
  // The Chief Executive signs; the officer writes letters (they hold contact details).
  await expect(page.getByRole('region', { name: 'Letters' })).toHaveCount(0);

  // The officer writes every letter of the pack: one zip download.
  await switchToDemo(page, 'officer');
  await openWalsallSignOff(page);
  const letters = page.getByRole('region', { name: 'Letters' });
  await expect(letters).toContainText('One letter for each of the 3 signed decisions in Walsall');
  await expectAccessibleLightAndDark(page);
  const downloaded = page.waitForEvent('download');
  await letters.getByRole('button', { name: 'Write all 3 letters' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^letters-active-citizens-fund-.*walsall\.zip$/);
  const zip = join(info.outputDir, 'letters.zip');
  await download.saveAs(zip);
  await expect(letters.getByRole('status').filter({ hasText: '3 letters written: 3 offers, 0 declines' })).toBeVisible();
  await expect(letters.locator('progress')).toHaveAttribute('value', '100');
  await expect(letters.getByText('3 of 3 letters written')).toBeVisible();
  await expectAccessibleLightAndDark(page);

  const out = join(info.outputDir, 'letters');
  mkdirSync(out, { recursive: true });
  execFileSync('unzip', ['-o', '-q', zip, '-d', out]);
  const names = readdirSync(out).sort();
  expect(names).toHaveLength(3);
  for (const name of names) expect(name).toMatch(/^ACF-2026-\d{4}-offer\.pdf$/);
  const text = execFileSync('pdftotext', [join(out, names[0]!), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Display the Commissioner’s logo at every session the grant pays for.');
  expect(text).toContain('Send a photograph of the project for the Commissioner’s annual report.');
  expect(text).toContain('Acceptance slip');
});
