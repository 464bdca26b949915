// On an application's page: the Chief Executive's decision on it — standing, with its signature
// checked, and earlier ones it superseded — and, for the Chief Executive, the form to decide:
// approve, amend the amount (with a reason) or decline (with a reason), signed with their
// passphrase at that moment.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DecisionView } from '../../../shared/contract/decisions';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { DECISIONS, type Decision } from '../../../shared/domain/decisions';
import { formatPence, parseMoney } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { readQuery } from '../../app/read-query';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SaveDocumentButton } from '../../components/SaveDocumentButton';
import { HintAndError, TextArea, TextField } from '../../components/fields';
import { useMayCall } from '../session/session-cache';

export const decisionsQuery = readQuery('decisions.list', ['decisions', 'entries', 'applications'], { quiet: true });

const idFor = (field: string) => `decision-${field}`;
const CHOICES: Record<Decision, string> = {
  approve: 'Approve',
  amend: 'Approve a different amount',
  decline: 'Decline',
};

export function decisionWords(d: Pick<DecisionView, 'decision' | 'amountPence'>): string {
  return d.decision === 'decline' ? DECISIONS.decline : `${DECISIONS[d.decision]}: ${formatPence(d.amountPence)}`;
}

function SignedBy({ d }: { d: DecisionView }) {
  return (
    <>
      Signed by {d.signerName}, {formatInstant(d.signedAt)}.{' '}
      <span className={`tag ${d.valid ? 'open' : 'withdrawn'}`}>{d.valid ? 'Signature valid' : 'Signature does not verify'}</span>
    </>
  );
}

function DecideForm({ applicationId, requested, onSigned }: { applicationId: string; requested: number; onSigned: () => void }) {
  const [decision, setDecision] = useState<Decision | ''>('');
  const [amount, setAmount] = useState(formatPence(requested));
  const [reason, setReason] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  async function sign(e: FormEvent) {
    e.preventDefault();
    const local: FieldProblem[] = [];
    if (!decision) local.push({ field: 'decision', message: 'Choose approve, a different amount or decline' });
    const amountPence = decision === 'decline' ? null : parseMoney(amount);
    if (decision && decision !== 'decline' && amountPence === null)
      local.push({ field: 'amountPence', message: 'Enter the amount in pounds, like £1,250.00' });
    if (local.length || !decision) return setProblems(local);
    setBusy(true);
    const result = await call(
      'decisions.sign',
      { applicationId, decision, amountPence: decision === 'approve' ? requested : amountPence, reason, passphrase },
      { quiet: true },
    );
    setBusy(false);
    setPassphrase('');
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'decision', message: result.error.message }]);
    setProblems([]);
    useNotifications.getState().push('success', `Decision signed: ${decisionWords(result.value)}`);
    onSigned();
  }

  return (
    <form noValidate onSubmit={(e) => void sign(e)} aria-labelledby="decide-heading" className="decide-form">
      <h3 id="decide-heading">Decide</h3>
      <ErrorSummary problems={problems} idFor={idFor} />
      <fieldset className={`field checks${errorOf('decision') ? ' invalid' : ''}`}>
        <legend>Your decision</legend>
        <HintAndError id={idFor('decision')} error={errorOf('decision')} />
        {(['approve', 'amend', 'decline'] as const).map((d, i) => (
          <label key={d}>
            <input
              type="radio"
              id={i === 0 ? idFor('decision') : `${idFor('decision')}-${d}`}
              name="decision"
              checked={decision === d}
              onChange={() => setDecision(d)}
            />{' '}
            {d === 'approve' ? `${CHOICES[d]} ${formatPence(requested)}, as requested` : CHOICES[d]}
          </label>
        ))}
      </fieldset>
      {decision === 'amend' ? (
        <TextField
          id={idFor('amountPence')}
          label="Amount to award"
          hint={`No more than the ${formatPence(requested)} requested`}
          className="money-input"
          inputMode="decimal"
          value={amount}
          error={errorOf('amountPence')}
          onChange={setAmount}
        />
      ) : null}
      {decision === 'amend' || decision === 'decline' ? (
        <TextArea
          id={idFor('reason')}
          label={decision === 'decline' ? 'Why it is declined' : 'Why the amount is different'}
          hint="The applicant is told this in their letter, in these words"
          rows={3}
          value={reason}
          error={errorOf('reason')}
          onChange={setReason}
        />
      ) : null}
      <TextField
        id={idFor('passphrase')}
        label="Your passphrase, to sign"
        hint="Your decision is signed with your own key, which your passphrase opens"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        error={errorOf('passphrase')}
        onChange={setPassphrase}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Signing…' : 'Sign the decision'}
      </button>
    </form>
  );
}

export function DecisionSection({
  applicationId,
  roundId,
  requested,
  withdrawn,
}: {
  applicationId: string;
  roundId: string;
  requested: number;
  withdrawn: boolean;
}) {
  const may = useMayCall();
  const list = useQuery({ ...decisionsQuery({ roundId }), enabled: may('decisions.list') });
  const [deciding, setDeciding] = useState(false);
  if (!may('decisions.list') || !list.data) return null;
  const mine = list.data.filter((d) => d.applicationId === applicationId);
  const standing = mine.filter((d) => !d.superseded);
  const earlier = mine.filter((d) => d.superseded);
  const canSign = may('decisions.sign') && !withdrawn;
  if (mine.length === 0 && !canSign) return null;
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading" tabIndex={-1}>
        Decision
      </h2>
      {standing.length === 0 ? <p>Not decided yet.</p> : null}
      {standing.map((d) => (
        <div key={d.id} className="panel decision">
          <p className="decision-words">{decisionWords(d)}</p>
          {d.reason ? <p className="prose">{d.reason}</p> : null}
          <p className="hint">
            <SignedBy d={d} />
          </p>
          {d.valid && standing.length === 1 && may('letters.write') ? (
            <SaveDocumentButton
              purpose="pdf"
              fileName={`${d.reference}-${d.decision === 'decline' ? 'decline' : 'offer'}.pdf`}
              write={(file) => call('letters.write', { decisionId: d.id, file })}
              label={d.decision === 'decline' ? 'Download the decline letter (PDF)' : 'Download the offer letter (PDF)'}
              busyLabel="Making the letter…"
              saved="the letter"
            />
          ) : null}
        </div>
      ))}
      {standing.length > 1 ? (
        <p className="panel warning">Two decisions were signed without seeing each other: sign one that settles them.</p>
      ) : null}
      {earlier.length > 0 ? (
        <details>
          <summary>Earlier decisions ({earlier.length})</summary>
          <ul>
            {earlier.map((d) => (
              <li key={d.id}>
                {decisionWords(d)}
                {d.reason ? `: ${d.reason}` : ''}. <SignedBy d={d} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canSign ? (
        deciding || standing.length === 0 ? (
          <DecideForm
            applicationId={applicationId}
            requested={requested}
            onSigned={() => {
              setDeciding(false);
              document.getElementById('decision-heading')?.focus();
            }}
          />
        ) : (
          <button type="button" className="button secondary" onClick={() => setDeciding(true)}>
            Sign a new decision
          </button>
        )
      ) : null}
    </section>
  );
}
