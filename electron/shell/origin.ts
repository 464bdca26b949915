// The one origin the renderer is served from. Pure Node: the IPC check and the tests use it too.
export const APP_SCHEME = 'app';
export const APP_HOST = 'grantpanel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on app://grantpanel. Compared by scheme and host rather than `URL.origin`,
 * because WHATWG URL gives non-special schemes such as app: the opaque origin "null".
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
