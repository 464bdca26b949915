// Withdrawing an application asks why: the reason is kept with it in the register.
import { useEffect, useState, type FormEvent } from 'react';
import { applications } from '../../../shared/contract/applications';
import type { ApplicationDetail } from '../../../shared/contract/applications';
import type { FieldProblem } from '../../../shared/contract/result';
import { problemsFromZod } from '../../../shared/domain/application';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea } from '../../components/fields';

const idFor = () => 'withdraw-reason';

export function WithdrawForm({
  application,
  onCancel,
  onWithdrawn,
}: {
  application: ApplicationDetail;
  onCancel: () => void;
  onWithdrawn: () => void;
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
    const input = { id: application.id, reason };
    const parsed = applications['applications.withdraw'].input.safeParse(input);
    if (!parsed.success) return setProblems(problemsFromZod(parsed.error));
    setBusy(true);
    const result = await call('applications.withdraw', parsed.data, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'reason', message: result.error.message }]);
    }
    useNotifications.getState().push('success', `${result.value.reference} withdrawn`);
    onWithdrawn();
  };

  return (
    <form className="panel withdraw-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw {application.reference}</h2>
      <ErrorSummary problems={problems} idFor={idFor} />
      <TextArea
        id={idFor()}
        label="Why is the application being withdrawn?"
        hint="For example, the applicant asked to withdraw it. The reason is kept with the application."
        value={reason}
        rows={3}
        error={problems.find((p) => p.field === 'reason')?.message}
        onChange={setReason}
      />
      <div className="button-row">
        <button type="submit" className="button danger" disabled={busy}>
          Withdraw application
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
