// Each test gets its own browser-mode GrantPanel (built dist/serve.cjs) on a fresh data folder.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface App {
  url: string;
  dataDir: string;
}

export async function startApp(dataDir = mkdtempSync(join(tmpdir(), 'grantpanel-e2e-'))): Promise<App & { stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['dist/serve.cjs', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`GrantPanel did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`GrantPanel exited with ${code}: ${out}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: App }>({
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await app.stop();
  },
});

/** WCAG 2.2 AA: no violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
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
