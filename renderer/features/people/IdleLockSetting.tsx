// How long this laptop waits with nobody at it before it locks itself.
import { useState, type FormEvent } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { queryClient } from '../../app/query-client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { problemsOf } from '../session/session-form';

export function IdleLockSetting({ minutes }: { minutes: number }) {
  const [value, setValue] = useState(String(minutes));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim())) return setProblems([{ field: 'minutes', message: 'Enter a whole number of minutes, like 15' }]);
    setSaving(true);
    const result = await call('session.setIdleLock', { minutes: n }, { quiet: true });
    setSaving(false);
    if (!result.ok) return setProblems(problemsOf(result, 'minutes'));
    setProblems([]);
    await queryClient.invalidateQueries({ queryKey: ['session.current'] });
    useNotifications.getState().push('success', `This laptop now locks after ${n} ${n === 1 ? 'minute' : 'minutes'} with nobody at it`);
  }

  return (
    <section aria-labelledby="idle-lock-title">
      <h2 id="idle-lock-title">Locking this laptop</h2>
      <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="idle-lock-title">
        <ErrorSummary problems={problems} idFor={() => 'idle-lock-minutes'} />
        <TextField
          id="idle-lock-minutes"
          label="Lock after this many minutes with no typing or mouse"
          hint="Between 1 and 240. Whoever was signed in unlocks it with their passphrase."
          className="narrow"
          inputMode="numeric"
          value={value}
          error={problems[0]?.message}
          onChange={setValue}
        />
        <div className="button-row">
          <button type="submit" className="button secondary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
