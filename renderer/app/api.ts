// The contract client: Electron's preload where it exists, else browser mode over HTTP.
// Every failed call also lands in the notifications store, so no failure goes unseen, and every
// answer's `changed` tables refetch the queries that read them.
import type { QueryKey } from '@tanstack/react-query';
import type { Api, Input, MethodName, Output, Result } from '../../shared/contract';
import type { ChosenFileInfo, FileMode, FilePurpose } from '../../shared/contract/files';
import { useNotifications } from './notifications';
import { invalidateChanged, queryClient } from './query-client';

/** The desktop's Open or Save dialog (electron/shell/files.ts): the chosen file's id and name, or null if cancelled. */
export type ChooseFile = (request: {
  purpose: FilePurpose;
  mode: FileMode;
  suggestedName?: string;
}) => Promise<Result<ChosenFileInfo | null>>;

declare global {
  interface Window {
    grantpanel?: Api & { chooseFile?: ChooseFile };
  }
}

// Kept for the browser, not the tab: a link opened in a new tab is the same session. The token lives
// only as long as the run that printed it (and its origin's port), so a stale one meets a one-line
// message from the core saying how to open the app.
const TOKEN_KEY = 'grantpanel-token';

function browserToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar, history and screenshots.
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

// Read (and taken out of the address) as the page starts, before anything renders or navigates:
// an address that still carried it would make a later visit to the same page look like a new one.
let token: string | null = typeof window !== 'undefined' && !window.grantpanel ? browserToken() : null;

/** Browser mode's other requests (uploads, downloads) carry the same token as contract calls. */
export function browserFetch(path: string, init: RequestInit = {}): Promise<Response> {
  token ??= browserToken();
  return fetch(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'X-GrantPanel-Token': token } });
}

async function overHttp<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  token ??= browserToken();
  let response: Response;
  try {
    response = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GrantPanel-Token': token },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'GrantPanel’s core is not answering — is it still running?' } };
  }
  try {
    return (await response.json()) as Result<Output<M>>;
  } catch {
    // It answered, but not with a result: said apart from silence, with what it did answer.
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `GrantPanel’s core gave an answer that could not be read (HTTP ${response.status}) — try again` },
    };
  }
}

/**
 * Calls a contract method; answers the Result envelope. Set quiet for errors the page shows itself.
 * Answers once the queries on screen that read what the call changed hold fresh data, so whatever
 * the caller shows next is already up to date — all but `except`, a query the caller sets from the
 * answer itself where reading it again would slow the screen down (a score entered at a key press).
 */
export async function call<M extends MethodName>(
  method: M,
  input: Input<M>,
  options: { quiet?: boolean; except?: QueryKey } = {},
): Promise<Result<Output<M>>> {
  const bridge: Api | undefined = window.grantpanel;
  const result = bridge ? ((await bridge[method](input)) as Result<Output<M>>) : await overHttp(method, input);
  // Locked or signed out (by hand in another window, or idle): the session screen says so, not a notice.
  if (!result.ok && result.error.code === 'SIGNED_OUT') void queryClient.invalidateQueries({ queryKey: ['session.current'] });
  else if (!result.ok && !options.quiet) useNotifications.getState().push('error', result.error.message);
  await invalidateChanged(queryClient, result.changed, options.except);
  return result;
}
