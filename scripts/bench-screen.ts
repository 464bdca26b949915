// `npm run bench`, on screen: the register at 20,000 applications in browser mode, driven in
// Debian's Chromium, timed from the officer's action to the new rows painted, beside the core's
// own answer to the same query over HTTP (the baseline) measured in the same run. Not part of
// `npm test`. BENCH_ROWS sets the size, BENCH_REPEATS the repetitions of each action.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { client, launchChromium, startServe } from './bench-browser';
import { BENCH_OFFICER, fillDataFolder } from './bench-data';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
/** Typed at a brisk officer's pace: a key every 60 ms. */
const KEY_DELAY_MS = 60;

interface Expected {
  total: number;
  /** The references of the first rows, in order. */
  refs: string[];
}

/**
 * Runs in the page from its first byte. Notes the time of every input and click event (the
 * event's own timestamp, so input latency counts), and resolves an armed wait once the register
 * shows the expected rows — the count, the first references, nothing loading, not busy — and the
 * browser has painted that frame (a task queued from the next animation frame runs after paint).
 */
function probe() {
  type Want = { total: number; refs: string[] } | null;
  const w = window as unknown as Record<string, unknown>;
  let lastInput = 0;
  const note = (e: Event) => {
    lastInput = e.timeStamp;
  };
  document.addEventListener('input', note, true);
  document.addEventListener('click', note, true);
  const shows = (want: Want) => {
    const count = document.querySelector('.register-count')?.textContent ?? '';
    if (!count.startsWith('Showing ')) return false;
    if (want && !count.startsWith(`Showing ${want.total.toLocaleString('en-GB')} `)) return false;
    if (document.querySelector('.register-scroll[aria-busy="true"], table.register td.register-loading')) return false;
    const refs = [...document.querySelectorAll('table.register tbody td.reference')].map((td) => td.textContent);
    if (refs.length === 0) return false;
    return !want || want.refs.every((r, i) => refs[i] === r);
  };
  const whenShown = (want: Want) =>
    new Promise<number>((resolve, reject) => {
      const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      if (shows(want)) return painted();
      const observer = new MutationObserver(() => {
        if (!shows(want)) return;
        observer.disconnect();
        clearTimeout(timer);
        painted();
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        const now = {
          address: location.hash,
          count: document.querySelector('.register-count')?.textContent,
          busy: document.querySelector('.register-scroll')?.getAttribute('aria-busy'),
          loading: document.querySelectorAll('table.register td.register-loading').length,
          refs: [...document.querySelectorAll('table.register tbody td.reference')].slice(0, 5).map((td) => td.textContent),
        };
        reject(new Error(`not shown in 20 s: ${JSON.stringify(want)}; the page shows ${JSON.stringify(now)}`));
      }, 20_000);
    });
  // First load: navigation start (time 0) to the first rows painted.
  w.__firstRows = whenShown(null);
  w.__arm = (want: { total: number; refs: string[] }) => {
    if (shows(want)) throw new Error(`already showing ${JSON.stringify(want)}: not a change`);
    lastInput = 0;
    w.__shown = whenShown(want).then((end) => ({ start: lastInput, end }));
  };
}

/** Signs the benchmarks' officer in through the core's HTTP door, as the sign-in screen does. */
async function signInOver(url: string): Promise<void> {
  const post = client(url);
  const { device } = await post<{ device: { id: string } }>('session.current', {});
  await post('session.signIn', { personId: `officer-${device.id}`, passphrase: BENCH_OFFICER.passphrase });
}

/** The core's answer over HTTP, as the page asks for the register's first page. */
async function ask(url: string, query: Record<string, unknown>): Promise<{ ms: number; expected: Expected }> {
  const token = new URL(url).searchParams.get('token') ?? '';
  const start = performance.now();
  const response = await fetch(new URL('/api/applications.list', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-GrantPanel-Token': token },
    body: JSON.stringify({ sort: 'receivedAt', direction: 'desc', ...query, offset: 0, limit: 100 }),
  });
  const result = (await response.json()) as { ok: boolean; value: { total: number; rows: { reference: string }[] } };
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(`applications.list refused ${JSON.stringify(query)}`);
  return { ms, expected: { total: result.value.total, refs: result.value.rows.slice(0, 5).map((r) => r.reference) } };
}

async function coreMedian(url: string, query: Record<string, unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) times.push((await ask(url, query)).ms);
  return median(times);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  await context.addInitScript(probe);
  return context.newPage();
}

/** Times one action: from its input event to the expected rows painted. */
async function timeAction(page: Page, expected: Expected, act: () => Promise<void>): Promise<number> {
  await page.evaluate((want) => (window as unknown as { __arm(w: Expected): void }).__arm(want), expected);
  await act();
  const { start, end } = await page.evaluate(() => (window as unknown as { __shown: Promise<{ start: number; end: number }> }).__shown);
  if (!start) throw new Error('no input event was seen');
  return end - start;
}

interface Measured {
  what: string;
  screen: number[];
  core: number;
  target: number | null;
}

