// People and signing in, as people use them: the first run sets up the grants officer, who adds a
// panel member; the two take turns on one laptop; each sees only what their role allows; the laptop
// locks and unlocks by keyboard, and locks itself when nobody is at it.
import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, callCore, chooseFile, saveThroughCore, startApp, OFFICER_PASSPHRASE } from './fixtures';

/** axe in the light theme and the dark one. */
async function expectAccessibleBothThemes(page: Page): Promise<void> {
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
}

/** Presses Tab until the element has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const topBar = (page: Page) => page.getByRole('banner');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

const OFFICER = { name: 'Asha Patel', passphrase: 'kettle lantern orchard harbour' };
const MEMBER = { name: 'Sam Jones', first: 'given to sam at the hall', own: 'violet tuesday compass meadow' };

test.describe('a new laptop', () => {
  test.use({ setUpLaptop: false });

  test('the officer sets it up, adds a panel member, and the two take turns; each sees only their role’s screens', async ({
    app,
    page,
  }) => {
    // First run: set up this laptop.
    await page.goto(app.url);
    await expect(h1(page)).toHaveText('Set up this laptop');
    await expect(page.getByText('At least 12 characters, or three words or more. Avoid common passwords.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try the demo instead' })).toBeVisible();
    await expect(nav(page)).toHaveCount(0);
    await expectAccessibleBothThemes(page);

    await page.getByLabel('Your name').fill(OFFICER.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(OFFICER.passphrase);
    await page.getByLabel('Confirm passphrase').fill('something else entirely');
    await page.getByRole('button', { name: 'Set up this laptop' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('The passphrases do not match');
    await summary.getByRole('link', { name: /do not match/ }).click();
    await expect(page.getByLabel('Confirm passphrase')).toBeFocused();
    await expectAccessible(page);
    await page.getByLabel('Confirm passphrase').fill(OFFICER.passphrase);
    await page.getByRole('button', { name: 'Set up this laptop' }).click();

    await expect(topBar(page)).toContainText(`Signed in as ${OFFICER.name} (Grants officer)`);
    await expect(h1(page)).toHaveText('Applications');
    await callCore(page, app, 'demo.load');

    // The officer adds a panel member on the People screen.
    await nav(page).getByRole('link', { name: 'People' }).click();
    await expect(h1(page)).toHaveText('People');
    await expectAccessibleBothThemes(page);
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.locator('.error-summary')).toContainText('Enter the person’s name');
    await expect(page.locator('.error-summary')).toContainText('Choose at least one role');
    await page.getByLabel('Name', { exact: true }).fill(MEMBER.name);
    await page.getByRole('checkbox', { name: 'Panel member' }).check();
    await page.getByLabel('First passphrase', { exact: true }).fill(MEMBER.first);
    await page.getByLabel('Confirm first passphrase').fill(MEMBER.first);
    await expectAccessibleBothThemes(page);
    await page.getByRole('button', { name: 'Add person' }).click();
    const row = page.getByRole('row', { name: new RegExp(MEMBER.name) });
    await expect(row).toContainText('Panel member');
    await expect(row).toContainText('Every area');
    await expect(row).toContainText('Can sign in here');
    await expect(row).toContainText('Must choose a new passphrase');

    // Switch person: the panel member signs in with the passphrase they were given, and must choose their own.
    await topBar(page).getByRole('button', { name: 'Switch person' }).click();
    await expect(h1(page)).toHaveText('Sign in');
    await expect(page.getByRole('main')).not.toContainText('Load demo round');
    await expectAccessibleBothThemes(page);
    await page.getByRole('radio', { name: MEMBER.name }).check();
    await page.getByLabel('Passphrase', { exact: true }).fill(MEMBER.first);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(h1(page)).toHaveText('Choose a new passphrase');
    await expect(nav(page)).toHaveCount(0);
    await expectAccessibleBothThemes(page);
    await page.getByLabel('The passphrase you were given').fill(MEMBER.first);
    await page.getByLabel('New passphrase', { exact: true }).fill(MEMBER.own);
    await page.getByLabel('Confirm new passphrase').fill(MEMBER.own);
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // The panel member reads the register, without what only grants officers do.
    await expect(topBar(page)).toContainText(`Signed in as ${MEMBER.name} (Panel member)`);
    await expect(h1(page)).toHaveText('Applications');
    for (const hidden of ['People', 'Sync', 'Import']) await expect(nav(page).getByRole('link', { name: hidden })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'Rounds' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New application' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Import applications' })).toHaveCount(0);

    // Not on a panel that scores it, and nothing declared: the register's row, not the application in full.
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page.getByRole('status')).toContainText('reads an application in full from their panel, after declaring');
    await expect(page.getByRole('link', { name: 'Edit application' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Withdraw application' })).toHaveCount(0);

    await nav(page).getByRole('link', { name: 'Catalogue' }).click();
    await expect(h1(page)).toHaveText('Catalogue');
    await expect(page.getByRole('button', { name: /^Edit|^Add/ })).toHaveCount(0);

    await page.goto(`${app.url}#/people`);
    await expect(h1(page)).toHaveText('You don’t have access to this page');
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Lock by keyboard: only who locked it shows; unlock by keyboard.
    await tabTo(page, topBar(page).getByRole('button', { name: 'Lock' }));
    await page.keyboard.press('Enter');
    await expect(h1(page)).toHaveText('This laptop is locked');
    await expect(page.getByRole('main')).toContainText(`Locked by ${MEMBER.name}.`);
    await expect(nav(page)).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Applications');
    await expectAccessibleBothThemes(page);
    await tabTo(page, page.getByLabel(`${MEMBER.name}’s passphrase`));
    await page.keyboard.type(MEMBER.own);
    await page.keyboard.press('Enter');
    await expect(h1(page)).toHaveText('You don’t have access to this page');
    await expect(topBar(page)).toContainText(`Signed in as ${MEMBER.name}`);

    // Back to the officer, who sees the member has chosen their own passphrase.
    await topBar(page).getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('radio', { name: OFFICER.name }).check();
    await page.getByLabel('Passphrase', { exact: true }).fill(OFFICER.passphrase);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(topBar(page)).toContainText(`Signed in as ${OFFICER.name}`);
    await expect(h1(page)).toHaveText('Applications');
    await nav(page).getByRole('link', { name: 'People' }).click();
    await expect(page.getByRole('row', { name: new RegExp(MEMBER.name) })).not.toContainText('Must choose a new passphrase');
  });
});

test('a laptop locks itself when nobody is at it, and a refused call shows the lock screen', async ({ app, page }) => {
  await page.clock.install();
  await callCore(page, app, 'session.setIdleLock', { minutes: 1 });
  await page.goto(app.url);
  await expect(h1(page)).toHaveText('Applications');
  await page.clock.fastForward('00:50');
  await page.mouse.move(10, 10);
  await page.clock.fastForward('00:50');
  await expect(h1(page)).toHaveText('Applications');
  await page.clock.fastForward('01:01');
  await expect(h1(page)).toHaveText('This laptop is locked');
  await expect(page.getByRole('main')).toContainText('Locked by Grants officer.');

  // A wrong passphrase is shown in the error summary, linked to its field.
  await page.getByLabel('Grants officer’s passphrase').fill('not the right one at all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.locator('.error-summary')).toContainText('That passphrase is not right for Grants officer.');
  await page.getByLabel('Grants officer’s passphrase').fill(OFFICER_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(h1(page)).toHaveText('Applications');

  // Locked elsewhere (another window): the next call answers SIGNED_OUT and the lock screen shows.
  await callCore(page, app, 'session.lock');
  await nav(page).getByRole('link', { name: 'People' }).click();
  await expect(h1(page)).toHaveText('This laptop is locked');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a person changes their own passphrase in Settings, and signs in with the new one', async ({ app, page }) => {
  await page.goto(app.url);
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(h1(page)).toHaveText('Settings');
  const section = page.getByRole('region', { name: 'Your passphrase' });
  await section.getByLabel('Your current passphrase').fill('not my passphrase at all');
  await section.getByLabel('New passphrase', { exact: true }).fill('river otter lantern dawn');
  await section.getByLabel('Confirm new passphrase').fill('river otter lantern dawn');
  await section.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.locator('.error-summary')).toContainText('Your current passphrase is not right.');
  await section.getByLabel('Your current passphrase').fill(OFFICER_PASSPHRASE);
  await section.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(section.getByRole('status')).toContainText('Your passphrase is changed.');
  await expectAccessibleBothThemes(page);

  await topBar(page).getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Grants officer’s passphrase').fill(OFFICER_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.locator('.error-summary')).toContainText('That passphrase is not right');
  await page.getByLabel('Grants officer’s passphrase').fill('river otter lantern dawn');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(h1(page)).toHaveText('Settings');
});

test('a new laptop joins the office with its roster and protected bundle, and the office’s people sign in there', async ({ app, page }) => {
  test.setTimeout(120_000);
  const office = app;
  const member = await callCore<{ id: string }>(page, office, 'people.add', {
    name: MEMBER.name,
    roles: ['panel-member'],
    areas: [],
    passphrase: MEMBER.first,
  });
  const usb = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  await saveThroughCore(page, office, 'roster.export', join(usb, 'office.gproster'));
  await saveThroughCore(page, office, 'bundles.export', join(usb, 'office.gpbundle.age'), { passphrase: 'read out at the hall door' });
  const { device } = await callCore<{ device: { fingerprint: string } }>(page, office, 'session.current');

  const hall = await startApp(undefined, { setUp: false });
  try {
    await page.goto(hall.url);
    await expect(h1(page)).toHaveText('Set up this laptop');
    await page.getByRole('button', { name: 'Join an office' }).click();
    await expect(h1(page)).toHaveText('Join an office');
    // Everything missing is listed at once.
    await page.getByRole('button', { name: 'Join the office' }).click();
    await expect(page.locator('.error-summary')).toContainText('Choose the office’s roster file');
    await chooseFile(page, 'The office’s roster', join(usb, 'office.gproster'));
    await expect(page.getByRole('main')).toContainText(device.fingerprint);
    await chooseFile(page, 'The office’s protected bundle', join(usb, 'office.gpbundle.age'));
    await page.getByLabel('The bundle’s password').fill('read out at the hall door');
    await page.getByRole('button', { name: 'Join the office' }).click();
    await expect(page.locator('.error-summary')).toContainText('Compare the fingerprint with the office');
    await expectAccessibleBothThemes(page);
    await page.getByLabel('I have compared the fingerprint and it matches').check();
    await page.getByRole('button', { name: 'Join the office' }).click();
    // Opening a protected bundle is slow by design (scrypt, about 2 s on a quiet laptop); on a busy
    // CI machine, with the import after it, it has taken more than the usual 10 s.
    await expect(h1(page)).toHaveText('Sign in', { timeout: 60_000 });
    await page.getByLabel(new RegExp(MEMBER.name)).check();
    await page.getByLabel('Passphrase', { exact: true }).fill(MEMBER.first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(h1(page)).toHaveText('Choose a new passphrase');
    expect(member.id).toMatch(/^person-/);
  } finally {
    await hall.stop();
  }
});
