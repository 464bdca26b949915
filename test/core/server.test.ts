import { afterAll, beforeAll, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { startServer, type BrowserModeServer } from '../../electron/core/server';

let core: TestCore;
let server: BrowserModeServer;
const rendererDir = join(tempDir(), 'renderer');

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>GrantPanel</title>');
  writeFileSync(join(rendererDir, '..', 'secret.txt'), 'not for you');
  core = makeCore();
  // As a page reaches it: no test shortcut turning paths into chosen files.
  server = await startServer({ ...core, dispatch: core.pageDispatch }, { rendererDir });
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        // A connection of its own each time: an earlier answer may have closed its connection
        // (a refused upload does), and reusing a pooled one would race that close.
        agent: false,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', (error) => reject(new Error(`${options.method ?? 'GET'} ${path}: ${error.message}`)));
    req.end(options.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-GrantPanel-Token': server.token, ...headers },
    body: JSON.stringify(input),
  });

test('listens on 127.0.0.1 only, with a token in the printed URL', () => {
  expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
  expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
});

test('never closes the page’s idle connections itself: a call sent as it closed one would fail', () => {
  // Node closes an idle keep-alive connection after 5 s by default; 0 leaves that to the browser.
  expect(server.server.keepAliveTimeout).toBe(0);
});

test('serves the renderer with a strict Content-Security-Policy, and nothing outside it', async () => {
  const page = await send('/');
  expect(page.status).toBe(200);
  expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
  expect((await send('/../secret.txt')).body).not.toContain('not for you');
  expect((await send('/%2e%2e/secret.txt')).body).not.toContain('not for you');
  expect((await send('/..%2fsecret.txt')).status).toBe(403);
});

test('answers contract calls with the Result envelope when the token is right', async () => {
  const res = await api('catalogue.funds', {});
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 'acf' })]) });
  expect(JSON.parse((await api('applications.list', { limit: -1 })).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('refuses a missing or wrong token, a foreign Host (DNS rebinding) and a foreign Origin', async () => {
  expect((await api('catalogue.funds', {}, { 'X-GrantPanel-Token': 'guess' })).status).toBe(401);
  expect((await send('/api/catalogue.funds', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(
    401,
  );
  expect((await api('catalogue.funds', {}, { Host: 'evil.example:80' })).status).toBe(403);
  expect((await api('catalogue.funds', {}, { Origin: 'http://evil.example' })).status).toBe(403);
  expect((await api('catalogue.funds', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  expect((await send('/api/catalogue.funds', { headers: { 'X-GrantPanel-Token': server.token } })).status).toBe(405);
});

test('malformed JSON and an oversized body are refused without touching the data', async () => {
  const bad = await send('/api/applications.create', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-GrantPanel-Token': server.token },
    body: '{"oops',
  });
  expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  // Files come as uploads, never inside a call: a call's body is small.
  const huge = await api('applications.create', { text: 'A'.repeat(2 * 1024 * 1024) });
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
});

const upload = (purpose: string, name: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  send(`/files?purpose=${purpose}&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-GrantPanel-Token': server.token, ...headers },
    body,
  });

test('a file is uploaded with the token only, streamed into the data folder, and named by the id it is answered with', async () => {
  expect((await upload('csv', 'a.csv', 'x', { 'X-GrantPanel-Token': 'guess' })).status).toBe(401);
  expect((await upload('csv', 'a.csv', 'x', { Origin: 'http://evil.example' })).status).toBe(403);
  expect((await upload('secrets', 'a.csv', 'x')).status).toBe(400);
  expect(JSON.parse((await upload('roster', '../../a.gproster', 'x')).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const res = await upload('roster', 'office.gproster', 'not a zip');
  expect(res.status).toBe(200);
  const { value } = JSON.parse(res.body) as { value: { file: string; name: string } };
  expect(value).toEqual({ file: expect.stringMatching(/^f-[\w-]{32}$/), name: 'office.gproster' });
  expect(core.ctx.files.get(value.file)?.path.startsWith(join(core.dataDir, 'incoming'))).toBe(true);
  // The page names it by id: checked like any roster (this one is not a zip).
  expect(JSON.parse((await api('roster.verify', { file: value.file })).body)).toMatchObject({
    ok: false,
    error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('not a GrantPanel roster') },
  });
  // An upload cannot be downloaded back: only files the core wrote for download can.
  expect((await send(`/files/${value.file}`, { headers: { 'X-GrantPanel-Token': server.token } })).status).toBe(404);
});

test('an upload over its kind’s limit is refused with 413, and nothing is left of it', async () => {
  const before = readdirSync(join(core.dataDir, 'incoming')).length;
  const big = await upload('roster', 'big.gproster', Buffer.alloc(2 * 1024 * 1024 + 1));
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', message: expect.stringContaining('2 MB') } });
  const declared = await upload('roster', 'big.gproster', 'tiny', { 'Content-Length': String(3 * 1024 * 1024) });
  expect(declared.status).toBe(413);
  expect(readdirSync(join(core.dataDir, 'incoming'))).toHaveLength(before);
});

test('a page in browser mode cannot name a path, even with the token', async () => {
  const outside = join(tempDir(), 'written-by-a-page.gpbundle');
  expect(JSON.parse((await api('bundles.export', { file: outside })).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(JSON.parse((await api('bundles.verify', { file: '/etc/passwd' })).body)).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
  expect(existsSync(outside)).toBe(false);
});

test('a written bundle is downloaded once, with the token, under its name; then it is gone', async () => {
  const made = JSON.parse((await api('files.create', { purpose: 'bundle', name: 'to-office.gpbundle' })).body) as {
    value: { file: string };
  };
  const id = made.value.file;
  expect(JSON.parse((await api('bundles.export', { file: id })).body)).toMatchObject({ ok: true, value: { file: 'to-office.gpbundle' } });
  expect((await send(`/files/${id}`)).status).toBe(401);
  const got = await send(`/files/${id}`, { headers: { 'X-GrantPanel-Token': server.token } });
  expect(got.status).toBe(200);
  expect(got.headers['content-disposition']).toBe(`attachment; filename="to-office.gpbundle"; filename*=UTF-8''to-office.gpbundle`);
  expect(got.body.slice(0, 2)).toBe('PK');
  expect((await send(`/files/${id}`, { headers: { 'X-GrantPanel-Token': server.token } })).status).toBe(404);
  expect(readdirSync(join(core.dataDir, 'outgoing'))).toEqual([]);
});

test('two requests for the same download at once: one gets the file, the other 404 — never a broken answer', async () => {
  const made = JSON.parse((await api('files.create', { purpose: 'bundle', name: 'twice.gpbundle' })).body) as { value: { file: string } };
  const id = made.value.file;
  expect(JSON.parse((await api('bundles.export', { file: id })).body)).toMatchObject({ ok: true });
  const withToken = { headers: { 'X-GrantPanel-Token': server.token } };
  const answers = await Promise.all([send(`/files/${id}`, withToken), send(`/files/${id}`, withToken)]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
  expect(answers.find((a) => a.status === 200)?.body.slice(0, 2)).toBe('PK');
  expect(readdirSync(join(core.dataDir, 'outgoing'))).toEqual([]);
});
