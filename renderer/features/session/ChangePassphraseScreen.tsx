// A person whose passphrase was given to them (added, or reset by an officer) chooses their own
// before anything else.
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useState } from 'react';
import type { SessionInfo } from '../../../shared/contract/session';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { SessionFrame } from './SessionFrame';
import { showSession } from './session-cache';
import { NOT_MATCHING, useSessionForm } from './session-form';

const FIELD_IDS: Record<string, string> = { current: 'current-passphrase', next: 'new-passphrase', confirm: 'new-passphrase-confirm' };

export function ChangePassphraseScreen({ session }: { session: SessionInfo }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useSessionForm('session.changePassphrase', 'current', () =>
    next && confirm !== next ? [{ field: 'confirm', message: NOT_MATCHING }] : { current, next },
  );

  async function signOut() {
    const result = await call('session.signOut', {}, { quiet: true });
    if (result.ok) showSession(result.value);
  }

  return (
    <SessionFrame
      title="Choose a new passphrase"
      lede={`${session.person?.name ?? 'You'}: the passphrase you were given was for your first sign-in only. Choose your own; nobody else needs to know it.`}
    >
      <ErrorSummary problems={form.problems} idFor={(f) => FIELD_IDS[f] ?? 'change-save'} />
      <form noValidate onSubmit={(e) => void form.submit(e)} aria-label="Choose a new passphrase">
        <TextField
          id="current-passphrase"
          label="The passphrase you were given"
          type="password"
          value={current}
          error={form.errorOf('current')}
          autoComplete="current-password"
          onChange={setCurrent}
        />
        <NewPassphraseFields
          id="new-passphrase"
          label="New passphrase"
          value={next}
          confirm={confirm}
          error={form.errorOf('next')}
          confirmError={form.errorOf('confirm')}
          onChange={setNext}
          onConfirm={setConfirm}
        />
        <div className="button-row">
          <button type="submit" className="button" id="change-save" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save and continue'}
          </button>
          <button type="button" className="button secondary" disabled={form.busy} onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}
