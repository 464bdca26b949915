// Police and Crime Plans in the catalogue: a new plan for a new term, added with its priorities,
// chosen for a round, and its priorities offered on that round's applications; a plan in use
// changed, its priorities' use shown where they are edited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Plan } from '../../shared/domain/catalogue';
import { test, expect, expectAccessible, callCore, openThroughCore, saveThroughCore, startApp, type App } from './fixtures';

const PLAN = 'Police and Crime Plan 2029–2033';

async function open(page: Page, app: App, path: string) {
  await page.goto(`${app.url}#${path}`);
  await expect(page.locator('h1')).toBeVisible();
}

const summary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

test('a new plan for a new term is added with two priorities, chosen for a round, and offered on its applications', async ({
  page,
  app,
}) => {
  await open(page, app, '/catalogue');
  await page.getByRole('button', { name: 'Add plan' }).click();
  const form = page.getByRole('form', { name: 'Add a Police and Crime Plan' });
  await expect(form.getByLabel('Plan name')).toBeFocused();

  // Nothing filled in: every problem listed, each a link to its field.
  await form.getByRole('button', { name: 'Add plan' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText([
    'Enter the plan’s name, like Police and Crime Plan 2029–2033',
    'Enter the plan’s first year, like 2029',
    'Enter the plan’s last year, like 2033',
    'Enter a short code for the priority, like VIOLENCE',
    'Enter the priority as the plan words it',
  ]);
  await summary(page).getByRole('link', { name: 'Enter the priority as the plan words it' }).click();
  await expect(page.locator('#plan-priority-0-title')).toBeFocused();
  await expectAccessible(page);

  await form.getByLabel('Plan name').fill(PLAN);
  await form.getByLabel('First year').fill('2033');
  await form.getByLabel('Last year').fill('2029');
  await page.locator('#plan-priority-0-code').fill('SAFER');
  await page.locator('#plan-priority-0-title').fill('Safer streets and town centres');
  await form.getByRole('button', { name: 'Add another priority' }).click();
  await expect(page.locator('#plan-priority-1-code')).toBeFocused();
  await page.locator('#plan-priority-1-code').fill('safer');
  await page.locator('#plan-priority-1-title').fill('Putting victims first');
  await form.getByRole('button', { name: 'Add plan' }).click();
  await expect(summary(page).getByRole('link')).toHaveText([
    'The plan’s last year must be after its first year',
    'Give each priority its own code: safer is used twice',
  ]);
  await expect(page.locator('#plan-end-year-error')).toContainText('The plan’s last year must be after its first year');
  await expectAccessible(page);

  await form.getByLabel('First year').fill('2029');
  await form.getByLabel('Last year').fill('2033');
  await page.locator('#plan-priority-1-code').fill('VICTIMS');
  await form.getByRole('button', { name: 'Add plan' }).click();
  const plan = page.getByRole('article', { name: PLAN });
  await expect(plan).toContainText('2029 to 2033');
  await expect(plan.getByRole('row')).toHaveText([
    /Code\s*Priority/,
    /SAFER\s*Safer streets and town centres/,
    /VICTIMS\s*Putting victims first/,
  ]);
  await expect(page.getByRole('button', { name: `Edit ${PLAN}` })).toBeFocused();
  await expectAccessible(page);

  // A round for the new term chooses it …
  await open(page, app, '/rounds/new');
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Active Citizens Fund (ACF)' });
  await page.getByLabel('Police and Crime Plan').selectOption({ label: PLAN });
  await page.getByLabel('Round name').fill('Active Citizens Fund 2029–30');
  await page.getByLabel('Opening date').fill('01/10/2029');
  await page.getByLabel('Closing date').fill('18/12/2029');
  await page.getByRole('button', { name: 'Create round' }).click();
  await expect(page.getByRole('row', { name: /Active Citizens Fund 2029–30/ })).toContainText(PLAN);

  // … and its applications are offered the new plan's priorities, and only those.
  await open(page, app, '/applications/new');
  await page.getByLabel('Round', { exact: true }).selectOption({ label: 'Active Citizens Fund 2029–30' });
  const priorities = page.getByRole('group', { name: `Which of the priorities in ${PLAN} does the project support?` });
  await expect(priorities.getByRole('checkbox')).toHaveCount(2);
  await expect(priorities.getByLabel('SAFER — Safer streets and town centres')).toBeVisible();
  await expect(priorities.getByLabel('VICTIMS — Putting victims first')).toBeVisible();
});

test('a plan in use is changed: a chosen priority stays, its use is shown, and leaving a changed form asks first', async ({
  page,
  app,
}) => {
  const questions: string[] = [];
  page.on('dialog', (d) => {
    questions.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.url);
  await callCore(page, app, 'demo.load', {});
  const use = await callCore<Record<string, number>>(page, app, 'catalogue.priorityUse', { planId: 'pcp-2025-2029' });
  const violence = use['pcp-2025-2029:VIOLENCE'] ?? 0;
  expect(violence).toBeGreaterThan(1);

  await open(page, app, '/catalogue');
  await page.getByRole('button', { name: 'Edit Police and Crime Plan 2025–2029' }).click();
  const form = page.getByRole('form', { name: 'Change Police and Crime Plan 2025–2029' });
  await expect(form.getByLabel('Plan name')).toBeFocused();
  const row = form.getByRole('group', { name: 'Priority 2' });
  await expect(row.getByLabel('Code')).toHaveValue('VIOLENCE');
  await expect(row).toContainText(
    `Chosen by ${violence} applications, so it stays in the plan. Rewording it changes it on all ${violence}.`,
  );
  await expect(row.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expectAccessible(page);

  await row.getByLabel('Priority', { exact: true }).fill('Preventing violence');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  await expect.poll(() => questions.length).toBe(1);
  await expect(row.getByLabel('Priority', { exact: true })).toHaveValue('Preventing violence');

  await form.getByRole('button', { name: 'Save plan' }).click();
  // What the rewording changes, said before it is saved.
  const check = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check).toContainText(
    `${violence} applications chose VIOLENCE — Preventing and Tackling Violence; each will show it as VIOLENCE — Preventing violence.`,
  );
  await expectAccessible(page);
  await check.getByRole('button', { name: 'Save these changes' }).click();
  await expect(page.getByRole('article', { name: 'Police and Crime Plan 2025–2029' })).toContainText('Preventing violence');
  expect(questions).toEqual(['Leave this page? What you have entered here is not saved and will be lost.']);
});

test('a plan’s priorities changed differently on two laptops are one conflict, shown in words and resolved', async ({
  app: office,
  page,
}) => {
  test.setTimeout(120_000);
  const panel = await startApp();
  const folder = mkdtempSync(join(tmpdir(), 'grantpanel-usb-'));
  try {
    // Set up through the core: two laptops that trust each other, the same plan's priorities changed apart.
    const keyOf = async (app: App) => (await callCore<{ device: { publicKey: string } }>(page, app, 'session.current')).device.publicKey;
    await callCore(page, office, 'devices.trust', { publicKey: await keyOf(panel), name: 'Coventry panel laptop' });
    await callCore(page, panel, 'devices.trust', { publicKey: await keyOf(office), name: 'Office laptop' });
    const change = async (app: App, edit: (p: Plan) => { code: string; title: string; id?: string }[]) => {
      const plan = (await callCore<Plan[]>(page, app, 'catalogue.plans')).find((p) => p.id === 'pcp-2025-2029')!;
      await callCore(page, app, 'catalogue.savePlan', { ...plan, priorities: edit(plan) });
    };
    await change(office, (p) => p.priorities.map((x) => (x.code === 'ROADS' ? { ...x, title: 'Safer roads' } : x)));
    await change(panel, (p) => [...p.priorities, { code: 'YOUNG', title: 'Young people' }]);
    const file = join(folder, 'panel.gpbundle');
    await saveThroughCore(page, panel, 'bundles.export', file);
    await openThroughCore(page, office, 'bundles.import', file);

    await page.goto(`${office.url}#/conflicts`);
    await expect(page.getByText('1 conflict to resolve.')).toBeVisible();
    const card = page.getByRole('article', { name: 'Police and Crime Plan: Police and Crime Plan 2025–2029' });
    await expect(card.getByRole('link', { name: 'Police and Crime Plan 2025–2029' })).toHaveAttribute('href', '#/catalogue');
    const field = card.getByRole('group', { name: 'Priorities' });
    await expect(field.getByLabel(/^Keep your change on this laptop/)).toBeVisible();
    await expect(card).toContainText('ROADS — Safer roads');
    // One priority to a line; the lines that differ between the two versions are marked.
    await expect(card.locator('mark')).toHaveText([
      'Differs: ROADS — Safer roads',
      'Differs: ROADS — Road and Travel Safety',
      'Differs: YOUNG — Young people',
    ]);
    await expectAccessible(page);
    await field.getByLabel(/^Use .*Coventry panel laptop/).check();
    await card.getByRole('button', { name: 'Resolve conflict' }).click();
    await expect(page.getByText('No conflicts to resolve.')).toBeVisible();
    const plan = (await callCore<Plan[]>(page, office, 'catalogue.plans')).find((p) => p.id === 'pcp-2025-2029')!;
    expect(plan.priorities.map((p) => p.code).at(-1)).toBe('YOUNG');
    expect(plan.priorities.find((p) => p.code === 'ROADS')?.title).toBe('Road and Travel Safety');
  } finally {
    await panel.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
