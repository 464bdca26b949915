// Set up a round, or change one: its fund, the plan it scores against, its dates, status and budgets.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { planInForce, ROUND_STATUSES, type Round, type RoundStatus } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/fields';
import { AreaBudgetsTable } from './AreaBudgetsTable';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { useLeaveWarning } from '../../components/leave-warning';
import { useConfirmingSave } from '../../components/confirming-save';
import type { Input } from '../../../shared/contract';
import { checkRoundForm, EMPTY_ROUND_FORM, fieldIdFor, totalBudget, valuesFromRound, type RoundFormValues } from './round-form';

const STATUS_TEXT: Record<RoundStatus, { label: string; hint: string }> = {
  draft: { label: 'Draft', hint: 'Being set up; not yet taking applications' },
  open: { label: 'Open', hint: 'Taking applications' },
  closed: { label: 'Closed', hint: 'No longer taking applications' },
};

type RoundInput = Input<'rounds.create'>;

export function RoundFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { funds, plans, areas, rounds, loaded } = useCatalogue();
  const existing = id ? rounds.find((r) => r.id === id) : undefined;
  const [values, setValues] = useState<RoundFormValues>(EMPTY_ROUND_FORM);
  const [filledFrom, setFilledFrom] = useState<string | null>(null);
  const [budgetAreaIds, setBudgetAreaIds] = useState<string[]>([]);
  /** The form as filled, so leaving after a change asks first. */
  const [filled, setFilled] = useState<RoundFormValues | null>(null);
  const { saving, problems, setProblems, pending, save, withdraw } = useConfirmingSave(
    (input: RoundInput, confirmed: boolean) =>
      id ? call('rounds.update', { id, changes: input, confirmed }, { quiet: true }) : call('rounds.create', input, { quiet: true }),
    (round: Round) => {
      useNotifications.getState().push('success', `${round.name} ${id ? 'saved' : 'created'}`);
      allowLeaving();
      void navigate('/rounds');
    },
  );
  const allowLeaving = useLeaveWarning(filled !== null && JSON.stringify(values) !== JSON.stringify(filled));

  // Fill the form once the round (or, for a new round, the catalogue) is known.
  useEffect(() => {
    const key = id ?? 'new';
    if (filledFrom === key || !loaded) return;
    if (id && existing) {
      setValues(valuesFromRound(existing));
      setFilled(valuesFromRound(existing));
      setFilledFrom(key);
    } else if (!id) {
      const plan = planInForce(plans, new Date().getFullYear());
      const fresh = { ...EMPTY_ROUND_FORM, status: 'open' as const, planId: plan?.id ?? '' };
      setValues(fresh);
      setFilled(fresh);
      setFilledFrom(key);
    }
  }, [id, existing, loaded, plans, filledFrom]);

  if (!loaded || (filledFrom !== (id ?? 'new') && !(id && !existing))) {
    // The form appears filled in, never to be filled over what someone has started choosing.
    return (
      <Page title={id ? 'Change round' : 'New round'}>
        <p role="status">{id ? 'Loading the round…' : 'Loading the funds and plans…'}</p>
      </Page>
    );
  }
  if (id && loaded && !existing) {
    return (
      <Page title="Round not found">
        <p>There is no round with that address. It may have been made on another laptop whose bundle has not been imported yet.</p>
        <p>
          <Link to="/rounds">Back to rounds</Link>
        </p>
      </Page>
    );
  }

  const errorOf = Object.fromEntries(
    problems.map((p) => [
      p.field.replace(/^changes\./, '').replace(/^budgets\.(\d+)\..*$/, (_, i: string) => `budget-${budgetAreaIds[Number(i)] ?? ''}`),
      p.message,
    ]),
  );
  const set = <K extends keyof RoundFormValues>(key: K, value: RoundFormValues[K]) => {
    withdraw();
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkRoundForm(values, areas);
    setBudgetAreaIds(checked.budgetAreaIds);
    if (!checked.input) {
      setProblems(checked.problems);
      return;
    }
    await save(checked.input);
  }

  const title = id ? `Change ${existing?.name ?? 'round'}` : 'New round';
  return (
    <Page
      title={title}
      lede="A round is one call for applications to a fund, scored against one Police and Crime Plan, with a budget for each area."
    >
      <ErrorSummary problems={problems} idFor={(field) => (field === 'form' ? 'round-save' : fieldIdFor(field, budgetAreaIds))} />
      <form noValidate onSubmit={(e) => void submit(e)} className="round-form">
        <div className="grid-2">
          <SelectField
            id="round-fund"
            label="Fund"
            hint="The funding stream this round pays from"
            value={values.fundId}
            placeholder="Choose a fund"
            options={funds.map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }))}
            error={errorOf.fundId}
            onChange={(v) => set('fundId', v)}
          />
          <SelectField
            id="round-plan"
            label="Police and Crime Plan"
            hint="The plan whose priorities applications are scored against"
            value={values.planId}
            placeholder="Choose a plan"
            options={plans.map((p) => ({ value: p.id, label: p.name }))}
            error={errorOf.planId}
            onChange={(v) => set('planId', v)}
          />
        </div>
        <TextField
          id="round-name"
          label="Round name"
          hint="Like Active Citizens Fund 2026–27"
          value={values.name}
          error={errorOf.name}
          onChange={(v) => set('name', v)}
        />
        <div className="grid-2">
          <TextField
            id="round-opens"
            label="Opening date"
            hint="Like 01/10/2026"
            className="date-input"
            value={values.opens}
            error={errorOf.opens}
            onChange={(v) => set('opens', v)}
          />
          <TextField
            id="round-closes"
            label="Closing date"
            hint="Like 18/12/2026"
            className="date-input"
            value={values.closes}
            error={errorOf.closes}
            onChange={(v) => set('closes', v)}
          />
        </div>
        <div className="grid-2">
          <TextField
            id="round-spend-from"
            label="Spend from (optional)"
            hint="Projects may start from this day, like 01/01/2027. Screening checks it."
            className="date-input"
            value={values.spendFrom}
            error={errorOf.spendFrom}
            onChange={(v) => set('spendFrom', v)}
          />
          <TextField
            id="round-spend-by"
            label="Spend by (optional)"
            hint="Projects must end by this day, like 31/12/2027"
            className="date-input"
            value={values.spendBy}
            error={errorOf.spendBy}
            onChange={(v) => set('spendBy', v)}
          />
        </div>
        <fieldset className={`field radios${errorOf.status ? ' invalid' : ''}`}>
          <legend>Status</legend>
          {errorOf.status ? <span className="field-error">{errorOf.status}</span> : null}
          {ROUND_STATUSES.map((status, i) => {
            const radioId = i === 0 ? 'round-status' : `round-status-${status}`;
            return (
              <div className="radio-option" key={status}>
                <input
                  type="radio"
                  name="round-status"
                  id={radioId}
                  aria-describedby={`${radioId}-hint`}
                  checked={values.status === status}
                  onChange={() => set('status', status)}
                />
                <label htmlFor={radioId}>{STATUS_TEXT[status].label}</label>
                <span className="hint" id={`${radioId}-hint`}>
                  {STATUS_TEXT[status].hint}
                </span>
              </div>
            );
          })}
        </fieldset>
        <AreaBudgetsTable
          areas={areas}
          budgets={values.budgets}
          errors={errorOf}
          total={totalBudget(values)}
          onChange={(areaId, text) => set('budgets', { ...values.budgets, [areaId]: text })}
        />
        <div className="grid-2">
          <TextField
            id="round-total"
            label="Round total (optional)"
            hint="A limit on the whole round’s awards, beside the areas’ budgets, like £300,000"
            className="money-input"
            inputMode="decimal"
            value={values.total}
            error={errorOf.totalPence}
            onChange={(v) => set('total', v)}
          />
          <TextField
            id="round-tolerance"
            label="Over-allocation tolerance, % (optional)"
            hint="How far over an area’s budget awards may go where some underspend is expected, like 10. Blank for none."
            className="percent-input"
            inputMode="numeric"
            value={values.tolerance}
            error={errorOf.tolerancePercent}
            onChange={(v) => set('tolerance', v)}
          />
        </div>
        <ConfirmEffects
          pending={pending}
          busy={saving}
          onConfirm={(input) => void save(input, true)}
          onCancel={withdraw}
          backTo="round-fund"
        />
        <div className="button-row" hidden={pending !== null}>
          <button type="submit" className="button" id="round-save" disabled={saving}>
            {saving ? 'Saving…' : id ? 'Save changes' : 'Create round'}
          </button>
          <Link to="/rounds">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
