// Shows the screen the laptop's session asks for — set up, name the officer, sign in, unlock, choose
// a new passphrase — and the app itself only to a person signed in. Locks after idle input.
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { call } from '../../app/api';
import { sessionQuery } from '../../app/queries';
import { ChangePassphraseScreen } from './ChangePassphraseScreen';
import { ACTIVITY_EVENTS, IdleTimer, realClock } from './idle-timer';
import { LockScreen } from './LockScreen';
import { SetUpScreen } from './SetUpScreen';
import { SignInScreen } from './SignInScreen';
import { forgetWhatWasRead, notePersonShown, showSession } from './session-cache';

export async function lockNow(): Promise<void> {
  const result = await call('session.lock', {});
  if (result.ok) showSession(result.value);
}

export async function switchPerson(): Promise<void> {
  const result = await call('session.signOut', {});
  if (result.ok) showSession(result.value);
}

/**
 * Locks after `minutes` with no keyboard, pointer or touch input. The core locks too, after as long
 * without a call: while someone is typing a long form, session.touch now and then tells it they are here.
 */
function useIdleLock(minutes: number): void {
  useEffect(() => {
    const idleMs = minutes * 60_000;
    const timer = new IdleTimer(idleMs, () => void lockNow());
    let told = realClock.now();
    const active = () => {
      timer.activity();
      if (realClock.now() - told < idleMs / 4) return;
      told = realClock.now();
      void call('session.touch', {}, { quiet: true });
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, active, { passive: true, capture: true });
    return () => {
      timer.stop();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, active, { capture: true });
    };
  }, [minutes]);
}

function SignedIn({ minutes, children }: { minutes: number; children: ReactNode }) {
  useIdleLock(minutes);
  return <>{children}</>;
}

export function SessionGate({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQuery({}));
  const info = session.data;
  const state = info?.state;
  useEffect(() => {
    // Locked or signed out: nothing read for the last person stays in memory.
    if (state && state !== 'signed-in') forgetWhatWasRead();
  }, [state]);
  const personId = info?.person?.id;
  useEffect(() => {
    if (personId) notePersonShown(personId);
  }, [personId]);

  // The core did not answer (no access token, say): the app's own pages say why.
  if (!info) return session.isError ? <>{children}</> : null;
  switch (info.state) {
    case 'set-up':
      return <SetUpScreen claiming={false} />;
    case 'claim':
      return <SetUpScreen claiming />;
    case 'signed-out':
      return <SignInScreen session={info} />;
    case 'locked':
      return <LockScreen lockedBy={info.lockedBy} />;
    case 'signed-in':
      return info.person?.mustChangePassphrase ? (
        <ChangePassphraseScreen session={info} />
      ) : (
        <SignedIn minutes={info.idleLockMinutes}>{children}</SignedIn>
      );
  }
}
