// `npm run bench`, at the panel table: entering a score in browser mode, driven in Debian's
// Chromium, timed from the key press (the keydown event's own timestamp) to the criterion's
// "Saved" — the core has answered and the score is in the event log — beside the core's own
// answer to the same call over HTTP (the baseline) in the same run. Target: 95th percentile under
// 50 ms. Not part of `npm test`. BENCH_KEYS sets the number of key presses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { client, launchChromium, startServe } from './bench-browser';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const OFFICER = { name: 'Bench officer', passphrase: 'bench officer long passphrase' };
const MEMBER = { first: 'given at the community hall', own: 'violet tuesday compass meadow' };

/** The demo round, its default rubric, and one member on the Coventry panel, signed in. */
async function setUp(url: string): Promise<{ applicationId: string }> {
  const post = client(url);
  await post('session.setUp', OFFICER);
  const { roundId } = await post<{ roundId: string }>('demo.load', {});
  const member = await post<{ id: string }>('people.add', { name: 'Bench member', roles: ['panel-member'], passphrase: MEMBER.first });
  const { suggested } = await post<{ suggested: unknown }>('rubrics.get', { roundId });
  await post('rubrics.save', { roundId, content: suggested });
  const panel = await post<{ id: string }>('panels.save', {
    roundId,
    name: 'Bench panel',
    chairId: null,
    quorum: 1,
    areaIds: ['coventry'],
    memberIds: [member.id],
  });
  const { applications } = await post<{ applications: { id: string }[] }>('panels.get', { id: panel.id });
  await post('session.signIn', { personId: member.id, passphrase: MEMBER.first });
  await post('session.changePassphrase', { current: MEMBER.first, next: MEMBER.own });
  const applicationId = applications[0]!.id;
  await post('scoring.declare', { applicationId, interest: false });
  return { applicationId };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-scoring-'));
  let server: Awaited<ReturnType<typeof startServe>> | null = null;
  let browser: Browser | null = null;
  try {
    console.log(`GrantPanel at the panel table — ${KEYS} scores entered by key, browser mode, Chromium\n`);
    server = await startServe(dir);
    const { applicationId } = await setUp(server.url);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await page.goto(`${server.url}#/score/${applicationId}`);
    await page.getByRole('heading', { name: 'Your scores' }).waitFor();
    // From each digit's keydown to its criterion's status saying "Saved".
    await page.evaluate(() => {
      const w = window as unknown as { benchStart: number; benchTimes: number[] };
      w.benchTimes = [];
      document.addEventListener('keydown', (e) => /^[0-9]$/.test(e.key) && (w.benchStart = e.timeStamp), true);
      new MutationObserver(() => {
        if (!w.benchStart) return;
        const status = document.activeElement?.closest('[data-criterion]')?.querySelector('.save-status');
        if (status?.textContent === 'Saved') {
          w.benchTimes.push(performance.now() - w.benchStart);
          w.benchStart = 0;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const criteria = ['need', 'outcomes', 'value', 'sustainability', 'reach', 'deliverability'];
    for (let i = 0; i < KEYS; i++) {
      const criterion = criteria[Math.floor(i / 2) % criteria.length] as string;
      await page.locator(`#level-${criterion}-2`).focus();
      await page.keyboard.press(i % 2 ? '2' : '3');
      await page.waitForFunction(() => (window as unknown as { benchStart: number }).benchStart === 0);
    }
    const screen = await page.evaluate(() => (window as unknown as { benchTimes: number[] }).benchTimes);

    const post = client(server.url);
    const core: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      const start = performance.now();
      await post('scoring.enter', { applicationId, criterionId: 'need', level: i % 2 ? 2 : 3, comment: '' });
      core.push(performance.now() - start);
    }
    const p95 = percentile(screen, 0.95);
    console.log(
      [
        'enter a score (key press → Saved)'.padEnd(36),
        `median ${percentile(screen, 0.5).toFixed(1).padStart(5)} ms, 95th percentile ${p95.toFixed(1).padStart(5)} ms`,
        `core over HTTP median ${percentile(core, 0.5).toFixed(1)} ms, 95th ${percentile(core, 0.95).toFixed(1)} ms`,
        `target 95th < 50 ms ${p95 < 50 ? 'met' : 'NOT MET'}`,
      ].join(' | '),
    );
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
