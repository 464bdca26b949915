// Scoring at a panel table, as members do it on one browser-mode laptop, taking turns by Switch
// person: declaring first, scoring blind, submitting, and only then seeing the others' scores; a
// member with an interest kept out; a whole application scored by keyboard alone.
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, callCore } from './fixtures';
import { actAs, setUpPanel, switchTo, type PanelData } from './scoring-data';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const criterion = (page: Page, name: string) => page.locator('fieldset.criterion').filter({ has: page.getByText(name, { exact: false }) });

/** axe in the light theme and the dark one. */
async function expectAccessibleBothThemes(page: Page): Promise<void> {
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
}

/** Presses Tab until the element has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function openPanel(page: Page, app: { url: string }, data: PanelData) {
  await page.goto(`${app.url}#/panels/${data.panelId}`);
  await expect(h1(page)).toHaveText('Coventry NPU panel');
}

/** Scores every criterion of the default rubric by digits and Enter, from the first criterion in focus. */
async function scoreByKeys(page: Page, levels: string[]) {
  for (const level of levels) {
    await page.keyboard.press(level);
    await page.keyboard.press('Enter');
  }
}

test('two members score one application in turn; the second sees the first’s scores only after submitting', async ({ page, app }) => {
  test.setTimeout(180_000);
  const data = await setUpPanel(page, app);
  const first = data.applications[0]!;

  await page.goto(app.url);
  await switchTo(page, 'asha');
  await openPanel(page, app, data);
  const total = data.applications.length;
  await expect(page.getByText(`You have scored 0 of ${total} applications`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: first.reference });
  await expect(row).toContainText('Declare interest');
  await expect(row).toContainText('0 of 3');
  await expectAccessibleBothThemes(page);

  // Declaring comes first: only the reference, organisation and title until then.
  await row.getByRole('link', { name: first.reference }).click();
  await expect(h1(page)).toContainText(first.projectTitle);
  await expect(page.getByRole('group', { name: 'Do you have an interest in this application?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The application' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save my declaration' }).click();
  await expect(page.locator('.error-summary')).toContainText('Say whether you have an interest in this application');
  await expectAccessibleBothThemes(page);
  await page.getByLabel('No, I have no interest in it').check();
  await page.getByRole('button', { name: 'Save my declaration' }).click();

  // The sheet: the key facts beside the criteria, focus on the first criterion, ready for a digit.
  await expect(page.getByRole('heading', { name: 'The application' })).toBeVisible();
  await expect(page.getByText('Amount requested')).toBeVisible();
  await expect(page.locator(':focus')).toHaveAttribute('name', 'level-plan-fit');
  await scoreByKeys(page, ['4', '3', '3', '3', '2', '3', '3', '1']);
  await expect(page.getByRole('button', { name: 'Submit my scores' })).toBeFocused();
  await expect(criterion(page, 'Fit to the Police and Crime Plan priorities').getByRole('status')).toHaveText('Saved');
  await expect(criterion(page, 'Governance adequate').getByRole('radio', { name: 'Passes' })).toBeChecked();
  await expect(page.getByText('8 of 8 answered')).toBeVisible();
  await expectAccessibleBothThemes(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your scores are submitted' })).toBeVisible();
  // Nobody else has scored yet; her own are read-only now.
  await expect(page.getByRole('radio')).toHaveCount(0);
  const table = page.locator('table.panel-scores');
  await expect(table.getByRole('row').filter({ hasText: 'Ben Okafor' }).first()).toContainText('Not scored');
  await expectAccessibleBothThemes(page);

  // Ben, on the same laptop: Asha's scores are nowhere until he submits.
  await switchTo(page, 'ben');
  await page.goto(`${app.url}#/score/${first.id}`);
  await page.getByLabel('No, I have no interest in it').check();
  await page.getByRole('button', { name: 'Save my declaration' }).click();
  await expect(page.getByRole('heading', { name: 'Your scores' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Asha Begum');
  await expect(page.locator('table.panel-scores')).toHaveCount(0);
  const sheet = await callCore<{ others: unknown }>(page, app, 'scoring.sheet', { applicationId: first.id });
  expect(sheet.others).toBeNull();

  // A 5 needs a comment: submitting without one says so, linked to the comment box.
  await scoreByKeys(page, ['5']);
  await scoreByKeys(page, ['3', '3', '3', '3', '3', '3', '1']);
  await page.getByRole('button', { name: 'Submit my scores' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Say why Fit to the Police and Crime Plan priorities scores 5');
  await expect(criterion(page, 'Fit to the Police and Crime Plan priorities').locator('.field-error')).toBeVisible();
  await expectAccessibleBothThemes(page);
  await summary.getByRole('link', { name: /Say why Fit to the Police/ }).click();
  await expect(page.getByLabel('Comment on Fit to the Police and Crime Plan priorities')).toBeFocused();
  await page.keyboard.type('Central to violence reduction in the ward.');
  await page.getByRole('button', { name: 'Submit my scores' }).click();
  await expect(page.getByRole('heading', { name: 'Your scores are submitted' })).toBeFocused();

  // Now he sees Asha's, and his own, read-only.
  const asha = page.locator('table.panel-scores tbody').first().getByRole('row').filter({ hasText: 'Asha Begum' });
  await expect(asha).toContainText('4');
  const mine = page.locator('table.panel-scores tbody').first().getByRole('row').filter({ hasText: 'You' });
  await expect(mine).toContainText('Central to violence reduction in the ward.');

  // The officer reads how many have submitted; Ben's progress counts it.
  await openPanel(page, app, data);
  await expect(page.getByText(`You have scored 1 of ${total} applications`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: first.reference })).toContainText('Submitted');
  await expect(page.getByRole('row').filter({ hasText: first.reference })).toContainText('2 of 3');

  // The grants officer reads: submissions per application, every member's scores, no sheet to fill in.
  await actAs(page, app, data, 'officer');
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Signed in as Grants officer');
  await openPanel(page, app, data);
  await expect(page.getByRole('columnheader', { name: 'Your part' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: first.reference })).toContainText('2 of 3');
  await page.getByRole('link', { name: first.reference }).click();
  await expect(page.getByRole('note')).toHaveText('Only the panel’s members score applications.');
  await expect(page.getByRole('radio')).toHaveCount(0);
  const tableRows = page.locator('table.panel-scores tbody').first().getByRole('row');
  await expect(tableRows.filter({ hasText: 'Asha Begum' })).toContainText('4');
  await expect(tableRows.filter({ hasText: 'Ben Okafor' })).toContainText('5');
  await expectAccessibleBothThemes(page);
});

test('a member with an interest cannot open the scoring sheet: they see that they take no part', async ({ page, app }) => {
  test.setTimeout(120_000);
  const data = await setUpPanel(page, app);
  const first = data.applications[0]!;
  await page.goto(app.url);
  await switchTo(page, 'chris');
  await page.goto(`${app.url}#/score/${first.id}`);
  await page.getByLabel('Yes, I have an interest').check();
  await page.getByRole('button', { name: 'Save my declaration' }).click();
  await expect(page.locator('.error-summary')).toContainText('Say what the interest is');
  await page.locator('.error-summary').getByRole('link', { name: 'Say what the interest is' }).click();
  await expect(page.getByLabel('What is the interest?')).toBeFocused();
  await page.keyboard.type('My sister chairs the organisation.');
  await page.getByRole('button', { name: 'Save my declaration' }).click();

  await expect(page.getByRole('heading', { name: 'You take no part in this application' })).toBeVisible();
  await expect(page.getByText('My sister chairs the organisation.')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'The application' })).toHaveCount(0);
  await expectAccessibleBothThemes(page);
  // Opened again by its address: still only the statement, and the core refuses a score.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'You take no part in this application' })).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(
    callCore(page, app, 'scoring.enter', { applicationId: first.id, criterionId: 'need', level: 3, comment: '' }),
  ).rejects.toThrow(/declared an interest/);
  await openPanel(page, app, data);
  await expect(page.getByRole('row').filter({ hasText: first.reference })).toContainText('Interest declared');
  await expect(page.getByText(`You have scored 0 of ${data.applications.length - 1} applications`)).toBeVisible();
});

test('one application scored by keyboard alone: digits, Tab and Enter, a comment, submitted by keyboard', async ({ page, app }) => {
  test.setTimeout(120_000);
  const data = await setUpPanel(page, app);
  const [, second, third] = data.applications;
  await page.goto(app.url);
  await switchTo(page, 'asha');
  await page.goto(`${app.url}#/score/${second!.id}`);
  await expect(h1(page)).toBeFocused();

  // Declare by keyboard.
  await tabTo(page, page.getByLabel('No, I have no interest in it'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save my declaration' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Focus lands on the first criterion. 0 needs a comment: Tab goes into it, then on.
  await expect(page.locator(':focus')).toHaveAttribute('name', 'level-plan-fit');
  await page.keyboard.press('0');
  await expect(criterion(page, 'Fit to the Police').getByRole('radio', { name: '0', exact: true })).toBeChecked();
  await expect(criterion(page, 'Fit to the Police').locator('.descriptor')).toContainText('No link to the round’s priorities.');
  await expect(criterion(page, 'Fit to the Police').locator('.comment-required')).toHaveText('(needed at this level)');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Comment on Fit to the Police and Crime Plan priorities')).toBeFocused();
  // Keys typed in a comment are the comment's: 2, N and P type, they neither score nor move.
  await page.keyboard.type('No link to 2 priorities. Not now.');
  await expect(page.getByLabel('Comment on Fit to the Police and Crime Plan priorities')).toHaveValue('No link to 2 priorities. Not now.');
  await expect(h1(page)).toContainText(second!.projectTitle);
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('name', 'level-need');

  // A 3 needs no comment: Tab goes straight to the next criterion; Shift+Tab comes back.
  await page.keyboard.press('3');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('name', 'level-outcomes');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedId(page)).toBe('level-need-3');
  // Arrow keys move within the levels, as radio buttons do; a digit beats them.
  await page.keyboard.press('ArrowRight');
  await expect(criterion(page, 'Evidence of local need').getByRole('radio', { name: '4', exact: true })).toBeChecked();
  await page.keyboard.press('2');
  await expect(criterion(page, 'Evidence of local need').getByRole('radio', { name: '2', exact: true })).toBeChecked();
  await page.keyboard.press('Enter');
  await scoreByKeys(page, ['3', '2', '4', '3', '4']);
  await expect(page.locator(':focus')).toHaveAttribute('name', 'level-governance');
  await page.keyboard.press('1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Submit my scores' })).toBeFocused();
  await expect(criterion(page, 'Governance adequate').getByRole('status')).toHaveText('Saved');
  // Every score was saved as it was entered: the core holds them before submitting.
  const sheet = await callCore<{ mine: { criterionId: string; level: number; comment: string }[] }>(page, app, 'scoring.sheet', {
    applicationId: second!.id,
  });
  expect(Object.fromEntries(sheet.mine.map((s) => [s.criterionId, s.level]))).toEqual({
    'plan-fit': 0,
    need: 2,
    outcomes: 3,
    value: 2,
    sustainability: 4,
    reach: 3,
    deliverability: 4,
    governance: 1,
  });
  expect(sheet.mine.find((s) => s.criterionId === 'plan-fit')?.comment).toBe('No link to 2 priorities. Not now.');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your scores are submitted' })).toBeFocused();

  // N opens the next application, outside a text field.
  await page.keyboard.press('n');
  await expect(h1(page)).toContainText(third!.projectTitle);
  await page.keyboard.press('p');
  await expect(h1(page)).toContainText(second!.projectTitle);
});
