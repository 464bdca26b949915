// Statuses (issue 12): on the demo laptop the Walsall applications are Recommended; the Chief
// Executive approves one and it is Approved; the grants officer records the offer sent (a day to
// come refused in the error-summary pattern) and it is Offered, then the signed acceptance and it
// is Accepted. The register filters by stage, kept in the address.
import { switchToDemo } from './demo-people';
import { test, expect, expectAccessibleLightAndDark, callCore } from './fixtures';

test.use({ setUpLaptop: false });

/** Today as the UK clock shows it, typed and as the app shows it. */
function today(): { typed: string; shown: string; tomorrow: string } {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);
  const parts = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const typed = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(d);
  const now = parts(day(0));
  return { typed: typed(day(0)), shown: `${now.day} ${now.month} ${now.year}`, tomorrow: typed(day(1)) };
}

test('Walsall’s applications go from Recommended to Approved, Offered and Accepted; the register filters by stage', async ({
  page,
  app,
}) => {
  test.setTimeout(150_000);
  await page.goto(app.url);
  await callCore(page, app, 'session.setUpDemo', {});
  const { rows } = await callCore<{ rows: { id: string; reference: string; stage: string }[] }>(page, app, 'applications.list', {
    areaId: 'walsall',
    stage: 'recommended',
  });
  expect(rows).toHaveLength(3);
  await page.reload();

  // The register, filtered to Walsall's recommended applications: each row tagged so.
  await page.goto(`${app.url}#/applications?area=walsall&status=recommended`);
  await expect(page.getByLabel('Status')).toHaveValue('recommended');
  const register = page.getByRole('table');
  await expect(register.getByRole('row')).toHaveCount(4);
  await expect(register.locator('tbody .tag')).toHaveText(['Recommended', 'Recommended', 'Recommended']);
  await expectAccessibleLightAndDark(page);

  // The Chief Executive approves one on its page.
  const chosen = rows[0]!;
  await switchToDemo(page, 'chief');
  await page.goto(`${app.url}#/applications/${chosen.id}`);
  const lede = page.locator('.lede');
  await expect(lede.locator('.tag')).toHaveText('Recommended');
  const decision = page.getByRole('region', { name: 'Decision' });
  await decision.getByLabel(/Approve £[\d,.]+, as requested/).check();
  await decision.getByLabel('Your passphrase, to sign').fill('demo chief executive');
  await decision.getByRole('button', { name: 'Sign the decision' }).click();
  await expect(lede.locator('.tag')).toHaveText('Approved');
  // The Chief Executive reads the offer but does not record it.
  const offer = page.getByRole('region', { name: 'Offer' });
  await expect(offer).toContainText('Not recorded yet');
  await expect(offer.getByRole('button')).toHaveCount(0);

  // The grants officer records the offer sent: a day to come is refused, today (the default) is taken.
  await switchToDemo(page, 'officer');
  await page.goto(`${app.url}#/applications/${chosen.id}`);
  const sentOn = offer.getByLabel('Date the offer was sent');
  const day = today();
  await expect(sentOn).toHaveValue(day.typed);
  await expectAccessibleLightAndDark(page);
  await sentOn.fill(day.tomorrow);
  await offer.getByRole('button', { name: 'Record that the offer was sent' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /cannot be in the future/ }).click();
  await expect(sentOn).toBeFocused();
  await expect(sentOn).toHaveAttribute('aria-invalid', 'true');
  await expectAccessibleLightAndDark(page);
  await sentOn.fill(day.typed);
  await offer.getByRole('button', { name: 'Record that the offer was sent' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Offer recorded as sent: ${day.shown}` })).toBeVisible();
  await expect(lede.locator('.tag')).toHaveText('Offered');
  await expect(offer).toContainText(`${day.shown}, recorded by Jordan Ellis (demo)`);

  // Then the signed acceptance: the date is asked for.
  const acceptedOn = offer.getByLabel('Date the signed acceptance came back');
  await expect(acceptedOn).toHaveValue('');
  await offer.getByRole('button', { name: 'Record the signed acceptance' }).click();
  await expect(summary.getByRole('link', { name: 'Enter the date the signed acceptance came back' })).toBeVisible();
  await acceptedOn.fill(day.typed);
  await offer.getByRole('button', { name: 'Record the signed acceptance' }).click();
  await expect(lede.locator('.tag')).toHaveText('Accepted');
  await expect(offer.getByRole('button')).toHaveCount(0);
  await expectAccessibleLightAndDark(page);

  // The register by stage: Accepted holds this one; the filter lives in the address.
  await page.goto(`${app.url}#/applications`);
  await page.getByLabel('Status').selectOption({ label: 'Accepted' });
  await expect(page).toHaveURL(/status=accepted/);
  await expect(register.getByRole('row')).toHaveCount(2);
  await expect(register.getByRole('row').nth(1)).toContainText(chosen.reference);
  await expect(register.locator('tbody .tag')).toHaveText(['Accepted']);
  await page.getByLabel('Status').selectOption({ label: 'Not recommended' });
  await expect(register.locator('tbody .tag')).toHaveText(['Not recommended']);
  await expectAccessibleLightAndDark(page);
});
