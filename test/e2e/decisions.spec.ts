// The Chief Executive decides an application on its page (issue 12): problems in the error-summary
// pattern, a wrong passphrase refused, then the decision signed with their passphrase, shown with
// its signature valid; a later decision supersedes it and the earlier stays listed.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { signInAsChiefExecutive, switchToDemo } from './demo-people';
import { test, expect, expectAccessibleLightAndDark, callCore, saveDownload } from './fixtures';

test.use({ setUpLaptop: false });

test('the Chief Executive signs a decision on an application with their passphrase; a later one supersedes it', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { awardable: application } = await signInAsChiefExecutive(page, app);
  await page.goto(`${app.url}#/applications/${application.id}`);
  const section = page.getByRole('region', { name: 'Decision' });
  await expect(section).toContainText('Not decided yet.');
  await expectAccessibleLightAndDark(page);

  // Nothing chosen: the summary says so and leads to the choice.
  await section.getByRole('button', { name: 'Sign the decision' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Choose approve, a different amount or decline' }).click();
  await expect(section.getByRole('radio').first()).toBeFocused();

  // A different amount, with a reason, and first a wrong passphrase.
  await section.getByLabel('Approve a different amount').check();
  await section.getByLabel('Amount to award').fill('£1,000');
  await section.getByLabel('Why the amount is different').fill('The council will pay for the leaflets.');
  await section.getByLabel('Your passphrase, to sign').fill('not my passphrase');
  await section.getByRole('button', { name: 'Sign the decision' }).click();
  await expect(summary.getByRole('link', { name: 'That passphrase is not right' })).toBeVisible();
  await expect(section.getByLabel('Your passphrase, to sign')).toHaveValue('');
  await expectAccessibleLightAndDark(page);
  await section.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await section.getByRole('button', { name: 'Sign the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision signed: Approved at an amended amount: £1,000.00' })).toBeVisible();
  await expect(section).toContainText('The council will pay for the leaflets.');
  await expect(section).toContainText('Signed by Helen Carter (demo)');
  await expect(section.getByText('Signature valid')).toBeVisible();
  await expectAccessibleLightAndDark(page);

  // A later decision supersedes it; the earlier stays, listed.
  await section.getByRole('button', { name: 'Sign a new decision' }).click();
  await section.getByLabel(/Approve £[\d,.]+, as requested/).check();
  await section.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await section.getByRole('button', { name: 'Sign the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision signed: Approved:' })).toBeVisible();
  await section.getByText('Earlier decisions (1)').click();
  await expect(section.getByRole('listitem')).toContainText('Approved at an amended amount: £1,000.00');
  const listed = await callCore<{ decision: string; superseded: boolean; valid: boolean }[]>(page, app, 'decisions.list', {
    roundId: (await callCore<{ roundId: string }>(page, app, 'applications.get', { id: application.id })).roundId,
  });
  expect(listed.map((d) => [d.decision, d.superseded, d.valid])).toEqual([
    ['amend', true, true],
    ['approve', false, true],
  ]);
});

test('the Chief Executive signs off Walsall: the allocated applications approved in one go, each its own signed decision', async ({
  page,
  app,
}, info) => {
  test.setTimeout(120_000);
  await signInAsChiefExecutive(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  await page.getByRole('link', { name: 'Sign-off of Active Citizens Fund 2026–27 (demo)' }).click();
  await page.getByLabel('Area').selectOption({ label: 'Walsall' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-off: Walsall');
  const table = page.getByRole('table', { name: /Recommended applications in Walsall/ });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByText('Not decided')).toHaveCount(3);
  await expect(table).toContainText('The panel would fund the equipment but not the publicity costs');
  // The pack: each recommendation's eligibility, scores, comments and budget effect, and the interests.
  const pack = page.getByRole('region', { name: 'The pack' });
  await expect(pack.getByText('Eligible', { exact: true })).toHaveCount(3);
  await expect(pack.getByRole('table', { name: 'Moderated scores' })).toHaveCount(3);
  await expect(pack).toContainText('Ward figures show anti-social behaviour up a third on last year');
  await expect(pack).toContainText('of the £45,000.00 budget taken by this and those ranked above it');
  await expect(pack.getByRole('table', { name: 'Register of interests' })).toContainText('I volunteer with the group on Saturdays');
  await expect(pack).toContainText('Grace Okoye (demo) (Declared an interest: I volunteer with the group on Saturdays)');
  await expectAccessibleLightAndDark(page);

  const form = page.getByRole('form', { name: 'Approve the rest' });
  await form.getByRole('button', { name: 'Approve 3 at their allocated amounts' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await form.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await form.getByRole('button', { name: 'Approve 3 at their allocated amounts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed 3 decisions' })).toBeVisible();
  await expect(table.getByText('Signed', { exact: true })).toHaveCount(3);
  await expect(table).toContainText('Approved at an amended amount');
  await expect(form).toHaveCount(0);
  await expectAccessibleLightAndDark(page);

  // The decision notice, as PCCs publish it: a PDF, looked at as an image.
  const notice = join(info.outputDir, 'notice.pdf');
  expect(await saveDownload(page, 'Download the decision notice (PDF)', notice)).toMatch(
    /^decision-notice-active-citizens-fund-.*walsall\.pdf$/,
  );
  expect(execFileSync('pdftotext', [notice, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('3 funded');
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', notice, join(info.outputDir, 'notice')]);

  // The grants officer writes the offer letter of the application approved at a lower amount.
  const lower = table.getByRole('row').filter({ hasText: 'Approved at an amended amount' });
  const href = await lower.getByRole('link').first().getAttribute('href');
  await switchToDemo(page, 'officer');
  await page.goto(`${app.url}${href}`);
  const letter = join(info.outputDir, 'offer.pdf');
  expect(await saveDownload(page, 'Download the offer letter (PDF)', letter)).toMatch(/^ACF-2026-\d{4}-offer\.pdf$/);
  const text = execFileSync('pdftotext', [letter, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Why the grant is less than you asked for');
  expect(text).toContain('The panel would fund the equipment but not the publicity costs');
  expect(text).toContain('Acceptance slip');
  execFileSync('pdftoppm', ['-png', '-r', '50', letter, join(info.outputDir, 'offer')]);
});
