// The locked laptop: who locked it, their passphrase to unlock, or someone else signs in. Nothing
// from the register is on this screen.
import { useState } from 'react';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { SessionFrame } from './SessionFrame';
import { showSession } from './session-cache';
import { problemsOf, useSessionForm } from './session-form';

export function LockScreen({ lockedBy }: { lockedBy: { name: string } | null }) {
  const [passphrase, setPassphrase] = useState('');
  const form = useSessionForm('session.unlock', 'passphrase', () => ({ passphrase }));
  const [leaving, setLeaving] = useState(false);

  async function someoneElse() {
    setLeaving(true);
    const result = await call('session.signOut', {}, { quiet: true });
    setLeaving(false);
    if (!result.ok) return form.setProblems(problemsOf(result, 'someone-else'));
    showSession(result.value);
  }

  return (
    <SessionFrame title="This laptop is locked" lede={lockedBy ? <>Locked by {lockedBy.name}.</> : undefined}>
      <ErrorSummary problems={form.problems} idFor={(f) => (f === 'someone-else' ? 'someone-else' : 'unlock-passphrase')} />
      <form noValidate onSubmit={(e) => void form.submit(e)} aria-label="Unlock">
        <TextField
          id="unlock-passphrase"
          label={lockedBy ? `${lockedBy.name}’s passphrase` : 'Passphrase'}
          type="password"
          value={passphrase}
          error={form.errorOf('passphrase')}
          autoComplete="current-password"
          onChange={setPassphrase}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={form.busy || leaving}>
            {form.busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button
            type="button"
            className="button secondary"
            id="someone-else"
            disabled={form.busy || leaving}
            onClick={() => void someoneElse()}
          >
            Sign in as someone else
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}
