// Withdrawing an application, or reinstating a withdrawn one, asks why: the reason is kept with it
// (and in its history). One form, worded for each.
import { useEffect, useState, type FormEvent } from 'react';
import { applications } from '../../../shared/contract/applications';
import type { ApplicationDetail } from '../../../shared/contract/applications';
import type { FieldProblem } from '../../../shared/contract/result';
import { problemsFromZod } from '../../../shared/domain/application';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea } from '../../components/fields';

const CHANGES = {
  withdraw: {
    method: 'applications.withdraw',
    title: 'Withdraw',
    lede: null,
    label: 'Why is the application being withdrawn?',
    hint: 'For example, the applicant asked to withdraw it. The reason is kept with the application.',
    button: 'Withdraw application',
    buttonClass: 'button danger',
    done: 'withdrawn',
  },
  reinstate: {
    method: 'applications.reinstate',
    title: 'Reinstate',
    lede: 'It goes back into the register as received. The reason it was withdrawn stays in its history.',
    label: 'Why is the application being reinstated?',
    hint: 'For example, it was withdrawn by mistake. The reason is kept in the application’s history.',
    button: 'Reinstate application',
    buttonClass: 'button',
    done: 'reinstated',
  },
} as const;

export function StatusChangeForm({
  change,
  application,
  onCancel,
  onDone,
}: {
  change: keyof typeof CHANGES;
  application: ApplicationDetail;
  onCancel: () => void;
  onDone: () => void;
}) {
  const words = CHANGES[change];
  const fieldId = `${change}-reason`;
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The contract's own rules, checked here first so the message sits by the field.
    const parsed = applications[words.method].input.safeParse({ id: application.id, reason });
    if (!parsed.success) return setProblems(problemsFromZod(parsed.error));
    setBusy(true);
    const result = await call(words.method, parsed.data, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'reason', message: result.error.message }]);
    }
    useNotifications.getState().push('success', `${result.value.reference} ${words.done}`);
    onDone();
  };

  return (
    <form className="panel withdraw-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${change}-title`}>
      <h2 id={`${change}-title`}>
        {words.title} {application.reference}
      </h2>
      {words.lede ? <p>{words.lede}</p> : null}
      <ErrorSummary problems={problems} idFor={() => fieldId} />
      <TextArea
        id={fieldId}
        label={words.label}
        hint={words.hint}
        value={reason}
        rows={3}
        error={problems.find((p) => p.field === 'reason')?.message}
        onChange={setReason}
      />
      <div className="button-row">
        <button type="submit" className={words.buttonClass} disabled={busy}>
          {words.button}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
