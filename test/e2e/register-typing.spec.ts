// The register's search as an officer types it: every keystroke kept, the rows following the text,
// and the row links still ordinary links (a new tab opens them).
import type { Page } from '@playwright/test';
import { test, expect, callCore, expectAccessible } from './fixtures';

const search = (page: Page) => page.getByRole('searchbox', { name: /^Search/ });
const count = (page: Page) => page.locator('.register-count');
const bodyRows = (page: Page) => page.locator('table.register tbody tr:not(.register-spacer)');

test('typing with pauses as long as the search waits for keeps every keystroke', async ({ page, app }) => {
  await page.goto(app.url);
  await callCore(page, app, 'demo.load');
  await page.reload();
  await expect(count(page)).toHaveText('Showing 40 applications');

  // A key every 110 ms: the address follows the text between keystrokes, and a keystroke typed
  // while the address was updating used to be overwritten by the older text coming back.
  const typed = 'youth club night';
  await search(page).click();
  await page.keyboard.type(typed, { delay: 110 });
  await expect(search(page)).toHaveValue(typed);
  await expect(page).toHaveURL(/q=youth\+club\+night/);
  // The rows are the core's answer for exactly what was typed.
  const answer = await callCore<{ total: number; rows: { reference: string }[] }>(page, app, 'applications.list', {
    search: typed,
    limit: 100,
  });
  await expect(count(page)).toHaveText(
    answer.total === 0 ? 'Showing 0 applications' : `Showing ${answer.total} application${answer.total === 1 ? '' : 's'}`,
  );

  // Again, replacing the text, with a word that matches: the rows follow.
  await search(page).press('Control+A');
  await page.keyboard.type('football', { delay: 110 });
  await expect(search(page)).toHaveValue('football');
  const football = await callCore<{ total: number; rows: { id: string; reference: string }[] }>(page, app, 'applications.list', {
    search: 'football',
    limit: 100,
  });
  expect(football.total).toBeGreaterThan(0);
  await expect(count(page)).toHaveText(`Showing ${football.total} application${football.total === 1 ? '' : 's'}`);
  await expect(bodyRows(page)).toHaveCount(football.total);
  await expectAccessible(page);

  // Row links are real links to the application, so a new tab or window can open them.
  const first = football.rows[0]!;
  await expect(page.getByRole('link', { name: first.reference })).toHaveAttribute('href', `#/applications/${encodeURIComponent(first.id)}`);
});
