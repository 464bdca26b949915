// Two laptops in browser mode, each on its own data folder: the office sends its register in a
// bundle, the panel laptop checks the fingerprint, trusts and imports it; both then change the same
// detail, and the clash appears on the Conflicts screen, where a person resolves it. The office's
// roster of trusted laptops travels the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { minisignPublicKey } from '../../electron/core/crypto/minisign';
import type { ApplicationDetail } from '../../shared/contract/applications';
import type { ConflictSummary } from '../../shared/contract/conflicts';
import { formatInstant } from '../../shared/domain/dates';
import { draftOf } from '../../shared/domain/application';
import {
  test,
  expect,
  expectAccessible,
  startApp,
  callCore,
  chooseFile,
  openThroughCore,
  saveDownload,
  saveThroughCore,
  type App,
} from './fixtures';

interface Fund {
  id: string;
  name: string;
  code: string;
  source: string;
  maxAwardPence: number | null;
  eligibility: string;
}

const setMaximum = async (page: Page, app: App, pence: number) => {
  const funds = await callCore<Fund[]>(page, app, 'catalogue.funds');
  const acf = funds.find((f) => f.id === 'acf');
  // Set-up, not the subject here: the applications it touches are confirmed as the form would.
  await callCore(page, app, 'catalogue.saveFund', { ...acf, maxAwardPence: pence, confirmed: true });
};

/** Changes the first application's title (every laptop lists the same first one). */
async function retitle(page: Page, app: App, projectTitle: string) {
  const { rows } = await callCore<{ rows: { id: string }[] }>(page, app, 'applications.list', {
    sort: 'reference',
    direction: 'asc',
    limit: 1,
  });
  const detail = await callCore<ApplicationDetail>(page, app, 'applications.get', { id: rows[0]?.id });
  await callCore(page, app, 'applications.update', { id: detail.id, application: { ...draftOf(detail), projectTitle } });
}

/** Saves a bundle from the Sync screen; browser mode downloads it, kept at `file` (the USB stick). */
async function exportBundle(page: Page, app: App, file: string, seal: 'none' | 'office') {
  await page.goto(`${app.url}#/sync`);
  await page.getByLabel(seal === 'none' ? 'No protection (no contact details)' : 'Protect with the office key').check();
  const name = await saveDownload(page, 'Save and download bundle', file);
  expect(name).toMatch(seal === 'none' ? /\.gpbundle$/ : /\.gpbundle\.age$/);
  await expect(page.getByRole('status').filter({ hasText: 'Saved and checked' })).toBeVisible({ timeout: 60_000 });
}

async function importBundle(page: Page, app: App, file: string, laptopName: string) {
  await page.goto(`${app.url}#/sync`);
  await chooseFile(page, 'Bundle file', file);
  await page.getByRole('button', { name: 'Check bundle' }).click();
  await expect(page.getByRole('heading', { name: /does not trust its sender yet/ })).toBeVisible({ timeout: 60_000 });
  // Trusting needs a name and the person's word that the fingerprints match.
  await page.getByRole('button', { name: 'Trust this laptop and import' }).click();
  await expect(page.getByRole('alert')).toContainText('Confirm you have compared the key fingerprint');
  await page.getByLabel('Name this laptop').fill(laptopName);
  await page.getByLabel('I have compared the fingerprint and it matches').check();
  await page.getByRole('button', { name: 'Trust this laptop and import' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Imported [\d,]+ new changes?/ })).toBeVisible({ timeout: 60_000 });
}

