// A forgotten passphrase: the officer gives a new temporary one; the person chooses their own at next sign-in.
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useEffect, useState, type FormEvent } from 'react';
import type { PersonSummary } from '../../../shared/contract/people';
import type { FieldProblem } from '../../../shared/contract/result';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useLeaveWarning } from '../../components/leave-warning';
import { NOT_MATCHING, problemsOf } from '../session/session-form';

export function ResetPassphraseForm({ person, onSaved, onCancel }: { person: PersonSummary; onSaved: () => void; onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const saved = useLeaveWarning(passphrase !== '' || confirm !== '');
  useEffect(() => {
    document.getElementById('reset-passphrase')?.focus();
  }, []);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (passphrase && confirm !== passphrase) return setProblems([{ field: 'confirm', message: NOT_MATCHING }]);
    setSaving(true);
    const result = await call('people.resetPassphrase', { id: person.id, passphrase }, { quiet: true });
    setSaving(false);
    if (!result.ok) return setProblems(problemsOf(result, 'passphrase'));
    saved();
    onSaved();
  }

  return (
    <form noValidate className="inline-form" aria-label={`Reset ${person.name}’s passphrase`} onSubmit={(e) => void submit(e)}>
      <h3>Reset {person.name}’s passphrase</h3>
      <p className="hint">
        Their old passphrase stops working here, and on other laptops once a protected bundle reaches them. They choose their own at next
        sign-in.
      </p>
      <ErrorSummary problems={problems} idFor={(f) => (f === 'confirm' ? 'reset-passphrase-confirm' : 'reset-passphrase')} />
      <NewPassphraseFields
        id="reset-passphrase"
        label="New temporary passphrase"
        hint="Give it to them in person."
        value={passphrase}
        confirm={confirm}
        error={errorOf('passphrase')}
        confirmError={errorOf('confirm')}
        onChange={setPassphrase}
        onConfirm={setConfirm}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Reset passphrase'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
