// Reinstating a withdrawn application asks why: the reason is kept in its history, and it is received again.
import { useEffect, useState, type FormEvent } from 'react';
import { applications } from '../../../shared/contract/applications';
import type { ApplicationDetail } from '../../../shared/contract/applications';
import type { FieldProblem } from '../../../shared/contract/result';
import { problemsFromZod } from '../../../shared/domain/application';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea } from '../../components/fields';

const idFor = () => 'reinstate-reason';

export function ReinstateForm({
  application,
  onCancel,
  onReinstated,
}: {
  application: ApplicationDetail;
  onCancel: () => void;
  onReinstated: () => void;
}) {
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(idFor())?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The contract's own rules, checked here first so the message sits by the field.
    const parsed = applications['applications.reinstate'].input.safeParse({ id: application.id, reason });
    if (!parsed.success) return setProblems(problemsFromZod(parsed.error));
    setBusy(true);
    const result = await call('applications.reinstate', parsed.data, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'reason', message: result.error.message }]);
    }
    useNotifications.getState().push('success', `${result.value.reference} reinstated`);
    onReinstated();
  };

  return (
    <form className="panel withdraw-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reinstate-title">
      <h2 id="reinstate-title">Reinstate {application.reference}</h2>
      <p>It goes back into the register as received. The reason it was withdrawn stays in its history.</p>
      <ErrorSummary problems={problems} idFor={idFor} />
      <TextArea
        id={idFor()}
        label="Why is the application being reinstated?"
        hint="For example, it was withdrawn by mistake. The reason is kept in the application’s history."
        value={reason}
        rows={3}
        error={problems.find((p) => p.field === 'reason')?.message}
        onChange={setReason}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Reinstate application
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
