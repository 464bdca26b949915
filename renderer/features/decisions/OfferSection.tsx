// On an application's page, under its decision: the offer of an approved application — when its
// letter was sent and when the signed acceptance came back — and, for a grants officer, the forms
// to record each. Both are about the decision standing now (docs/statuses.md).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { OfferView } from '../../../shared/contract/offers';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatDate, ukIsoDay } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { readQuery } from '../../app/read-query';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useMayCall } from '../session/session-cache';

export const offerQuery = readQuery('offers.get', ['offers', 'decisions', 'entries', 'application_stages', 'applications', 'people'], {
  quiet: true,
});

/** Today as a person types it: 28/11/2026. */
function todayTyped(): string {
  const [y, m, d] = ukIsoDay(new Date()).split('-');
  return `${d}/${m}/${y}`;
}

type Step = 'sentOn' | 'acceptedOn';

const STEPS: Record<
  Step,
  { method: 'offers.recordSent' | 'offers.recordAccepted'; heading: string; label: string; button: string; done: string }
> = {
  sentOn: {
    method: 'offers.recordSent',
    heading: 'Record that the offer was sent',
    label: 'Date the offer was sent',
    button: 'Record that the offer was sent',
    done: 'Offer recorded as sent',
  },
  acceptedOn: {
    method: 'offers.recordAccepted',
    heading: 'Record the signed acceptance',
    label: 'Date the signed acceptance came back',
    button: 'Record the signed acceptance',
    done: 'Signed acceptance recorded',
  },
};

function RecordForm({ step, applicationId, decisionId }: { step: Step; applicationId: string; decisionId: string }) {
  const words = STEPS[step];
  const [day, setDay] = useState(step === 'sentOn' ? todayTyped() : '');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const idFor = (field: string) => `offer-${field === 'sentOn' || field === 'acceptedOn' ? field : step}`;

  async function record(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const input = step === 'sentOn' ? { applicationId, decisionId, sentOn: day } : { applicationId, decisionId, acceptedOn: day };
    const result = await call(words.method, input as never, { quiet: true });
    setBusy(false);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: step, message: result.error.message }]);
    setProblems([]);
    const saved = result.value as OfferView;
    useNotifications
      .getState()
      .push('success', `${words.done}: ${formatDate((step === 'sentOn' ? saved.sentOn : saved.acceptedOn) ?? '')}`);
    document.getElementById('offer-heading')?.focus();
  }

  return (
    <form noValidate onSubmit={(e) => void record(e)} aria-labelledby={`offer-${step}-heading`} className="offer-form">
      <h3 id={`offer-${step}-heading`}>{words.heading}</h3>
      <ErrorSummary problems={problems} idFor={idFor} />
      <TextField
        id={idFor(step)}
        label={words.label}
        hint="Like 28/11/2026 — not a day still to come"
        className="date-input"
        value={day}
        error={problems[0]?.message}
        onChange={setDay}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Recording…' : words.button}
      </button>
    </form>
  );
}

export function OfferSection({ applicationId, withdrawn }: { applicationId: string; withdrawn: boolean }) {
  const may = useMayCall();
  const offer = useQuery({ ...offerQuery({ applicationId }), enabled: may('offers.get') });
  const o = offer.data;
  // Only an approval (in full or amended) is offered.
  if (!o?.decision || o.decision.decision === 'decline') return null;
  const canRecord = may('offers.recordSent') && !withdrawn;
  return (
    <section aria-labelledby="offer-heading">
      <h2 id="offer-heading" tabIndex={-1}>
        Offer
      </h2>
      <dl className="summary-list">
        <dt>Offer letter sent</dt>
        <dd>{o.sentOn ? `${formatDate(o.sentOn)}, recorded by ${o.sentBy ?? 'someone not yet known here'}` : 'Not recorded yet'}</dd>
        <dt>Signed acceptance</dt>
        <dd>
          {o.acceptedOn ? `${formatDate(o.acceptedOn)}, recorded by ${o.acceptedBy ?? 'someone not yet known here'}` : 'Not received yet'}
        </dd>
      </dl>
      {canRecord && !o.sentOn ? <RecordForm key="sentOn" step="sentOn" applicationId={applicationId} decisionId={o.decision.id} /> : null}
      {canRecord && o.sentOn && !o.acceptedOn ? (
        <RecordForm key="acceptedOn" step="acceptedOn" applicationId={applicationId} decisionId={o.decision.id} />
      ) : null}
    </section>
  );
}
