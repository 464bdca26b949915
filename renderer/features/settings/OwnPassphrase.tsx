// Changing your own passphrase, whenever you like: the same check as the first time, and the new
// one reaches other laptops with the next protected bundle from this one.
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { NOT_MATCHING, useSessionForm } from '../session/session-form';

const FIELD_IDS: Record<string, string> = { current: 'own-current', next: 'own-next', confirm: 'own-next-confirm' };

export function OwnPassphrase() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState(false);
  const form = useSessionForm('session.changePassphrase', 'current', () =>
    next && confirm !== next ? [{ field: 'confirm', message: NOT_MATCHING }] : { current, next },
  );

  async function save(e: FormEvent) {
    setChanged(false);
    if (!(await form.submit(e))) return;
    setCurrent('');
    setNext('');
    setConfirm('');
    setChanged(true);
  }

  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Your passphrase</h2>
      <ErrorSummary problems={form.problems} idFor={(f) => FIELD_IDS[f] ?? 'own-save'} />
      {changed ? (
        <p className="panel" role="status">
          Your passphrase is changed. Other laptops learn it with the next protected bundle from this one; until then, sign in there with
          your old one.
        </p>
      ) : null}
      <form noValidate onSubmit={(e) => void save(e)} aria-label="Change your passphrase">
        <TextField
          id="own-current"
          label="Your current passphrase"
          type="password"
          value={current}
          error={form.errorOf('current')}
          autoComplete="current-password"
          onChange={setCurrent}
        />
        <NewPassphraseFields
          id="own-next"
          label="New passphrase"
          value={next}
          confirm={confirm}
          error={form.errorOf('next')}
          confirmError={form.errorOf('confirm')}
          onChange={setNext}
          onConfirm={setConfirm}
        />
        <button type="submit" className="button" id="own-save" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Change passphrase'}
        </button>
      </form>
    </section>
  );
}
