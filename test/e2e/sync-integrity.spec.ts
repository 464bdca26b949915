// The office laptop restored from a backup onto a second machine goes on working on both: two
// versions of its log, each signed with its own key. The panel laptop refuses the second, keeps
// the evidence, and a grants officer chooses by keyboard which version the office accepts; then
// a laptop reported stolen stops being trusted.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, startApp, callCore, chooseFile, openThroughCore, saveThroughCore, type App } from './fixtures';

/** A copy of a running laptop's data folder, as a backup restored elsewhere would be. */
function copyOfDataFolder(app: App): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-twin-'));
  for (const f of ['grantpanel.sqlite', 'grantpanel.sqlite-wal', 'grantpanel.sqlite-shm', 'device-key.json', 'seal-key.txt'])
    if (existsSync(join(app.dataDir, f))) copyFileSync(join(app.dataDir, f), join(dir, f));
  return dir;
}

const newRound = (page: Page, app: App, name: string) =>
  callCore(page, app, 'rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name, opens: '2026-11-01', closes: '2026-12-31' });

async function importThroughScreen(page: Page, app: App, file: string) {
  await page.goto(`${app.url}#/sync`);
  await chooseFile(page, 'Bundle file', file);
  await page.getByRole('button', { name: 'Check bundle' }).click();
  await page.getByRole('button', { name: 'Import bundle' }).click();
}

test('two signed versions of a laptop’s log: the evidence is shown and a person chooses, by keyboard; a stolen laptop is no longer trusted', async ({
  app: office,
  page,
}) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const usb = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    const { device } = await callCore<{ device: { publicKey: string } }>(page, office, 'session.current');
    await callCore(page, panel, 'devices.trust', { publicKey: device.publicKey, name: 'Office laptop' });
    await saveThroughCore(page, office, 'bundles.export', join(usb, 'first.gpbundle'));
    await openThroughCore(page, panel, 'bundles.import', join(usb, 'first.gpbundle'));

    const twin = await startApp(copyOfDataFolder(office));
    try {
      await newRound(page, office, 'Round on the old laptop');
      await newRound(page, twin, 'Round on the restored laptop');
      await saveThroughCore(page, office, 'bundles.export', join(usb, 'old.gpbundle'));
      await saveThroughCore(page, twin, 'bundles.export', join(usb, 'restored.gpbundle'));
    } finally {
      await twin.stop();
    }
    await openThroughCore(page, panel, 'bundles.import', join(usb, 'old.gpbundle'));

    await importThroughScreen(page, panel, join(usb, 'restored.gpbundle'));
    await expect(page.getByRole('alert')).toContainText('has signed two different versions of its log');
    const evidence = page.getByRole('article', { name: 'Two versions of Office laptop’s changes' });
    await expect(evidence).toBeVisible();
    await expectAccessible(page);
    await evidence.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('two-versions.png') });

    // By keyboard: Accept with no choice names the problem; then the arriving version is chosen.
    const accept = evidence.getByRole('button', { name: 'Accept this version' });
    await accept.focus();
    await page.keyboard.press('Enter');
    await expect(evidence.getByRole('alert')).toContainText('Choose which version the office accepts');
    await evidence.getByRole('radio', { name: /The version that arrived/ }).focus();
    await page.keyboard.press('Space');
    await accept.focus();
    await page.keyboard.press('Enter');
    await expect(evidence).toContainText('The office accepts the version that arrived');

    await importThroughScreen(page, panel, join(usb, 'restored.gpbundle'));
    await expect(page.getByRole('status').filter({ hasText: /Imported [\d,]+ new changes?/ })).toBeVisible();
    const rounds = await callCore<{ name: string }[]>(page, panel, 'rounds.list');
    expect(rounds.map((r) => r.name)).toContain('Round on the restored laptop');
    expect(rounds.map((r) => r.name)).not.toContain('Round on the old laptop');

    // The old laptop is reported stolen: stop trusting it, with a reason.
    await page.goto(`${panel.url}#/sync`);
    await page.getByRole('button', { name: 'Stop trusting Office laptop' }).click();
    const form = page.getByRole('form', { name: 'Stop trusting Office laptop' });
    await expect(form.getByLabel('Reason')).toBeFocused();
    await form.getByRole('button', { name: 'Stop trusting' }).click();
    await expect(form.getByRole('alert')).toContainText('Give the reason');
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath('stop-trusting.png') });
    await form.getByLabel('Reason').fill('Reported stolen');
    await form.getByRole('button', { name: 'Stop trusting' }).click();
    await expect(page.getByText('None yet.')).toBeVisible();
    const gone = page.getByRole('region', { name: 'Laptops no longer trusted' });
    await expect(gone).toContainText(/Office laptop: stopped .* — Reported stolen\. [\d,]+ changes from it stay\./);
    await chooseFile(page, 'Bundle file', join(usb, 'old.gpbundle'));
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await expect(page.getByRole('heading', { name: 'The bundle is intact, but this laptop stopped trusting Office laptop' })).toBeVisible();
    await expect(page.locator('#checked-title ~ p')).toContainText('The changes that arrived from it before stay.');
    await expect(page.getByRole('button', { name: /import/i })).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await panel.stop();
  }
});
