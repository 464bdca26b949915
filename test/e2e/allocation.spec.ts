// The allocation workspace (issue 12): the demo round's Coventry panel recommends three applications
// (set up through the core: the chair moderates), Coventry's budget is lowered to £5,000, and the
// grants officer, by keyboard, chooses the area, suggests an allocation, lowers an amount with its
// reason, sees the totals, is refused an amount over budget, and confirms a suggestion that replaces
// an amount set by hand.
import { test, expect, expectAccessibleLightAndDark } from './fixtures';
import { setUpPanel } from './scoring-data';
import { recommendThree } from './allocation-data';

const ROUND = 'Active Citizens Fund 2026–27 (demo)';

test('the officer suggests an allocation, lowers an amount with a reason, and is refused one over budget', async ({ page, app }) => {
  test.setTimeout(180_000);
  const data = await setUpPanel(page, app);
  await recommendThree(page, app, data);
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
  await page.getByRole('link', { name: `Allocate ${ROUND}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Allocation: /);
  await page.getByLabel('Area').selectOption({ label: 'Coventry' });
  await expect(page.getByRole('heading', { level: 1, name: 'Allocation: Coventry' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Recommended applications in Coventry, in rank order' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText('ACF-2026-0006');
  await expect(page.locator('#allocation-summary-line')).toHaveText('£0.00 of £5,000.00 allocated, £5,000.00 remaining');
  await expectAccessibleLightAndDark(page);

  // Suggest: £2,022 and £2,200 whole, then what remains (£778) to the third.
  await page.getByRole('button', { name: 'Suggest allocation' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Suggested amounts saved for 3 applications.' })).toBeVisible();
  await expect(page.locator('#allocation-summary-line')).toHaveText('£5,000.00 of £5,000.00 allocated, £0.00 remaining');
  const third = table.getByRole('row').nth(3);
  await expect(third.getByRole('textbox', { name: /^Reason for a lower amount/ })).toHaveValue(
    'The area’s budget had £778.00 left after higher-ranked applications',
  );
  await expect(page.getByRole('textbox', { name: /^Amount in £ for ACF-2026-0014/ })).toHaveValue('778.00');

  // Lower the second, by keyboard: the reason field appears, and the letter's reason is asked for.
  const second = page.getByRole('textbox', { name: /^Amount in £ for ACF-2026-0012/ });
  await second.focus();
  await second.fill('2,000');
  const reason = page.getByRole('textbox', { name: /^Reason for a lower amount for ACF-2026-0012/ });
  await expect(reason).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(reason).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('ACF-2026-0012: Say why the amount is lower than recommended');
  await summary.getByRole('link').first().click();
  await expect(reason).toBeFocused();
  await reason.fill('The second term of coaching is funded by the council');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#allocation-summary-line')).toHaveText('£4,800.00 of £5,000.00 allocated, £200.00 remaining');
  await expect(
    table
      .getByRole('row')
      .nth(2)
      .getByRole('textbox', { name: /^Reason for a lower amount/ }),
  ).toHaveValue('The second term of coaching is funded by the council');
  await expectAccessibleLightAndDark(page);

  // Over budget: refused, in pounds, nothing saved.
  const amount = page.getByRole('textbox', { name: /^Amount in £ for ACF-2026-0014/ });
  await amount.fill('991');
  await amount.press('Enter');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('ACF-2026-0014: This takes Coventry to £5,013.00, over its budget of £5,000.00');
  await expect(page.locator('#allocation-summary-line')).toHaveText('£4,800.00 of £5,000.00 allocated, £200.00 remaining');
  await expectAccessibleLightAndDark(page);

  // Suggesting again would put the second back: it asks first, naming the amount it replaces.
  await page.getByRole('button', { name: 'Suggest allocation' }).click();
  const check = page.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check).toContainText('£2,000.00 would become £2,200.00');
  await expectAccessibleLightAndDark(page);
  await check.getByRole('button', { name: 'Save these changes' }).click();
  await expect(page.locator('#allocation-summary-line')).toHaveText('£5,000.00 of £5,000.00 allocated, £0.00 remaining');
});
