// Setting up a round's panels, as a grants officer does it: adopt the suggested rubric (after
// changing a weight), add a panel with two members and a chair, move an application to another
// panel and back, and type in a member's paper score sheet by keyboard — each screen checked with
// axe in the light theme and the dark one.
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, expectAccessible, callCore, saveDownload, type App } from './fixtures';

const PASS = 'a long enough first passphrase';
const ROUND = 'Active Citizens Fund 2026–27 (demo)';

async function expectAccessibleBothThemes(page: Page): Promise<void> {
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const summary = (page: Page) => page.locator('.error-summary');
const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

async function setUp(page: Page, app: App) {
  await page.goto(app.url);
  const { roundId } = await callCore<{ roundId: string }>(page, app, 'demo.load', {});
  const people: Record<string, string> = {};
  for (const [name, roles] of [
    ['Asha Patel', ['panel-member']],
    ['Ben Okafor', ['panel-member']],
    ['Chris Doyle', ['panel-chair', 'panel-member']],
  ] as const)
    people[name] = (await callCore<{ id: string }>(page, app, 'people.add', { name, roles, areas: [], passphrase: PASS })).id;
  return { roundId, people };
}

test('the officer sets up the rubric and a panel, moves an application and back, prints a sheet and types it in', async ({
  page,
  app,
}, info) => {
  test.setTimeout(180_000);
  const { roundId, people } = await setUp(page, app);

  // The rubric: the suggested one, from the round's row on the Rounds screen.
  await page.goto(`${app.url}#/rounds`);
  await page.getByRole('link', { name: `Rubric for ${ROUND}` }).click();
  await expect(h1(page)).toHaveText(`Rubric for ${ROUND}`);
  await expect(page.getByRole('note', { name: 'Suggested rubric' })).toContainText('This round has no rubric yet');
  await expectAccessibleBothThemes(page);
  const need = page.getByRole('group', { name: 'Criterion 2: Evidence of local need' });
  // Weights 3, 2, 2, 2, 1, 1, 1: need is 2 of 12.
  await expect(need.getByText('16.7% of the total weight')).toBeVisible();
  await need.getByLabel('Weight').fill('4');
  await expect(need.getByText('28.6% of the total weight')).toBeVisible();

  // A problem is listed at the top, says where it is, and leads to its field.
  const fit = page.getByRole('group', { name: /^Criterion 1/ });
  await fit.getByLabel('Name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Use this rubric' }).click();
  await expect(summary(page)).toBeFocused();
  await summary(page).getByRole('link', { name: 'Criterion 1: Enter the criterion name' }).click();
  await expect(fit.getByLabel('Name', { exact: true })).toBeFocused();
  await expectAccessible(page);
  await fit.getByLabel('Name', { exact: true }).fill('Fit to the Police and Crime Plan priorities');
  await page.getByRole('button', { name: 'Use this rubric' }).click();
  await expect(notice(page, `Rubric set for ${ROUND}`)).toBeVisible();
  await expect(page.getByText('Version 1. No one has scored against it yet')).toBeVisible();
  const saved = await callCore<{ rubric: { version: number; criteria: { id: string; weight: number }[] } }>(page, app, 'rubrics.get', {
    roundId,
  });
  expect(saved.rubric.version).toBe(1);
  expect(saved.rubric.criteria.find((c) => c.id === 'need')?.weight).toBe(4);

  // A panel: Coventry, with two members, one of them its chair.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Panels' }).click();
  await expect(h1(page)).toHaveText('Panels');
  await expect(page.getByRole('heading', { name: 'No panels yet' })).toBeVisible();
  await page.getByRole('link', { name: 'Add a panel' }).first().click();
  await expect(h1(page)).toHaveText('Add a panel');
  await expectAccessibleBothThemes(page);
  await page.getByRole('button', { name: 'Add panel' }).click();
  await expect(summary(page)).toContainText('Enter the panel’s name');
  await expect(summary(page)).toContainText('Choose at least one area');
  await expect(summary(page)).toContainText('Choose at least one member');
  await expectAccessible(page);
  await page.getByLabel('Panel name').fill('Coventry NPU panel');
  await page.getByRole('group', { name: 'Areas' }).getByLabel('Coventry').check();
  const members = page.getByRole('group', { name: 'Members' });
  await members.getByLabel('Asha Patel').check();
  await members.getByLabel('Chris Doyle (can chair)').check();
  await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'Chris Doyle' });
  await page.getByLabel('Quorum').fill('2');
  await page.getByRole('button', { name: 'Add panel' }).click();
  await expect(notice(page, 'Coventry NPU panel added')).toBeVisible();
  await expect(h1(page)).toHaveText('Panels');
  const row = page.getByRole('row', { name: /Coventry NPU panel/ });
  await expect(row).toContainText('Chris Doyle');
  await expect(row).toContainText('Asha Patel, Chris Doyle');
  await expectAccessibleBothThemes(page);

  // Another panel to move to; then an application from Coventry, moved there and back.
  await callCore(page, app, 'panels.save', {
    roundId,
    name: 'Birmingham panel',
    chairId: null,
    quorum: 1,
    areaIds: ['birmingham'],
    memberIds: [people['Ben Okafor']],
  });
  const { rows } = await callCore<{ rows: { id: string; reference: string }[] }>(page, app, 'applications.list', {
    roundId,
    areaId: 'coventry',
  });
  const application = rows[0]!;
  await page.goto(`${app.url}#/applications/${application.id}`);
  const panel = page.getByRole('region', { name: 'Panel', exact: true });
  await expect(panel).toContainText('Coventry NPU panel (the panel for its area)');
  await expectAccessibleBothThemes(page);
  await panel.getByRole('combobox', { name: 'Move to another panel' }).selectOption({ label: 'Birmingham panel' });
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(notice(page, 'Now scored by Birmingham panel')).toBeVisible();
  await expect(panel).toContainText('Birmingham panel (moved to it by hand)');
  await panel.getByRole('button', { name: 'Back to its area’s panel (Coventry NPU panel)' }).click();
  await expect(panel).toContainText('Coventry NPU panel (the panel for its area)');
  await expect(panel.getByRole('button', { name: /Back to its area/ })).toHaveCount(0);

  // The blank score sheet printed for this application: the PDF holds its reference, every
  // criterion with its levels, and the declaration; its first page is turned to an image.
  const sheetPath = join(info.outputDir, 'score-sheet.pdf');
  expect(await saveDownload(page, 'Print a blank score sheet (PDF)', sheetPath)).toBe(
    `score-sheet-${application.reference.toLowerCase()}.pdf`,
  );
  await expect(notice(page, 'Saved the score sheet')).toBeVisible();
  const sheetText = pdfText(sheetPath);
  expect(sheetText).toContain(application.reference);
  expect(sheetText).toContain('Fit to the Police and Crime Plan priorities');
  expect(sheetText).toContain('Governance adequate');
  expect(sheetText).toMatch(/no interest/i);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', sheetPath, join(info.outputDir, 'score-sheet')]);
  expect(readdirSync(info.outputDir).some((f) => /^score-sheet-1\.png$/.test(f))).toBe(true);

  // Asha's paper sheet, typed in by keyboard.
  await panel.getByRole('link', { name: 'Type in a paper score sheet' }).click();
  await expect(h1(page)).toHaveText('Type in a paper score sheet');
  await expectAccessibleBothThemes(page);
  await page.getByLabel('Whose sheet is it?').selectOption({ label: 'Asha Patel' });
  await page.getByLabel('No interest in this application').check();
  // Submitting half a sheet saves nothing and lists each criterion still to score.
  await page.getByRole('button', { name: 'Submit the sheet' }).click();
  await expect(summary(page)).toContainText('Score Fit to the Police and Crime Plan priorities');
  await expect(summary(page)).toContainText('Say whether Governance adequate: passes or fails');
  await summary(page).getByRole('link', { name: 'Score Evidence of local need' }).click();
  const needScore = page.getByRole('group', { name: '2. Evidence of local need' }).getByLabel('Score (0 to 5)');
  await expect(needScore).toBeFocused();
  await expectAccessible(page);

  // A digit, Tab to its comment, Tab to the next score: 4s need no comment.
  await page.getByRole('group', { name: '1. Fit to the Police and Crime Plan priorities' }).getByLabel('Score (0 to 5)').focus();
  for (let i = 0; i < 7; i++) {
    await page.keyboard.type(i === 0 ? '5' : '4');
    if (i === 0) await expect(page.getByText('5: Central to the priorities')).toBeVisible();
    await page.keyboard.press('Tab');
    if (i === 0) await page.keyboard.type('Exactly what the plan asks for');
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('radio', { name: 'Passes' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Submit the sheet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(notice(page, 'Asha Patel’s sheet typed in and submitted')).toBeVisible();
  await expect(page.getByLabel('Whose sheet is it?')).toBeFocused();
  await expect(page.getByLabel('Whose sheet is it?')).toHaveValue('');

  const sheet = await callCore<{
    others: { name: string; submitted: boolean; typedBy: string; scores: { criterionId: string; level: number }[] }[];
  }>(page, app, 'scoring.sheet', { applicationId: application.id });
  const asha = sheet.others.find((m) => m.name === 'Asha Patel');
  expect(asha).toMatchObject({ submitted: true, typedBy: 'Grants officer' });
  expect(asha?.scores.find((s) => s.criterionId === 'plan-fit')?.level).toBe(5);
  expect(asha?.scores.find((s) => s.criterionId === 'governance')?.level).toBe(1);

  // The whole panel's pack, with Chris's name on every sheet, from the panel's page.
  await page.goto(`${app.url}#/panels`);
  await page.getByRole('link', { name: 'Coventry NPU panel', exact: true }).click();
  const paper = page.getByRole('region', { name: 'Paper score sheets' });
  await expect(paper).toBeVisible();
  await expectAccessibleBothThemes(page);
  await paper.getByLabel('Name on the sheets').selectOption({ label: 'Chris Doyle' });
  const packPath = join(info.outputDir, 'pack.pdf');
  expect(await saveDownload(page, 'Print the panel pack (PDF)', packPath)).toBe('panel-pack-coventry-npu-panel-chris-doyle.pdf');
  const pack = pdfText(packPath);
  expect(pack).toContain('Panel pack: Coventry NPU panel');
  expect(pack).toContain('Chris Doyle');
  expect(pack).toContain(application.reference);
});

test('once scoring has begun, a change of weight is saved as the next version only when the officer says so', async ({ page, app }) => {
  const { roundId, people } = await setUp(page, app);
  const suggested = (await callCore<{ suggested: unknown }>(page, app, 'rubrics.get', { roundId })).suggested;
  await callCore(page, app, 'rubrics.save', { roundId, content: suggested });
  const chris = (await callCore<{ id: string; name: string }[]>(page, app, 'people.list', {})).find((p) => p.name === 'Chris Doyle')!;
  await callCore(page, app, 'panels.save', {
    roundId,
    name: 'Coventry NPU panel',
    chairId: null,
    quorum: 1,
    areaIds: ['coventry'],
    memberIds: [chris.id],
  });
  const { rows } = await callCore<{ rows: { id: string }[] }>(page, app, 'applications.list', { roundId, areaId: 'coventry' });
  await callCore(page, app, 'scoring.fromPaper', {
    applicationId: rows[0]!.id,
    memberId: chris.id,
    interest: false,
    scores: [{ criterionId: 'need', level: 3 }],
    submit: false,
  });

  await page.goto(`${app.url}#/rounds/${roundId}/rubric`);
  await expect(page.getByRole('note', { name: 'Scoring has begun' })).toContainText('makes version 2');
  await page.getByRole('group', { name: 'Criterion 2: Evidence of local need' }).getByLabel('Weight').fill('3');
  await page.getByRole('button', { name: 'Save the rubric' }).click();
  const check = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check).toContainText('makes version 2');
  await expectAccessibleBothThemes(page);
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(notice(page, 'Rubric saved (version 2)')).toBeVisible();
  const now = await callCore<{ rubric: { version: number } }>(page, app, 'rubrics.get', { roundId });
  expect(now.rubric.version).toBe(2);

  // A panel member sees only the panels they sit on, and reads the rubric without changing it.
  await callCore(page, app, 'panels.save', {
    roundId,
    name: 'Dudley panel',
    chairId: null,
    quorum: 1,
    areaIds: ['dudley'],
    memberIds: [people['Ben Okafor']],
  });
  await callCore(page, app, 'session.signOut', {});
  await callCore(page, app, 'session.signIn', { personId: chris.id, passphrase: PASS });
  await callCore(page, app, 'session.changePassphrase', { current: PASS, next: 'violet tuesday compass meadow' });
  await page.goto(`${app.url}#/panels`);
  await expect(h1(page)).toHaveText('Panels');
  await expect(page.getByRole('link', { name: 'Coventry NPU panel' })).toHaveAttribute('href', /#\/panels\//);
  await expect(page.getByText('Dudley panel')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Add a panel' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Change/ })).toHaveCount(0);
  await expectAccessibleBothThemes(page);
  await page.goto(`${app.url}#/rounds/${roundId}/rubric`);
  await expect(page.getByText('Version 2.')).toBeVisible();
  await expect(page.getByRole('heading', { name: '2. Evidence of local need' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Save/ })).toHaveCount(0);
  await expectAccessibleBothThemes(page);
});