function report(m: Measured) {
  const med = median(m.screen);
  const line = [
    m.what.padEnd(44),
    `on screen median ${fmt(med).padStart(5)} ms, max ${fmt(Math.max(...m.screen)).padStart(5)} ms`,
    `core ${m.core.toFixed(1).padStart(5)} ms`,
    `${(med / m.core).toFixed(1).padStart(5)}× the core`,
    m.target === null ? '' : `target ≤ ${m.target} ms ${med <= m.target ? 'met' : 'NOT MET'}`,
  ];
  console.log(line.join(' | '));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-screen-'));
  let server: Awaited<ReturnType<typeof startServe>> | null = null;
  let browser: Browser | null = null;
  try {
    console.log(`GrantPanel on screen — ${ROWS.toLocaleString('en-GB')} applications, browser mode, Chromium, ${REPEATS} repetitions\n`);
    // BENCH_DATA_DIR: a folder kept between runs (filled on the first), for profiling.
    const dataDir = process.env.BENCH_DATA_DIR ?? join(dir, 'data');
    if (!existsSync(join(dataDir, 'grantpanel.sqlite'))) await fillDataFolder(dataDir, ROWS);
    server = await startServe(dataDir);
    const url = server.url;
    // The laptop's officer signs in once, as a person would before using the register.
    await signInOver(url);
    browser = await launchChromium();
    const results: Measured[] = [];

    // First load: a fresh browser context each time, as a newly opened window.
    const loads: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const page = await newPage(browser);
      await page.goto(`${url}#/applications`);
      loads.push(await page.evaluate(() => (window as unknown as { __firstRows: Promise<number> }).__firstRows));
      await page.context().close();
    }
    results.push({ what: 'first load (navigation → first rows)', screen: loads, core: await coreMedian(url, {}), target: null });

    const page = await newPage(browser);
    await page.goto(`${url}#/applications`);
    await page.evaluate(() => (window as unknown as { __firstRows: Promise<number> }).__firstRows);

    // A filter: each area in turn, every one a query not asked before.
    const areas = ['coventry', 'dudley', 'sandwell', 'solihull', 'walsall', 'wolverhampton', 'birmingham'];
    const filter: Measured = { what: 'filter (choose an area)', screen: [], core: 0, target: 100 };
    const filterCore: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const areaId = areas[i % areas.length] as string;
      const { expected } = await ask(url, { areaId });
      filter.screen.push(await timeAction(page, expected, () => page.selectOption('#filter-area', areaId).then(() => undefined)));
      filterCore.push(await coreMedian(url, { areaId }));
    }
    filter.core = median(filterCore);
    results.push(filter);
    await page.selectOption('#filter-area', '');

    // A sort: column headings in turn, each click a new order of all the rows.
    const sorts: [string, string, string][] = [
      ['Amount requested', 'amountRequested', 'desc'],
      ['Amount requested', 'amountRequested', 'asc'],
      ['Organisation', 'organisationName', 'asc'],
      ['Organisation', 'organisationName', 'desc'],
      ['Project', 'projectTitle', 'asc'],
      ['Project', 'projectTitle', 'desc'],
      ['Reference', 'reference', 'asc'],
      ['Reference', 'reference', 'desc'],
      ['Amount requested', 'amountRequested', 'desc'],
    ];
    const sort: Measured = { what: 'sort (click a column heading)', screen: [], core: 0, target: 100 };
    const sortCore: number[] = [];
    for (let i = 0; i < Math.min(REPEATS, sorts.length); i++) {
      const [label, by, direction] = sorts[i] as [string, string, string];
      const { expected } = await ask(url, { sort: by, direction });
      const button = page.getByRole('button', { name: label, exact: true });
      sort.screen.push(await timeAction(page, expected, () => button.click()));
      sortCore.push(await coreMedian(url, { sort: by, direction }));
    }
    sort.core = median(sortCore);
    results.push(sort);

    // Search: typed key by key; timed from the last keystroke, so the wait for typing to stop counts.
    const terms = ['project number 1234', 'community group 777', 'group 4242', 'number 19999', 'group 55', 'number 808', 'group 3141'];
    const search: Measured = { what: 'search (last keystroke → rows)', screen: [], core: 0, target: 150 };
    const searchCore: number[] = [];
    const box = page.locator('#filter-search');
    for (let i = 0; i < REPEATS; i++) {
      const term = terms[i % terms.length] as string;
      // The same order the page now shows (the last sort above).
      const order = { sort: sorts[Math.min(REPEATS, sorts.length) - 1]?.[1], direction: sorts[Math.min(REPEATS, sorts.length) - 1]?.[2] };
      const { expected } = await ask(url, { ...order, search: term });
      search.screen.push(
        await timeAction(page, expected, async () => {
          await box.click();
          await page.keyboard.press('Control+A');
          await page.keyboard.type(term, { delay: KEY_DELAY_MS });
        }),
      );
      searchCore.push(await coreMedian(url, { ...order, search: term }));
    }
    search.core = median(searchCore);
    results.push(search);

    for (const r of results) report(r);
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
