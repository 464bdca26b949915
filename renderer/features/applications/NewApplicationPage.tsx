// Entering one application by hand (a paper or emailed form): every field of the draft, checked
// with the shared rules before it goes, and again by the core when it arrives.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { FieldProblem } from '../../../shared/contract/result';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/fields';
import {
  arrangeProblems,
  checkForm,
  emptyForm,
  fieldId,
  roundContext,
  roundOpenOn,
  roundTimingWarning,
  todayInUk,
  type ApplicationForm,
} from './application-form';
import { ApplicationFields, fundMaximumHint } from './ApplicationFields';
import { ReceivedOnField, RoundHint } from './ReceivedOnField';
import { useLeaveWarning } from '../../components/leave-warning';

export function NewApplicationPage() {
  const navigate = useNavigate();
  const { rounds, funds, plans, areas, loaded } = useCatalogue();
  const firstOpen = roundOpenOn(rounds, todayInUk());
  const [opened] = useState<ApplicationForm>(() => emptyForm(firstOpen?.id));
  const [form, setForm] = useState<ApplicationForm>(opened);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  // Anything typed or chosen beyond the round the form opened with.
  const changed = JSON.stringify({ ...form, roundId: '' }) !== JSON.stringify({ ...opened, roundId: '' });
  const allowLeaving = useLeaveWarning(changed);

  // The rounds may arrive after the page opens: default to the one open today.
  useEffect(() => {
    if (firstOpen) setForm((f) => (f.roundId ? f : { ...f, roundId: firstOpen.id }));
  }, [firstOpen]);

  const ctx = useMemo(() => roundContext(form.roundId, { rounds, funds, plans, areas }), [form.roundId, rounds, funds, plans, areas]);
  const fundMaximum = fundMaximumHint(ctx);
  const timing = roundTimingWarning(
    rounds.find((r) => r.id === form.roundId),
    form.receivedOn,
  );

  const set =
    <K extends keyof ApplicationForm>(key: K) =>
    (value: ApplicationForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message;
  const idFor = (field: string) => fieldId(field, form);

  const chooseRound = (roundId: string) =>
    setForm((f) => {
      // Keep only what still belongs to the new round: its areas and its plan's priorities.
      const next = roundContext(roundId, { rounds, funds, plans, areas });
      const areaStays = !next || next.round.budgets.length === 0 || next.round.budgets.some((b) => b.areaId === f.areaId);
      const known = new Set(next?.plan.priorities.map((p) => p.id) ?? []);
      return { ...f, roundId, areaId: areaStays ? f.areaId : '', priorityIds: f.priorityIds.filter((id) => known.has(id)) };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkForm(form, ctx);
    if (!checked.ok) return setProblems(checked.problems);
    setBusy(true);
    const result = await call('applications.create', checked.draft, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      // The core checks everything again (a reference taken meanwhile, a round just closed…).
      if (result.error.code === 'VALIDATION') {
        return setProblems(
          arrangeProblems(result.error.details?.length ? result.error.details : [{ field: 'roundId', message: result.error.message }]),
        );
      }
      useNotifications.getState().push('error', result.error.message);
      return;
    }
    setProblems([]);
    useNotifications.getState().push('success', `Application ${result.value.reference} received`);
    allowLeaving();
    navigate(`/applications/${encodeURIComponent(result.value.id)}`);
  };

  if (loaded && rounds.length === 0) {
    return (
      <Page title="New application">
        <div className="empty-state">
          <h2>There are no rounds yet</h2>
          <p>Every application belongs to a round. Create a round first, or load the demo round from the applications page.</p>
          <div className="button-row">
            <Link className="button secondary" to="/rounds/new">
              Create a round
            </Link>
            <Link className="button secondary" to="/applications">
              Go to applications
            </Link>
          </div>
        </div>
      </Page>
    );
  }

  return (
    <Page title="New application" lede="Enter an application received on paper or by email. Everything is checked when you submit it.">
      <form className="application-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary problems={problems} idFor={idFor} />

        <SelectField
          id="roundId"
          label="Round"
          hint={fundMaximum || timing ? <RoundHint fundMaximum={fundMaximum} warning={timing} /> : undefined}
          value={form.roundId}
          onChange={chooseRound}
          placeholder={firstOpen ? undefined : 'Choose a round'}
          options={rounds.map((r) => ({ value: r.id, label: r.status === 'open' ? r.name : `${r.name} (${r.status})` }))}
          error={errorFor('roundId')}
        />
        <TextField
          id="reference"
          label="Applicant reference (optional)"
          hint="Leave blank to number it automatically"
          className="narrow-20"
          value={form.reference}
          onChange={set('reference')}
          error={errorFor('reference')}
        />
        <ReceivedOnField value={form.receivedOn} onChange={set('receivedOn')} error={errorFor('receivedOn')} />

        <ApplicationFields form={form} setForm={setForm} problems={problems} ctx={ctx} areas={areas} />

        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Submitting…' : 'Submit application'}
          </button>
          <Link to="/applications">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
