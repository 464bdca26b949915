// The app:// scheme: the renderer's files, served from dist/renderer with a strict CSP.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import { APP_HOST, APP_SCHEME } from './origin';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before the app is ready: a standard, secure scheme gets a real origin and fetch(). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererDir));
}

function respond(status: number, body: BodyInit | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    },
  });
}

/**
 * The file under `rendererDir` a request names, or null when it names anything outside it
 * (`..`, encoded separators, absolute or drive paths, NUL bytes).
 */
export function resolveRendererFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  let relative: string;
  try {
    url = new URL(requestUrl);
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}

export async function serveRenderer(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
  const file = resolveRendererFile(request.url, rendererDir);
  if (file === null) return respond(403, 'Forbidden');
  try {
    const body = await readFile(file);
    return respond(
      200,
      request.method === 'HEAD' ? null : new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
      mimeTypeFor(file),
    );
  } catch {
    return respond(404, 'Not found');
  }
}
