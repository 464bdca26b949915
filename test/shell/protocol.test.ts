import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electronFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

const { handleAppScheme, registerAppScheme, resolveRendererFile, serveRenderer } = await import('../../electron/shell/protocol');

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

let work: string;
let renderer: string;

beforeAll(() => {
  // A secret beside the renderer folder, and one in a sibling whose name starts the same.
  work = mkdtempSync(path.join(tmpdir(), 'grantpanel-protocol-'));
  renderer = path.join(work, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  mkdirSync(path.join(work, 'renderer-secrets'));
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>GrantPanel</title>');
  writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(work, 'renderer-secrets', 'secret.txt'), 'SECRET');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveRenderer(new Request(url, { method }), renderer);

describe('app:// protocol', () => {
  it('registers app as a standard, secure, fetchable scheme and serves it', () => {
    registerAppScheme();
    expect(electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    handleAppScheme(renderer);
    expect(electronFake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves index.html with its MIME type and the strict CSP', async () => {
    for (const url of ['app://grantpanel/index.html', 'app://grantpanel/']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>GrantPanel</title>');
    }
  });

  it('serves scripts and styles with their MIME types', async () => {
    expect((await get('app://grantpanel/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://grantpanel/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://grantpanel/..%2fsecret.txt',
    'app://grantpanel/assets/..%2f..%2fsecret.txt',
    'app://grantpanel/%2e%2e%2fsecret.txt',
    'app://grantpanel/..%2frenderer-secrets%2fsecret.txt',
    'app://grantpanel/%2Fetc%2Fpasswd',
    'app://grantpanel/..%5c..%5csecret.txt',
    'app://grantpanel/index.html%00.png',
    'app://grantpanel/%E0%A4%A',
  ])('refuses to serve anything outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it('resolves traversal attempts to nothing', () => {
    expect(resolveRendererFile('app://grantpanel/..%2fsecret.txt', renderer)).toBeNull();
    expect(resolveRendererFile('app://grantpanel/..%2frenderer-secrets/secret.txt', renderer)).toBeNull();
    expect(resolveRendererFile('app://grantpanel/..', renderer)).toBe(path.join(renderer, 'index.html'));
    expect(resolveRendererFile('app://grantpanel/assets/x.js', renderer)).toBe(path.join(renderer, 'assets', 'x.js'));
  });

  it('answers only its own host and only reads', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://grantpanel/index.html', 'POST')).status).toBe(405);
    expect((await get('app://grantpanel/missing.js')).status).toBe(404);
    expect((await get('app://grantpanel/assets')).status).toBe(404);
  });
});
