// Reflow (WCAG 2.2, 1.4.10): every screen, with the demo data's real rows, at 1366×768, 1024×700 and
// at 200% zoom has no sideways scroll of the page and no cell text cut off, and passes axe.
//
// 200% zoom is emulated as a 683×384 viewport at deviceScaleFactor 2: that is what Chromium's own
// zoom does to a 1366×768 window — the layout viewport becomes 683 CSS pixels wide, so media
// queries, container queries and vh units all see the zoomed size. CSS `zoom: 2` on the page would
// keep a 1366-pixel viewport, so no breakpoint would fire and it would not test the real reflow.
import type { Page } from '@playwright/test';
import { APPLICATION_COLUMNS, type ImportField } from '../../shared/formats/applications-csv';
import { test, expect, expectAccessible, callCore, type App } from './fixtures';
import { actAs, setUpPanel } from './scoring-data';
import { recommendThree } from './allocation-data';
import { signInAsChiefExecutive, switchToDemo } from './demo-people';

const SIZES = [
  { name: '1366×768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { name: '1024×700', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  { name: '200% zoom (683×384 at 2×)', viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
];

/** Everything that would scroll sideways or cut text, described so a failure says where. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth) found.push(`main scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}`);
    // Tables' own scroll boxes: a table that only fits by scrolling inside its box hides columns too.
    for (const box of document.querySelectorAll('.register-scroll, .table-scroll')) {
      if (box.scrollWidth > box.clientWidth) found.push(`${describe(box)} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`);
    }
    for (const cell of document.querySelectorAll('main td, main th')) {
      const box = cell.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (folded away at this size)
      if (cell.closest('.visually-hidden, thead[class], .rounds-table thead')) continue;
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`cell text cut: ${describe(cell)} ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
    return found;
  });
}

async function open(page: Page, app: App, path: string) {
  await page.goto(`${app.url}#${path}`);
  await expect(page.locator('h1')).toBeVisible();
}

async function expectReflows(page: Page, screen: string) {
  expect(await overflows(page), screen).toEqual([]);
  await expectAccessible(page);
}

function csv(): string {
  const row: Partial<Record<ImportField, string>> = {
    reference: 'ACF-REFLOW-0001',
    organisationName: 'Foleshill Residents Association and Friends of Edgwick Park',
    organisationType: 'Registered charity',
    charityNumber: '1123456',
    constituted: 'Yes',
    bankTwoSignatories: 'Yes',
    contactName: 'Amira Khan',
    contactEmail: 'amira.khan@example.org',
    contactPhone: '0121 496 0000',
    projectTitle: 'Friday night youth football',
    summary: 'Floodlit football on Friday evenings.',
    areaId: 'Coventry',
    inImpactArea: 'No',
    amountRequested: 'lots', // one problem, so the report lists it in its table
    budgetLines: 'Pitch hire: £1,500; Coaches: £1,000',
    startDate: '10/01/2027',
    endDate: '30/06/2027',
    priorityIds: 'VIOLENCE',
    beneficiaryGroups: 'young-people',
    expectedBeneficiaries: '60',
    outcomes: 'Fewer ASB reports | Police data each quarter',
    sustainability: 'Volunteers keep it going.',
  };
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    [APPLICATION_COLUMNS.map((c) => c.header), APPLICATION_COLUMNS.map((c) => row[c.field] ?? '')]
      .map((l) => l.map(cell).join(','))
      .join('\r\n') + '\r\n'
  );
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });

    test(`every screen fits at ${size.name}`, async ({ page, app }) => {
      test.setTimeout(360_000); // axe on twenty-two screens
      await page.goto(app.url);
      const { roundId } = await callCore<{ roundId: string }>(page, app, 'demo.load', {});

      await open(page, app, '/applications');
      await expect(page.locator('table.register tbody tr[aria-rowindex="2"] a')).toBeVisible();
      await expectReflows(page, 'applications register');
      const reference = (await page.locator('table.register tbody tr[aria-rowindex="2"] a').innerText()).trim();
      await page.locator('table.register tbody tr[aria-rowindex="2"] a').click();
      await expect(page.locator('.lede')).toContainText(reference);
      await expectReflows(page, 'application detail');
      await page.getByRole('link', { name: 'Edit application' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Edit application ${reference}` })).toBeVisible();
      await expectReflows(page, 'edit application');
      await open(page, app, '/applications/new');
      await expectReflows(page, 'new application');

      await open(page, app, '/rounds');
      await expect(page.getByRole('row').filter({ hasText: 'Active Citizens Fund 2026–27' })).toBeVisible();
      await expectReflows(page, 'rounds');
      // Round names lead to the round's applications; Edit stays beside them, on screen.
      const round = page.getByRole('link', { name: 'Active Citizens Fund 2026–27 (demo)', exact: true });
      await expect(round).toHaveAttribute('href', /#\/applications\?round=/);
      const edit = page.getByRole('link', { name: 'Edit Active Citizens Fund 2026–27 (demo)' });
      await edit.scrollIntoViewIfNeeded();
      await expect(edit).toBeInViewport();
      await edit.click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Active Citizens Fund 2026–27');
      await expectReflows(page, 'round form');

      // Panels: the rubric editor (the suggestion, then the rubric in use), the panels, a panel's
      // form, an application's panel and a paper score sheet.
      await open(page, app, `/rounds/${roundId}/rubric`);
      await expect(page.getByRole('button', { name: 'Use this rubric' })).toBeAttached();
      await expectReflows(page, 'rubric editor');
      const { suggested } = await callCore<{ suggested: unknown }>(page, app, 'rubrics.get', { roundId });
      await callCore(page, app, 'rubrics.save', { roundId, content: suggested });
      const member = await callCore<{ id: string }>(page, app, 'people.add', {
        name: 'Chris Doyle-Okonkwo',
        roles: ['panel-chair', 'panel-member'],
        areas: [],
        passphrase: 'a long enough first passphrase',
      });
      const panel = await callCore<{ id: string }>(page, app, 'panels.save', {
        roundId,
        name: 'Coventry and Solihull Neighbourhood Policing Unit panel',
        chairId: member.id,
        quorum: 1,
        areaIds: ['coventry', 'solihull'],
        memberIds: [member.id],
      });
      await open(page, app, '/panels');
      await expect(page.getByRole('row', { name: /Coventry and Solihull/ })).toBeVisible();
      await expectReflows(page, 'panels');
      await open(page, app, `/panels/${panel.id}`);
      await expect(page.getByRole('button', { name: 'Print the panel pack (PDF)' })).toBeVisible();
      await expectReflows(page, 'panel page with its paper score sheets');
      await open(page, app, '/panels/new');
      await page.getByRole('button', { name: 'Add panel' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'panel form with its problems');
      const { rows } = await callCore<{ rows: { id: string }[] }>(page, app, 'applications.list', { roundId, areaId: 'coventry' });
      await open(page, app, `/applications/${rows[0]!.id}`);
      await expect(page.getByRole('link', { name: 'Type in a paper score sheet' })).toBeVisible();
      await expectReflows(page, 'application with its panel');
      await page.getByRole('link', { name: 'Type in a paper score sheet' }).click();
      await page.getByRole('button', { name: 'Submit the sheet' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'paper score sheet with its problems');
      await open(page, app, '/rounds');
      await page.getByRole('link', { name: 'Screen eligibility for Active Citizens Fund 2026–27 (demo)' }).click();
      await expect(page.getByText('10 of 32 screened')).toBeVisible();
      await expectReflows(page, 'screening');
      // One application's checks open, with its problems listed.
      await page.getByRole('button', { name: /^ACF-2026-0011 ?:/ }).press('Enter');
      await page.getByRole('button', { name: /^Save/ }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'screening form with its problems');

      await open(page, app, '/catalogue');
      await expectReflows(page, 'catalogue');
      await open(page, app, '/catalogue/funds/acf/letters');
      await expect(page.getByLabel('Condition 1', { exact: true })).toBeVisible();
      await expectReflows(page, 'letter template');
      await page.getByLabel('Percentage').first().fill('30');
      await page.getByRole('button', { name: 'Save template' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'letter template with its problems');
      page.once('dialog', (d) => void d.accept());
      await open(page, app, '/catalogue');
      await page.getByRole('button', { name: 'Edit Police and Crime Plan 2025–2029' }).click();
      await expect(page.getByLabel('Plan name')).toBeFocused();
      await expectReflows(page, 'plan form');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Add plan' }).click();
      await page.getByRole('form', { name: 'Add a Police and Crime Plan' }).getByRole('button', { name: 'Add plan' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'new plan form with its problems');

      await open(page, app, '/import');
      await expectReflows(page, 'import');
      await page.getByLabel('CSV file').setInputFiles({ name: 'reflow.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(), 'utf8') });
      await page.getByRole('button', { name: 'Check file' }).click();
      // The result takes focus and is brought on screen, not left below it.
      const result = page.getByRole('heading', { name: 'Check of reflow.csv' });
      await expect(result).toBeFocused();
      await expect(result).toBeInViewport();
      await expectReflows(page, 'import after a check');
      // Paper scores: a file whose one row has problems, listed in the summary and the report.
      await open(page, app, '/import?what=scores');
      const scores =
        'Application reference,Member,Criterion,Score,Comment\r\nACF-REFLOW-9999,Chris Doyle-Okonkwo,Evidence of local need,7,\r\n';
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'paper-scores.csv', mimeType: 'text/csv', buffer: Buffer.from(scores, 'utf8') });
      await page.getByRole('button', { name: 'Check file' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expect(page.getByRole('heading', { name: 'Check of paper-scores.csv' })).toBeVisible();
      await expectReflows(page, 'paper scores import after a check');

      await open(page, app, '/sync');
      await expectReflows(page, 'sync');
      await open(page, app, '/conflicts');
      await expectReflows(page, 'conflicts');
      await open(page, app, '/settings');
      await expectReflows(page, 'settings');
      await open(page, app, '/audit');
      await expect(page.getByRole('table', { name: 'Changes, newest first' })).toBeVisible();
      await expectReflows(page, 'audit trail');
      await page.getByLabel('Application reference').fill('NOT-A-REFERENCE');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'audit trail with a problem');
      await open(page, app, '/people');
      await expect(page.getByRole('row', { name: /Grants officer/ })).toBeVisible();
      await expectReflows(page, 'people');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('form', { name: 'Add a person' }).getByRole('button', { name: 'Add person' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'add person form with its problems');
      await page.getByRole('button', { name: 'Lock' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This laptop is locked');
      await expectReflows(page, 'lock screen');
    });

    test(`the panel and scoring screens fit at ${size.name}`, async ({ page, app }) => {
      test.setTimeout(180_000);
      const data = await setUpPanel(page, app);
      const [first, second] = data.applications;
      // Ben has scored and submitted the first; Asha has an interest in the second.
      await actAs(page, app, data, 'ben');
      await callCore(page, app, 'scoring.declare', { applicationId: first!.id, interest: false });
      for (const c of ['plan-fit', 'need', 'outcomes', 'value', 'sustainability', 'reach', 'deliverability'])
        await callCore(page, app, 'scoring.enter', {
          applicationId: first!.id,
          criterionId: c,
          level: c === 'need' ? 5 : 3,
          comment: c === 'need' ? 'Residents’ survey of 2026 and the ward profile both show it, with partners’ letters of support.' : '',
        });
      await callCore(page, app, 'scoring.enter', { applicationId: first!.id, criterionId: 'governance', level: 1, comment: '' });
      await callCore(page, app, 'scoring.submit', { applicationId: first!.id });
      await actAs(page, app, data, 'asha');
      await callCore(page, app, 'scoring.declare', { applicationId: second!.id, interest: true, nature: 'A trustee of the group.' });

      await open(page, app, `/panels/${data.panelId}`);
      await expect(page.getByRole('row').filter({ hasText: first!.reference })).toBeVisible();
      await expectReflows(page, 'panel page');

      await open(page, app, `/score/${first!.id}`);
      await page.getByRole('button', { name: 'Save my declaration' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'declaration with its problem');
      await page.getByLabel('No, I have no interest in it').check();
      await page.getByRole('button', { name: 'Save my declaration' }).click();
      await expect(page.getByRole('heading', { name: 'Your scores' })).toBeVisible();
      await expectReflows(page, 'scoring sheet');
      await page.keyboard.press('0');
      await page.getByRole('button', { name: 'Submit my scores' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'scoring sheet with its problems');
      await page.getByLabel('Comment on Fit to the Police and Crime Plan priorities').fill('No link to the round’s priorities.');
      await page.locator('#level-need-3').focus();
      for (const level of ['3', '3', '3', '3', '3', '3', '1']) {
        await page.keyboard.press(level);
        await page.keyboard.press('Enter');
      }
      await page.getByRole('button', { name: 'Submit my scores' }).click();
      await expect(page.getByRole('heading', { name: 'Your scores are submitted' })).toBeVisible();
      await expectReflows(page, 'submitted, with every member’s scores');

      await open(page, app, `/score/${second!.id}`);
      await expect(page.getByRole('heading', { name: 'You take no part in this application' })).toBeVisible();
      await expectReflows(page, 'an interest declared');
    });
  });
}

// The allocation workspace, with amounts suggested, one lowered with its reason, and a refusal listed.
for (const size of SIZES) {
  test(`the allocation workspace fits at ${size.name}`, async ({ page, app }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size.viewport);
    const data = await setUpPanel(page, app);
    const ids = await recommendThree(page, app, data);
    await callCore(page, app, 'allocation.suggest', { roundId: data.roundId, areaId: 'coventry' });
    await callCore(page, app, 'allocation.set', {
      applicationId: ids['ACF-2026-0012'],
      amountPence: 200_000,
      reason: 'The second term of coaching is funded by the council',
    });
    await open(page, app, `/rounds/${data.roundId}/allocation?area=coventry`);
    await expect(page.locator('#allocation-summary-line')).toHaveText('£4,800.00 of £5,000.00 allocated, £200.00 remaining');
    await expectReflows(page, 'allocation workspace');
    const amount = page.getByRole('textbox', { name: /^Amount in £ for ACF-2026-0014/ });
    await amount.fill('991');
    await amount.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
    await expectReflows(page, 'allocation workspace with its problem');
  });
}

test.describe('1024×700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('the page’s buttons keep clear of the filters, and a notice never covers the last rows', async ({ page, app }) => {
    await open(page, app, '/applications');
    await page.getByRole('button', { name: 'Load demo round' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Loaded the demo round' });
    await expect(notice).toBeVisible();
    await expect(page.locator('.register-count')).toHaveText('Showing 40 applications');

    const actions = await page.getByRole('link', { name: 'Import applications' }).boundingBox();
    const filters = await page.getByRole('search', { name: 'Filter applications' }).boundingBox();
    expect(actions!.y + actions!.height).toBeLessThanOrEqual(filters!.y);

    // The last row, scrolled into view (in the register, then the page), sits wholly above the notice.
    await page.locator('.register-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = page.locator('table.register tbody tr[aria-rowindex="41"]');
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
    await expect(notice).toBeVisible();
    const row = await last.boundingBox();
    const box = await notice.boundingBox();
    expect(row!.y + row!.height).toBeLessThanOrEqual(box!.y);
  });
});

// The panel screens need the demo laptop's panel (session.setUpDemo), chaired by Amina Hussain (demo).
for (const size of SIZES) {
  test.describe(`panel moderation at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, setUpLaptop: false });

    test(`moderation and the register of interests fit at ${size.name}`, async ({ page, app }) => {
      test.setTimeout(120_000);
      await page.goto(app.url);
      await callCore(page, app, 'session.setUpDemo', {});
      await callCore(page, app, 'session.signOut', {});
      const choices = await callCore<{ id: string; name: string }[]>(page, app, 'session.choices', {});
      const chair = choices.find((c) => c.name === 'Amina Hussain (demo)')!;
      await callCore(page, app, 'session.signIn', { personId: chair.id, passphrase: 'demo panel chair' });
      const [panel] = await callCore<{ id: string }[]>(page, app, 'panels.list', { mine: true });

      await open(page, app, `/panels/${panel!.id}/moderation`);
      await expect(page.getByRole('button', { name: 'Open moderation' })).toBeVisible();
      await expectReflows(page, 'moderation before it opens');
      await page.getByRole('button', { name: 'Open moderation' }).click();
      const flagged = page
        .getByRole('table', { name: /Ranked by/ })
        .getByRole('row')
        .filter({ hasText: 'Spread: Evidence of local need' });
      await expect(flagged).toBeVisible();
      await expectReflows(page, 'ranking');
      await flagged.getByRole('link').click();
      await page.locator('#mod-levels-need').selectOption('0');
      await page.getByRole('button', { name: 'Save moderation' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await expectReflows(page, 'moderating an application, with its problems');

      await open(page, app, `/panels/${panel!.id}/interests`);
      await expect(page.getByRole('row').filter({ hasText: 'Bilal' })).toBeVisible();
      await expectReflows(page, 'register of interests');
    });
  });
}

// The Chief Executive's screens, on the demo laptop: Walsall's sign-off with its pack, and an
// application's Decision section with its form showing its problems; then, signed, the grants
// officer's: the pack's letters, and an application's offer recorded.
for (const size of SIZES) {
  test.describe(`sign-off at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, setUpLaptop: false });

    test(`the sign-off pack and the decision form fit at ${size.name}`, async ({ page, app }) => {
      test.setTimeout(120_000);
      const { roundId } = await signInAsChiefExecutive(page, app);

      await open(page, app, `/rounds/${roundId}/sign-off?area=walsall`);
      await expect(page.getByRole('table', { name: 'Register of interests' })).toBeVisible();
      await expectReflows(page, 'sign-off pack');

      await page
        .getByRole('table', { name: /Recommended applications in Walsall/ })
        .getByRole('link')
        .first()
        .click();
      const section = page.getByRole('region', { name: 'Decision' });
      await section.getByRole('button', { name: 'Sign the decision' }).click();
      await expect(page.locator('.error-summary')).toBeFocused();
      await expectReflows(page, 'decision form with its problem');

      // Signed, the grants officer's side: the pack's letters, and an approved application's offer.
      await callCore(page, app, 'decisions.approveRest', { roundId, areaId: 'walsall', passphrase: 'demo chief executive' });
      await switchToDemo(page, 'officer');
      await open(page, app, `/rounds/${roundId}/sign-off?area=walsall`);
      await expect(page.getByRole('heading', { name: 'Letters' })).toBeVisible();
      await expectReflows(page, 'sign-off with its letters');
      await page
        .getByRole('table', { name: /Recommended applications in Walsall/ })
        .getByRole('link')
        .first()
        .click();
      await page.getByRole('button', { name: 'Record that the offer was sent' }).click();
      await expect(page.getByRole('heading', { name: 'Record the signed acceptance' })).toBeVisible();
      await expectReflows(page, 'application with its offer recorded');
    });
  });
}
