// Warns before a changed form is left unsaved: by a link or Back in the app, and by closing the
// window or tab. A panel member at a community hall must not lose a half-typed paper form to a
// stray click. Saving calls the function it returns, so the page it then opens is not questioned.
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

export const LEAVE_QUESTION = 'Leave this page? What you have entered here is not saved and will be lost.';

export function useLeaveWarning(changed: boolean): () => void {
  const saved = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => changed && !saved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(LEAVE_QUESTION)) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  useEffect(() => {
    if (!changed) return;
    // The browser asks in its own words; the event only has to be cancelled.
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [changed]);
  return () => {
    saved.current = true;
  };
}
