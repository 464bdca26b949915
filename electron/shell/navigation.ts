// Every web contents stays on app://grantpanel: no new windows, no navigating away, no webviews.
// Web links the user clicks open in their own browser instead.
import { shell, type WebContents } from 'electron';
import { isAppUrl } from './origin';

const guarded = new WeakSet<WebContents>();

/** Hands http(s) links to the system browser; anything else (file:, smb:, custom schemes) is dropped. */
export function openInBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
  void shell.openExternal(parsed.href).catch(() => undefined);
}

function keepInApp(event: { url: string; preventDefault(): void }): void {
  if (isAppUrl(event.url)) return;
  event.preventDefault();
  openInBrowser(event.url);
}

export function guardNavigation(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => keepInApp(event));
  // The CSP already keeps frames on the app's origin; this stops a frame navigating away.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    // A redirect is never a click by the user, so nothing opens in the browser.
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
