// The Sync screen in plain words: protection by what it means, laptops by the names given them here
// (never this laptop among its own trusted laptops), keys behind "Show technical details", a
// protected bundle saved twice in a row, and a laptop no longer trusted said so.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, startApp, callCore, chooseFile, saveDownload, saveThroughCore, type App } from './fixtures';
import type { Page } from '@playwright/test';

const keyOf = async (page: Page, app: App) =>
  (await callCore<{ device: { publicKey: string; fingerprint: string } }>(page, app, 'session.current')).device;

test('a protected bundle can be saved twice in a row: each download keeps its .gpbundle.age ending', async ({ app, page }) => {
  test.setTimeout(150_000);
  const usb = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    await page.goto(`${app.url}#/sync`);
    // No path to type: the browser downloads what GrantPanel writes.
    await expect(page.getByLabel('Save the bundle as')).toHaveCount(0);
    await page.getByLabel('Protect with a password').check();
    await page.getByLabel('Password', { exact: true }).fill('granite otter lantern quietly');
    // A password is stretched on purpose (scrypt): slow on a busy machine.
    const first = await saveDownload(page, 'Save and download bundle', join(usb, 'first.gpbundle.age'));
    expect(first).toMatch(/^grantpanel-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.gpbundle\.age$/);
    await expect(page.getByRole('status').filter({ hasText: 'Saved and checked' })).toContainText(
      // The grants officer's sign-in, and no applicant's contact details yet.
      'Protected, with 1 personal record: applicants’ contact details and people’s sign-ins.',
    );
    const second = await saveDownload(page, 'Save and download bundle', join(usb, 'second.gpbundle.age'));
    expect(second).toMatch(/\.gpbundle\.age$/);
    await expect(page.locator('.error-summary')).toHaveCount(0);
    // What was downloaded is a whole, signed bundle, sealed.
    expect(readFileSync(join(usb, 'second.gpbundle.age')).subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    await expectAccessible(page);
  } finally {
    rmSync(usb, { recursive: true, force: true });
  }
});

test('laptops are named as this laptop named them; this laptop is not among its trusted laptops; keys on request; one stopped being trusted', async ({
  app: office,
  page,
}) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const usb = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    const officeDevice = await keyOf(page, office);
    const panelDevice = await keyOf(page, panel);
    // The panel trusts the office as "Office laptop": that trust arrives at the office as history.
    await callCore(page, panel, 'devices.trust', { publicKey: officeDevice.publicKey, name: 'Office laptop' });
    await callCore(page, panel, 'rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'Coventry spring round',
      opens: '2026-11-01',
      closes: '2026-12-31',
    });
    await saveThroughCore(page, panel, 'bundles.export', join(usb, 'first.gpbundle'));

    await page.goto(`${office.url}#/sync`);
    // Plain words first: the choices of protection, this laptop's fingerprint to read out, the rest on request.
    await expect(page.getByRole('radio', { name: 'Protect with the office key' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Protect with a password' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'No protection (no contact details)' })).toBeVisible();
    const thisLaptop = page.getByRole('region', { name: 'This laptop' });
    await expect(thisLaptop).toContainText(officeDevice.fingerprint);
    await expect(thisLaptop.getByText(officeDevice.publicKey)).toBeHidden();
    await thisLaptop.getByText('Show technical details').click();
    await expect(thisLaptop.getByText(officeDevice.publicKey)).toBeVisible();
    await expectAccessible(page);

    // Trusting the panel laptop names it; the import then speaks of it by that name.
    await chooseFile(page, 'Bundle file', join(usb, 'first.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await expect(page.getByRole('heading', { name: /does not trust its sender yet/ })).toBeVisible();
    await expect(page.getByRole('region', { name: /does not trust its sender yet/ })).toContainText(panelDevice.fingerprint);
    await page.getByLabel('Name this laptop').fill('Coventry panel laptop');
    await page.getByLabel('I have compared the fingerprint and it matches').check();
    await page.getByRole('button', { name: 'Trust this laptop and import' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /^Imported [\d,]+ new changes from Coventry panel laptop \(Grants officer\)/ }),
    ).toBeVisible();

    await saveThroughCore(page, panel, 'bundles.export', join(usb, 'second.gpbundle'));
    await page.goto(`${office.url}#/sync`);
    await chooseFile(page, 'Bundle file', join(usb, 'second.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    const checked = page.getByRole('region', { name: 'The bundle from Coventry panel laptop is intact' });
    await expect(checked).toContainText('Coventry panel laptop, Grants officer');
    await expect(checked.getByText(panelDevice.fingerprint)).toBeHidden();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Import bundle' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /from Coventry panel laptop \(Grants officer\); [\d,]+ were already here/ }),
    ).toBeVisible();

    // Only the other laptop is listed as trusted: the panel's "Office laptop" is this laptop, shown as such in the history.
    const trusted = page.getByRole('region', { name: 'Laptops this one trusts' });
    await expect(trusted.getByRole('row')).toHaveText([/Laptop/, /^Coventry panel laptop/]);
    await expect(page.getByRole('option', { name: /Office laptop/ })).toHaveCount(0);
    await page.getByText('Laptops other laptops trust (1)').click();
    const history = page.getByRole('region', { name: 'Laptops other laptops trust' });
    await expect(history.getByRole('row').nth(1).getByRole('cell')).toHaveText(['Coventry panel laptop', 'This laptop', /.+/, /.+/]);
    await expect(history).not.toContainText('Office laptop');

    // Stopping trusting it: later bundles refused, what arrived stays, and the screen says so.
    await page.getByRole('button', { name: 'Stop trusting Coventry panel laptop' }).click();
    const form = page.getByRole('form', { name: 'Stop trusting Coventry panel laptop' });
    await form.getByLabel('Reason').fill('Handed to another team');
    await form.getByRole('button', { name: 'Stop trusting' }).click();
    const gone = page.getByRole('region', { name: 'Laptops no longer trusted' });
    await expect(gone).toContainText(/Coventry panel laptop: stopped .* — Handed to another team\. [\d,]+ changes from it stay\./);
    await expect(page.getByText('None yet.')).toBeVisible();
    await expectAccessible(page);

    await saveThroughCore(page, panel, 'bundles.export', join(usb, 'third.gpbundle'));
    await chooseFile(page, 'Bundle file', join(usb, 'third.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    const refused = page.getByRole('region', { name: 'The bundle is intact, but this laptop stopped trusting Coventry panel laptop' });
    await expect(refused).toContainText(
      'its bundles are refused and nothing in this one is imported. The changes that arrived from it before stay.',
    );
    await expect(page.getByRole('button', { name: /import/i })).toHaveCount(0);
    await expectAccessible(page);
    const rounds = await callCore<{ name: string }[]>(page, office, 'rounds.list');
    expect(rounds.map((r) => r.name)).toContain('Coventry spring round');
  } finally {
    await panel.stop();
    rmSync(usb, { recursive: true, force: true });
  }
});
