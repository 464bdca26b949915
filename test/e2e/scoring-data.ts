// A panel to score, set up through the core as an officer would: the demo round with its default
// rubric, three members (one of them the chair) on the Coventry panel, each with their own
// passphrase already chosen, so a test can switch person in the UI straight to the work.
import { expect, type Page } from '@playwright/test';
import { callCore, OFFICER_PASSPHRASE, type App } from './fixtures';

export const MEMBERS = {
  asha: { name: 'Asha Begum', roles: ['panel-member'] },
  ben: { name: 'Ben Okafor', roles: ['panel-member'] },
  chris: { name: 'Chris Walsh', roles: ['panel-chair', 'panel-member'] },
} as const;
export type MemberKey = keyof typeof MEMBERS;

const FIRST = 'given at the community hall';
/** Each member's own passphrase, chosen at their first sign-in. */
export const OWN_PASSPHRASE = 'violet tuesday compass meadow';

export interface PanelData {
  roundId: string;
  panelId: string;
  officerId: string;
  people: Record<MemberKey, string>;
  /** The panel's applications in its order: Coventry's demo applications. */
  applications: { id: string; reference: string; projectTitle: string }[];
}

export async function setUpPanel(page: Page, app: App): Promise<PanelData> {
  await page.goto(app.url);
  const officerId = (await callCore<{ person: { id: string } }>(page, app, 'session.current')).person.id;
  const { roundId } = await callCore<{ roundId: string }>(page, app, 'demo.load');
  const people = {} as Record<MemberKey, string>;
  for (const key of Object.keys(MEMBERS) as MemberKey[]) {
    const m = MEMBERS[key];
    people[key] = (await callCore<{ id: string }>(page, app, 'people.add', { name: m.name, roles: m.roles, passphrase: FIRST })).id;
  }
  const { suggested } = await callCore<{ suggested: unknown }>(page, app, 'rubrics.get', { roundId });
  await callCore(page, app, 'rubrics.save', { roundId, content: suggested });
  const panel = await callCore<{ id: string }>(page, app, 'panels.save', {
    roundId,
    name: 'Coventry NPU panel',
    chairId: people.chris,
    quorum: 2,
    areaIds: ['coventry'],
    memberIds: Object.values(people),
  });
  const detail = await callCore<{ applications: PanelData['applications'] }>(page, app, 'panels.get', { id: panel.id });
  expect(detail.applications.length).toBeGreaterThanOrEqual(3);
  // Each member chooses their own passphrase once, as they would at their first sign-in.
  for (const id of Object.values(people)) {
    await callCore(page, app, 'session.signIn', { personId: id, passphrase: FIRST });
    await callCore(page, app, 'session.changePassphrase', { current: FIRST, next: OWN_PASSPHRASE });
  }
  await callCore(page, app, 'session.signIn', { personId: officerId, passphrase: OFFICER_PASSPHRASE });
  return { roundId, panelId: panel.id, officerId, people, applications: detail.applications };
}

/** Signs in as a member behind the page's back (for setting up what a test is not about). */
export async function actAs(page: Page, app: App, data: PanelData, who: MemberKey | 'officer'): Promise<void> {
  if (who === 'officer') await callCore(page, app, 'session.signIn', { personId: data.officerId, passphrase: OFFICER_PASSPHRASE });
  else await callCore(page, app, 'session.signIn', { personId: data.people[who], passphrase: OWN_PASSPHRASE });
}

/** Switch person in the top bar, then sign in as the member by keyboard-friendly form. */
export async function switchTo(page: Page, who: MemberKey): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await page.getByRole('radio', { name: MEMBERS[who].name }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill(OWN_PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${MEMBERS[who].name}`);
}
