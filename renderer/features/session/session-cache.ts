// Who is signed in decides what the renderer may hold: when the person changes (or nobody is signed
// in), everything read for the last one is forgotten, so one person's data never shows to the next.
import type { MethodName } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/session';
import { mayCall } from '../../../shared/contract/rules';
import { useNotifications } from '../../app/notifications';
import { queryClient } from '../../app/query-client';
import { sessionQuery, useSession } from '../../app/queries';

const sessionKey = sessionQuery({}).queryKey;

/** Drops every answer but the session's own (who is signed in, who can sign in), and the notices. */
export function forgetWhatWasRead(): void {
  queryClient.removeQueries({ predicate: (q) => !String(q.queryKey[0]).startsWith('session.') });
  useNotifications.getState().clear();
}

/** The last person signed in here: someone else signing in starts at the register, not on their page. */
let lastPerson: string | null = null;
let startAfresh = () => {};

/** What to do when someone other than the last person signs in (the app goes to its first page). */
export function whenSomeoneElseSignsIn(fn: () => void): void {
  startAfresh = fn;
}

/** The person the app opened with (a reload keeps the session, not this module's memory). */
export function notePersonShown(id: string): void {
  lastPerson ??= id;
}

/** Shows the session a session call answered, forgetting the last person's data if the person changed. */
export function showSession(info: SessionInfo): void {
  const before = queryClient.getQueryData(sessionKey);
  if (!info.person || before?.person?.id !== info.person.id) forgetWhatWasRead();
  if (info.person) {
    if (lastPerson !== null && lastPerson !== info.person.id) startAfresh();
    lastPerson = info.person.id;
  }
  queryClient.setQueryData(sessionKey, info);
}

/** Whether the signed-in person may call a method: what to hide. */
export function useMayCall(): (method: MethodName) => boolean {
  const session = useSession();
  const capabilities = session?.person?.capabilities ?? [];
  return (method) => session?.person != null && mayCall(method, capabilities);
}
