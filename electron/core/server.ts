// Browser mode: the same core and renderer over HTTP on 127.0.0.1 only, behind a per-run token
// and Host/Origin checks, so no other machine and no other web page can reach it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Core } from './app';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { FILE_KINDS, FILE_PURPOSES, type FilePurpose } from '../../shared/contract/files';
import { DomainError } from '../../shared/contract/result';
import { receiveUpload } from './files/transfer';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** A contract call's JSON: files come as uploads (POST /files), never inside a call. */
const MAX_BODY = 1024 * 1024;

export interface BrowserModeServer {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(core: Core, options: { rendererDir: string; port?: number }): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  let port = 0;

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, message: string) =>
    send(res, status, JSON.stringify({ ok: false, error: { code: status === 413 ? 'TOO_LARGE' : 'FORBIDDEN', message } }));

  const tokenMatches = (given: string | undefined) => {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS rebinding: only our own host names. Cross-site requests: only our own origin.
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'Unknown host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return refuse(res, 403, 'Unknown origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/files' || url.pathname.startsWith('/files/')) {
      if (!tokenMatches(req.headers['x-grantpanel-token'] as string | undefined))
        return refuse(res, 401, 'This page’s access token is missing or out of date — open the address GrantPanel printed when it started');
      if (url.pathname === '/files' && req.method === 'POST') return upload(req, res, url);
      if (req.method === 'GET') return download(res, decodeURIComponent(url.pathname.slice('/files/'.length)));
      return refuse(res, 405, 'Not allowed');
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST');
      if (!tokenMatches(req.headers['x-grantpanel-token'] as string | undefined))
        return refuse(res, 401, 'This page’s access token is missing or out of date — open the address GrantPanel printed when it started');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON');
      const body = await readBody(req, MAX_BODY);
      if (body === null) return refuse(res, 413, 'That request is too large: files are sent as uploads, not inside a call');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'The request was not valid JSON' } }));
      }
      const result = await core.dispatch(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return send(res, 200, JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Not allowed');
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = resolve(join(rendererDir, path));
    if (!file.startsWith(rendererDir + sep)) return refuse(res, 403, 'Not allowed');
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : content);
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
  }

  /**
   * An upload from the browser's file picker: streamed into the data folder's `incoming` folder and
   * answered with the id the page then names it by. Too large: 413, and the partial file is gone.
   */
  async function upload(req: IncomingMessage, res: ServerResponse, url: URL) {
    const purpose = url.searchParams.get('purpose') ?? '';
    if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
      req.resume();
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'Say what kind of file this is' } }));
    }
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > FILE_KINDS[purpose as FilePurpose].maxUploadBytes) {
      // Answer at once and close, rather than read gigabytes only to throw them away.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
    }
    try {
      const value = await receiveUpload(
        core.ctx.files,
        core.ctx.dataDir,
        req,
        purpose as FilePurpose,
        url.searchParams.get('name') ?? '',
        declared,
      );
      return send(res, 200, JSON.stringify({ ok: true, value, changed: [] }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { code, message, details } = error;
      // The body may be only half read: this connection is not to be used again.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      return send(
        res,
        code === 'TOO_LARGE' ? 413 : 400,
        JSON.stringify({ ok: false, error: { code, message, ...(details ? { details } : {}) } }),
      );
    }
  }

  /** A file the core wrote to `outgoing` for this page, sent once as a download and then deleted. */
  async function download(res: ServerResponse, id: string) {
    // Only what the core made to be downloaded, never a file chosen elsewhere whatever its id; and
    // claimed at once, so a second request finds nothing even while the first is being sent.
    const file = core.ctx.files.claimDownload(id);
    const opened = file && (await open(file.path).catch(() => undefined));
    // Single use: the name goes before a byte is sent; what is open is read to the end regardless.
    if (file) rmSync(file.path, { force: true });
    if (!file || !opened) return refuse(res, 404, 'There is no such file to download: save it again');
    // The read stream closes the file once it is sent; until then, a failure here must close it.
    const size = await opened.stat().then(
      (s) => s.size,
      async (error: unknown) => {
        await opened.close();
        throw error;
      },
    );
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.writeHead(200, {
      'Content-Type': FILE_KINDS[file.purpose].contentType,
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    await pipeline(opened.createReadStream(), res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'The request failed' } }));
    });
  });
  // The page's idle connections stay open until the browser closes them. Node's default closes one
  // after 5 s idle, and that can meet a call the page is sending on it at that moment: a POST is not
  // retried, so the call fails as "core not answering" (seen after a form sat untouched ~5 s).
  server.keepAliveTimeout = 0;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // Open keep-alive connections from the page would otherwise hold the server up.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => done(over ? null : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}
