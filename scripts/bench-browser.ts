// What the on-screen benchmarks share: browser mode started on a data folder (dist/serve.cjs, beside
// the bundled benchmark), calls to its core over HTTP as the page makes them, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Browser mode on `dataDir`: answers its address (with the page's token) once it is listening. */
export function startServe(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'serve.cjs'), '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m)
        resolve({
          url: m[1] as string,
          stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
        });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`GrantPanel exited with ${String(code)}: ${out}`)));
  });
}

/** Calls the core behind `url` as the page does; a refusal throws with its message. */
export function client(url: string) {
  const token = new URL(url).searchParams.get('token') ?? '';
  return async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GrantPanel-Token': token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.message ?? ''}`);
    return result.value;
  };
}
