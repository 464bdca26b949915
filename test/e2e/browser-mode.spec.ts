// Browser mode as a person uses it: a link opened in a new tab is the same session, and a page
// opened without the address GrantPanel printed says once, in one line, how to open the app.
import { test, expect, expectAccessible, callCore } from './fixtures';

test('an application opened in a new tab shows, and a tab without the access token says once how to open the app', async ({
  app,
  page,
  browser,
}) => {
  await page.goto(app.url);
  await callCore(page, app, 'demo.load', {});
  const { rows } = await callCore<{ rows: { id: string; reference: string }[] }>(page, app, 'applications.list', { limit: 1 });
  const [first] = rows;
  const address = `${new URL(app.url).origin}/#/applications/${first!.id}`;

  // Opened in a new tab of the same browser, without the token in its address.
  const tab = await page.context().newPage();
  await tab.goto(address);
  await expect(tab.getByRole('main')).toContainText(first!.reference);
  await expect(tab.getByRole('heading', { level: 1 })).not.toHaveText(/not found/);
  await expect(tab.getByRole('alert')).toHaveCount(0);
  await expectAccessible(tab);

  // A browser that never opened the printed address: one message, and no claim the application is missing.
  const stranger = await browser.newContext();
  const elsewhere = await stranger.newPage();
  await elsewhere.goto(address);
  await expect(elsewhere.getByRole('alert')).toHaveCount(1);
  await expect(elsewhere.getByRole('alert')).toContainText('open the address GrantPanel printed when it started');
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText('Application');
  await expectAccessible(elsewhere);
  await stranger.close();
});
