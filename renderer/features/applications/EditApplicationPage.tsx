// Correcting a received application (a typo, a revised budget): the same fields as a new one,
// filled in from the register. Its reference and round stay as received, and the contact details
// may be left blank on a laptop that does not hold them.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { FieldProblem } from '../../../shared/contract/result';
import { draftOf } from '../../../shared/domain/application';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { useLeaveWarning } from '../../components/leave-warning';
import {
  arrangeProblems,
  checkForm,
  emptyForm,
  fieldId,
  formFromDraft,
  roundContext,
  unnest,
  type ApplicationForm,
} from './application-form';
import { ApplicationFields } from './ApplicationFields';
import { ReceivedOnField } from './ReceivedOnField';
import { applicationQuery } from './queries';

const CONTACT_NOT_HELD = 'This laptop does not hold the contact details. Leave them blank to keep them as they are, or enter new ones.';
/** Where problems with the fixed fields (reference, round) lead: the summary that shows them. */
const FIXED_ID = 'application-fixed';

export function EditApplicationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  // Carried through so "Back to applications" on the detail page still returns to the filtered register.
  const backState: unknown = useLocation().state;
  const { rounds, funds, plans, areas } = useCatalogue();
  const application = useQuery(applicationQuery({ id }));
  const [form, setForm] = useState<ApplicationForm>(() => emptyForm());
  /** The application the form was filled from: filled once, so a refetch never overwrites what is being typed. */
  const [filledFrom, setFilledFrom] = useState<string | null>(null);
  /** The form as filled, so leaving after a change can ask first. */
  const [filled, setFilled] = useState<ApplicationForm | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const allowLeaving = useLeaveWarning(filled !== null && JSON.stringify(form) !== JSON.stringify(filled));

  useEffect(() => {
    if (!application.data || filledFrom === application.data.id) return;
    const asHeld = formFromDraft(draftOf(application.data));
    setForm(asHeld);
    setFilled(asHeld);
    setFilledFrom(application.data.id);
  }, [application.data, filledFrom]);

  const receivedUnder = application.data?.receivedUnder;
  const held = application.data?.priorities;
  // An edit is judged by the fund's rules as they were when the application was received.
  const ctx = useMemo(() => {
    const now = roundContext(form.roundId, { rounds, funds, plans, areas });
    if (!now) return now;
    // Priorities it holds that have since been taken out of the plan stay offered (and valid) for it.
    const inPlan = new Set(now.plan.priorities.map((p) => p.id));
    const kept = (held ?? [])
      .filter((p) => !inPlan.has(p.id))
      .map((p) => ({ ...p, planId: now.plan.id, title: `${p.title} (no longer in the plan; kept for this application)` }));
    const plan = kept.length ? { ...now.plan, priorities: [...now.plan.priorities, ...kept] } : now.plan;
    if (!receivedUnder) return { ...now, plan };
    return {
      ...now,
      plan,
      fund: { ...now.fund, name: receivedUnder.fundName, maxAwardPence: receivedUnder.maxAwardPence },
      fundAsReceived: true,
    };
  }, [form.roundId, rounds, funds, plans, areas, receivedUnder, held]);

  if (!application.data || filledFrom !== application.data.id) {
    return (
      <Page title={application.isPending || application.data ? 'Edit application' : 'Application not found'}>
        <p role="status">{application.isPending || application.data ? 'Loading the application…' : application.error?.message}</p>
        <p>
          <Link to="/applications">Back to applications</Link>
        </p>
      </Page>
    );
  }

  const a = application.data;
  const detailPath = `/applications/${encodeURIComponent(a.id)}`;
  const keepContact = !a.contactHeld;

  if (a.status === 'withdrawn') {
    return (
      <Page title={`Edit application ${a.reference}`}>
        <p>{a.reference} has been withdrawn, so it can no longer be changed.</p>
        <p>
          <Link to={detailPath} state={backState}>
            Back to the application
          </Link>
        </p>
      </Page>
    );
  }

  const idFor = (field: string) => {
    const target = fieldId(field, form);
    return target === 'roundId' || target === 'reference' ? FIXED_ID : target;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkForm(form, ctx, { keepContact });
    if (!checked.ok) return setProblems(checked.problems);
    setBusy(true);
    const result = await call('applications.update', { id: a.id, application: checked.draft }, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      // The core checks everything again, against the round as it is now.
      if (result.error.code === 'VALIDATION') {
        return setProblems(
          arrangeProblems(
            result.error.details?.length ? unnest(result.error.details) : [{ field: 'roundId', message: result.error.message }],
          ),
        );
      }
      useNotifications.getState().push('error', result.error.message);
      return;
    }
    setProblems([]);
    // The core records nothing for an unchanged application; say so rather than claim a save.
    const before = checkForm(formFromDraft(draftOf(a)), ctx, { keepContact });
    const unchanged = before.ok && JSON.stringify(before.draft) === JSON.stringify(checked.draft);
    useNotifications
      .getState()
      .push(
        unchanged ? 'info' : 'success',
        unchanged ? `No changes to ${a.reference} to save` : `Changes to ${result.value.reference} saved`,
      );
    allowLeaving();
    void navigate(detailPath, { state: backState });
  };

  return (
    <>
      <Link className="back-link" to={detailPath} state={backState}>
        Back to the application
      </Link>
      <Page title={`Edit application ${a.reference}`} lede="Correct what the applicant sent. Everything is checked again when you save.">
        <form className="application-form" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorSummary problems={problems} idFor={idFor} />

          {/* Fixed once received: shown, not offered as fields. */}
          <dl className="summary-list" id={FIXED_ID} tabIndex={-1}>
            <dt>Applicant reference</dt>
            <dd>{a.reference}</dd>
            <dt>Round</dt>
            <dd>{a.roundName}</dd>
          </dl>
          <p className="hint">The reference and round stay as the application was received.</p>
          <ReceivedOnField
            value={form.receivedOn}
            onChange={(v) => setForm((f) => ({ ...f, receivedOn: v }))}
            error={problems.find((p) => p.field === 'receivedOn')?.message}
          />

          <ApplicationFields
            form={form}
            setForm={setForm}
            problems={problems}
            ctx={ctx}
            areas={areas}
            contactHint={keepContact ? CONTACT_NOT_HELD : undefined}
          />

          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save changes'}
            </button>
            <Link to={detailPath} state={backState}>
              Cancel
            </Link>
          </div>
        </form>
      </Page>
    </>
  );
}
