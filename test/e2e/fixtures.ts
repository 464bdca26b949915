// Each test gets its own browser-mode GrantPanel (built dist/serve.cjs) on a fresh data folder.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface App {
  url: string;
  dataDir: string;
}

/** The passphrase every test's grants officer is set up with. */
export const OFFICER_PASSPHRASE = 'correct horse battery staple';
export const OFFICER_NAME = 'Grants officer';

/** Calls a core over HTTP without a page, as the fixture does before any page opens. */
async function callDirect<T = unknown>(url: string, method: string, input: unknown = {}): Promise<T> {
  const token = new URL(url).searchParams.get('token') ?? '';
  const response = await fetch(new URL(`/api/${method}`, url), {
    method: 'POST',
    headers: { 'X-GrantPanel-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value;
}

/**
 * Signs the laptop's grants officer in, as tests not about signing in need: sets a new laptop up
 * (or names a pre-people folder's officer), or signs in on a copied folder.
 */
export async function signInOfficer(url: string): Promise<void> {
  const { state } = await callDirect<{ state: string }>(url, 'session.current');
  const me = { name: OFFICER_NAME, passphrase: OFFICER_PASSPHRASE };
  if (state === 'set-up') await callDirect(url, 'session.setUp', me);
  else if (state === 'claim') await callDirect(url, 'session.claim', me);
  else if (state !== 'signed-in') {
    const choices = await callDirect<{ id: string; roles: string[] }[]>(url, 'session.choices');
    const officer = choices.find((c) => c.roles.includes('grants-officer'));
    if (!officer) throw new Error('No grants officer can sign in on this laptop');
    await callDirect(url, 'session.signIn', { personId: officer.id, passphrase: OFFICER_PASSPHRASE });
  }
}

/** Starts GrantPanel on a data folder; `setUp: false` leaves a new laptop waiting at its Set up screen. */
export async function startApp(
  dataDir = mkdtempSync(join(tmpdir(), 'grantpanel-e2e-')),
  options: { setUp?: boolean } = {},
): Promise<App & { stop(): Promise<void> }> {
  let stopping = false;
  const child: ChildProcess = spawn(process.execPath, ['dist/serve.cjs', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`GrantPanel did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out = (out + d.toString()).slice(-20_000);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    child.on('exit', (code, signal) => {
      reject(new Error(`GrantPanel exited with ${code}: ${out}`));
      // After it started, an exit nobody asked for is a crash: what it printed says why.
      if (!stopping) console.error(`GrantPanel (${dataDir}) exited unexpectedly (${code ?? signal}):\n${out}`);
    });
  });
  if (options.setUp !== false)
    await signInOfficer(url).catch((error: unknown) => {
      stopping = true;
      child.kill('SIGTERM');
      throw error;
    });
  return {
    url,
    dataDir,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: App; setUpLaptop: boolean }>({
  /** Whether the laptop's grants officer is set up and signed in before the test; false for the first run's screens. */
  setUpLaptop: [true, { option: true }],
  app: async ({ setUpLaptop }, use) => {
    const app = await startApp(undefined, { setUp: setUpLaptop });
    await use(app);
    await app.stop();
  },
});

/** WCAG 2.2 AA: no violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** axe in the light theme and in the dark, leaving the page light. */
export async function expectAccessibleLightAndDark(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });
}

export { expect };

/** Calls an instance's core as its page does, for setting up what a test is not about. */
export async function callCore<T = unknown>(page: Page, app: App, method: string, input: unknown = {}): Promise<T> {
  const token = new URL(app.url).searchParams.get('token') ?? '';
  const response = await page.request.post(new URL(`/api/${method}`, app.url).toString(), {
    headers: { 'X-GrantPanel-Token': token, 'Content-Type': 'application/json' },
    data: input,
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value;
}

const tokenOf = (app: App) => new URL(app.url).searchParams.get('token') ?? '';

/** Uploads a file as the browser's file picker does, answering the id the core gave it. */
export async function uploadFile(page: Page, app: App, path: string, purpose: 'bundle' | 'roster' | 'csv'): Promise<string> {
  const response = await page.request.post(
    new URL(`/files?purpose=${purpose}&name=${encodeURIComponent(basename(path))}`, app.url).toString(),
    {
      headers: { 'X-GrantPanel-Token': tokenOf(app), 'Content-Type': 'application/octet-stream' },
      data: readFileSync(path),
    },
  );
  const result = (await response.json()) as { ok: boolean; value: { file: string }; error?: { message: string } };
  if (!result.ok) throw new Error(`upload ${basename(path)}: ${result.error?.message}`);
  return result.value.file;
}

/**
 * Writes a bundle or roster as browser mode's Save does — the core writes it in its data folder,
 * the page downloads it — and keeps the download at `path` (a stand-in for the USB stick).
 */
export async function saveThroughCore<T = unknown>(
  page: Page,
  app: App,
  method: 'bundles.export' | 'roster.export',
  path: string,
  input: Record<string, unknown> = {},
): Promise<T> {
  const purpose = method === 'roster.export' ? 'roster' : 'bundle';
  const { file } = await callCore<{ file: string }>(page, app, 'files.create', { purpose, name: basename(path) });
  const value = await callCore<T>(page, app, method, { ...input, file });
  const response = await page.request.get(new URL(`/files/${file}`, app.url).toString(), {
    headers: { 'X-GrantPanel-Token': tokenOf(app) },
  });
  if (!response.ok()) throw new Error(`download ${basename(path)}: ${response.status()}`);
  writeFileSync(path, await response.body());
  return value;
}

/** Opens a file as browser mode does (an upload), then calls the method with it. */
export async function openThroughCore<T = unknown>(
  page: Page,
  app: App,
  method: 'bundles.import' | 'bundles.verify' | 'roster.import' | 'roster.verify',
  path: string,
  input: Record<string, unknown> = {},
): Promise<T> {
  const file = await uploadFile(page, app, path, method.startsWith('roster') ? 'roster' : 'bundle');
  return callCore<T>(page, app, method, { ...input, file });
}

/** Chooses a file in a file field (browser mode: the file picker, then the upload) and waits until it is sent. */
export async function chooseFile(page: Page, label: string, path: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).setInputFiles(path);
  await expect(page.getByText(`Chosen: ${basename(path)}`, { exact: true })).toBeVisible({ timeout: 60_000 });
}

/** Clicks a Save button in browser mode and keeps the download at `path`; answers the name the browser was given. */
export async function saveDownload(page: Page, button: string, path: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  await download.saveAs(path);
  return download.suggestedFilename();
}