test('a bundle carries the register to another laptop, and a clash is listed and resolved by a person', async ({ app: office, page }) => {
  // Two instances and five bundles: more than one page's worth of work.
  test.setTimeout(180_000);
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  const panelPage = await page.context().newPage();
  try {
    await callCore(page, office, 'demo.load');
    const officeSession = await callCore<{ device: { fingerprint: string } }>(page, office, 'session.current');

    await page.goto(`${office.url}#/sync`);
    await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
    await expect(page.locator('main').getByText(officeSession.device.fingerprint)).toBeVisible();
    await expectAccessible(page);
    // No path is typed anywhere: the browser downloads the bundle, named for its protection.
    await expect(page.getByLabel('Save the bundle as')).toHaveCount(0);
    await exportBundle(page, office, join(folder, 'office.gpbundle'), 'none');

    await importBundle(panelPage, panel, join(folder, 'office.gpbundle'), 'Office laptop');
    // The other laptop by the name given it here; its key only among the technical details.
    await expect(panelPage.getByRole('status').filter({ hasText: 'from Office laptop (Grants officer)' })).toBeVisible();
    await expect(panelPage.getByRole('row', { name: /^Office laptop/ })).toBeVisible();
    await expect(
      panelPage.getByRole('region', { name: 'Laptops this one trusts' }).first().getByText(officeSession.device.fingerprint),
    ).toBeHidden();
    await expectAccessible(panelPage);
    await panelPage.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(panelPage);
    await panelPage.emulateMedia({ colorScheme: 'light' });
    await panelPage.goto(`${panel.url}#/applications`);
    await expect(panelPage.locator('.register-count')).toContainText('40');

    // Both laptops change the Active Citizens Fund's maximum, and one application's title, differently.
    await setMaximum(page, office, 400_000);
    await setMaximum(panelPage, panel, 300_000);
    await retitle(page, office, 'Office title');
    await retitle(panelPage, panel, 'Panel title');
    // The office key arrives with the office's list of trusted laptops: nobody types age1….
    await saveThroughCore(page, office, 'roster.export', join(folder, 'office.gproster'));
    await openThroughCore(panelPage, panel, 'roster.import', join(folder, 'office.gproster'));
    await panelPage.goto(`${panel.url}#/sync`);
    await expect(panelPage.getByRole('radio', { name: 'Protect with the office key' })).toBeChecked();
    await expect(panelPage.getByText('Only Office laptop can open it.')).toBeVisible();
    await exportBundle(panelPage, panel, join(folder, 'panel.gpbundle.age'), 'office');
    await importBundle(page, office, join(folder, 'panel.gpbundle.age'), 'Coventry panel laptop');

    await expect(page.getByRole('link', { name: /Conflicts\s*2 to resolve/ })).toBeVisible();
    await page.getByRole('link', { name: /Conflicts/ }).click();
    await expect(page.getByText('2 conflicts to resolve.')).toBeVisible();
    const card = page.locator('article.conflict').first();
    await expect(card.getByRole('heading')).toHaveText('Fund: Active Citizens Fund');
    // The office changed it first: its own change is in the register, the panel laptop's waits.
    await expect(card.locator('dl.conflict-sources')).toContainText(/In the register now\s*Your change on this laptop, /);
    await expect(card.locator('dl.conflict-sources')).toContainText(/Not applied\s*Grants officer on Coventry panel laptop, /);
    await expect(card.getByLabel(/^Keep your change on this laptop/)).toBeVisible();
    await expect(card.locator('.conflict-value')).toHaveText(['£4,000.00', '£3,000.00']);
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });

    await card.getByRole('button', { name: 'Resolve conflict' }).click();
    await expect(card.getByRole('alert')).toContainText('Choose which maximum award to keep');
    await card.getByLabel(/^Use Grants officer's version \(Coventry panel laptop\)/).check();
    await card.getByRole('button', { name: 'Resolve conflict' }).click();
    await expect(page.getByText('1 conflict to resolve.')).toBeVisible();

    // The application's own page says it is in conflict, and links to the choice.
    const application = page.locator('article.conflict');
    await expect(application.locator('.conflict-value')).toHaveText(['Office title', 'Panel title']);
    await application.getByRole('heading').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Office title');
    await expect(page.getByRole('status').filter({ hasText: 'Two laptops changed this application differently' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: /Choose which version to keep/ }).click();
    await application.getByLabel(/^Keep your change on this laptop/).check();
    await application.getByRole('button', { name: 'Resolve conflict' }).click();
    await expect(page.getByText('No conflicts to resolve.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Conflicts', exact: true })).toBeVisible();
    const funds = await callCore<Fund[]>(page, office, 'catalogue.funds');
    expect(funds.find((f) => f.id === 'acf')?.maxAwardPence).toBe(300_000);

    // The resolution travels back: the panel laptop ends up with the same maximum and no conflict.
    await exportBundle(page, office, join(folder, 'office-2.gpbundle'), 'none');
    await panelPage.goto(`${panel.url}#/sync`);
    await chooseFile(panelPage, 'Bundle file', join(folder, 'office-2.gpbundle'));
    await panelPage.getByRole('button', { name: 'Check bundle' }).click();
    await panelPage.getByRole('button', { name: 'Import bundle' }).click();
    await expect(panelPage.getByRole('status').filter({ hasText: /Imported [\d,]+ new changes?/ })).toBeVisible({ timeout: 60_000 });
    const panelFunds = await callCore<Fund[]>(panelPage, panel, 'catalogue.funds');
    expect(panelFunds.find((f) => f.id === 'acf')?.maxAwardPence).toBe(300_000);
    expect((await callCore<{ open: number }>(panelPage, panel, 'conflicts.list')).open).toBe(0);
  } finally {
    await panelPage.close();
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the office shares its roster, and a laptop that trusts the office trusts every laptop on it', async ({ app: office, page }) => {
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    const officeKey = (await callCore<{ device: { publicKey: string } }>(page, office, 'session.current')).device.publicKey;
    const walsall = minisignPublicKey(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
    await callCore(page, office, 'devices.trust', { publicKey: walsall, name: 'Walsall panel laptop' });
    await callCore(page, panel, 'devices.trust', { publicKey: officeKey, name: 'Office laptop' });

    await page.goto(`${office.url}#/sync`);
    const saved = await saveDownload(page, 'Save and download the list', join(folder, 'office.gproster'));
    expect(saved).toMatch(/^grantpanel-trusted-laptops-\d{4}-\d{2}-\d{2}\.gproster$/);
    await expect(page.getByRole('status').filter({ hasText: 'listing 2 laptops' })).toBeVisible();

    await page.goto(`${panel.url}#/sync`);
    // Before the list arrives the panel has no office key, and says where it comes from.
    await expect(page.getByText(/The office key comes with the office’s list of trusted laptops/)).toBeVisible();
    await chooseFile(page, 'The office’s list of trusted laptops', join(folder, 'office.gproster'));
    await page.getByRole('button', { name: 'Check the list' }).click();
    const row = page.getByRole('row', { name: /Walsall panel laptop/ });
    await expect(row).toContainText('Not trusted yet');
    // Plain words; fingerprints only under Technical details.
    const section = page.getByRole('region', { name: 'Laptops the office trusts' });
    await expect(section.getByText(/[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/).first()).toBeHidden();
    await expect(section).toContainText('It also brings the office key');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Trust 1 new laptop' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Trusted 1 new laptop' })).toBeVisible();
    await expect(page.getByRole('table').last()).toContainText('Walsall panel laptop');
    // And the office key is now the one bundles are protected with.
    await expect(page.getByText('Only Office laptop can open it.')).toBeVisible();
    await expectAccessible(page);
  } finally {
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a conflict can be resolved with the keyboard alone', async ({ app: office, page }) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    // Set up through the core: two laptops that trust each other, the same fund changed differently.
    const keyOf = async (app: App) => (await callCore<{ device: { publicKey: string } }>(page, app, 'session.current')).device.publicKey;
    await callCore(page, office, 'devices.trust', { publicKey: await keyOf(panel), name: 'Coventry panel laptop' });
    await callCore(page, panel, 'devices.trust', { publicKey: await keyOf(office), name: 'Office laptop' });
    await setMaximum(page, office, 400_000);
    await setMaximum(page, panel, 300_000);
    const file = join(folder, 'panel.gpbundle');
    await saveThroughCore(page, panel, 'bundles.export', file);
    await openThroughCore(page, office, 'bundles.import', file);

    await page.goto(`${office.url}#/conflicts`);
    await expect(page.getByText('1 conflict to resolve.')).toBeVisible();
    const tabTo = async (target: ReturnType<Page['locator']>) => {
      for (let i = 0; i < 25 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
    };
    // Submitting with no choice puts focus on the error summary, whose link leads to the field.
    await tabTo(page.getByRole('button', { name: 'Resolve conflict' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('.error-summary')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(/^Keep your change on this laptop/)).toBeFocused();
    // Arrow keys move between the two versions, choosing as they go.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel(/^Use Grants officer's version \(Coventry panel laptop\)/)).toBeChecked();
    await tabTo(page.getByRole('button', { name: 'Resolve conflict' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('No conflicts to resolve.')).toBeVisible();
    const funds = await callCore<Fund[]>(page, office, 'catalogue.funds');
    expect(funds.find((f) => f.id === 'acf')?.maxAwardPence).toBe(300_000);
  } finally {
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a conflict names both versions by person, laptop and time, says which is in the register and why, and is resolved by keyboard', async ({
  app: office,
  page,
}) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    const keyOf = async (app: App) => (await callCore<{ device: { publicKey: string } }>(page, app, 'session.current')).device.publicKey;
    await callCore(page, office, 'devices.trust', { publicKey: await keyOf(panel), name: 'Coventry panel laptop' });
    await callCore(page, panel, 'devices.trust', { publicKey: await keyOf(office), name: 'Office laptop' });
    await callCore(page, office, 'demo.load');
    const first = join(folder, 'office.gpbundle');
    await saveThroughCore(page, office, 'bundles.export', first);
    await openThroughCore(page, panel, 'bundles.import', first);
    // The issue as found: the panel laptop retitles an application first; this laptop retitles it a
    // little later; then the panel laptop's earlier change arrives here.
    await retitle(page, panel, 'Panel title');
    await retitle(page, office, 'Office title');
    const file = join(folder, 'panel.gpbundle');
    await saveThroughCore(page, panel, 'bundles.export', file);
    await openThroughCore(page, office, 'bundles.import', file);

    const [conflict] = (await callCore<{ conflicts: ConflictSummary[] }>(page, office, 'conflicts.list')).conflicts;
    const { kept, incoming } = conflict!.versions;
    expect(Date.parse(kept!.at)).toBeLessThan(Date.parse(incoming.at));
    await page.goto(`${office.url}#/conflicts`);
    await expect(page.getByText('1 conflict to resolve.')).toBeVisible();
    const card = page.locator('article.conflict');
    await expect(card.getByRole('heading')).toContainText(/^Application: ACF-\d{4}-\d{4}/);
    // The earlier change (the panel laptop's) is in the register until a person chooses: said so.
    const sources = card.locator('dl.conflict-sources');
    await expect(sources.locator('dt')).toHaveText(['In the register now', 'Not applied']);
    await expect(sources.locator('dd')).toHaveText([
      `Grants officer on Coventry panel laptop, ${formatInstant(kept!.at)} — made first`,
      `Your change on this laptop, ${formatInstant(incoming.at)} — made later`,
    ]);
    await expect(sources.locator('dd').first()).toHaveText(/, \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} — made first$/);
    await expect(card).toContainText('The earlier change stays in the register until you choose, the same on every laptop');
    await expect(card.getByRole('group', { name: 'Project title' })).toBeVisible();
    await expect(card.getByLabel(/^Keep Grants officer's version \(Coventry panel laptop\)/)).toBeVisible();
    await expect(card.getByLabel(/^Use your change on this laptop/)).toBeVisible();
    await expect(card.locator('.conflict-value')).toHaveText(['Panel title', 'Office title']);
    await expect(card.getByText('from this laptop')).toHaveCount(0);
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });

    // By keyboard: to the first version, arrow to this laptop's change, Tab to the button, Enter.
    const tabTo = async (target: ReturnType<Page['locator']>) => {
      for (let i = 0; i < 25 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
    };
    await tabTo(card.getByLabel(/^Keep Grants officer's version/));
    await page.keyboard.press('ArrowDown');
    await expect(card.getByLabel(/^Use your change on this laptop/)).toBeChecked();
    await expect(card.getByLabel(/^Use your change on this laptop/)).toBeFocused();
    await tabTo(card.getByRole('button', { name: 'Resolve conflict' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('No conflicts to resolve.')).toBeVisible();
    const detail = await callCore<ApplicationDetail>(page, office, 'applications.get', { id: conflict!.entityId });
    expect(detail.projectTitle).toBe('Office title');
  } finally {
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
