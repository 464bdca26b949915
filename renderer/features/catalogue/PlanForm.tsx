// Adding a Police and Crime Plan for a new term, or changing one: its name, years and priorities.
// A priority keeps its id when reworded, so the applications that chose it keep their meaning; one
// that applications chose stays in the plan (no Remove), and its hint says how many it affects.
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { MAX_PLAN_PRIORITIES, type Plan, type PlanInput } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { useConfirmingSave } from '../../components/confirming-save';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { RepeatingFieldset } from '../applications/RepeatingFieldset';
import {
  checkPlan,
  emptyPriority,
  planFieldId,
  planFormGist,
  planFormValues,
  type PlanFormValues,
  type PriorityRowValues,
} from './catalogue-forms';
import { priorityUseQuery } from './queries';

interface Props {
  /** The plan to change; null to add one. */
  plan: Plan | null;
  plans: Plan[];
  onSaved: (plan: Plan) => void;
  onCancel: () => void;
}

const applications = (n: number) => `${n.toLocaleString('en-GB')} application${n === 1 ? '' : 's'}`;

/** What rewording or removing a priority affects, said where the officer edits it. */
function usageHint(uses: number | undefined): string | undefined {
  if (uses === undefined) return undefined;
  if (uses === 0) return 'No application has chosen it yet.';
  return `Chosen by ${applications(uses)}, so it stays in the plan. Rewording it changes it on ${uses === 1 ? 'that application' : `all ${uses}`}.`;
}

export function PlanForm({ plan, plans, onSaved, onCancel }: Props) {
  const [initial] = useState<PlanFormValues>(() => planFormValues(plan));
  const [values, setValues] = useState<PlanFormValues>(initial);
  const { saving, problems, setProblems, pending, save, withdraw } = useConfirmingSave(
    (input: PlanInput, confirmed: boolean) => call('catalogue.savePlan', { ...input, confirmed }, { quiet: true }),
    (saved: Plan) => {
      allowLeaving();
      onSaved(saved);
    },
  );
  const use = useQuery({ ...priorityUseQuery({ planId: plan?.id ?? '' }), enabled: plan !== null }).data ?? {};
  const allowLeaving = useLeaveWarning(planFormGist(values) !== planFormGist(initial));
  useEffect(() => {
    document.getElementById('plan-name')?.focus();
  }, []);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  const change = (next: (v: PlanFormValues) => PlanFormValues) => {
    withdraw();
    setValues(next);
  };
  const set = (key: 'name' | 'startYear' | 'endYear') => (value: string) => change((v) => ({ ...v, [key]: value }));
  const setRow = (i: number, patch: Partial<PriorityRowValues>) =>
    change((v) => ({ ...v, priorities: v.priorities.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const usesOf = (row: PriorityRowValues) => (row.id === null ? undefined : (use[row.id] ?? 0));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkPlan(plan, values, plans);
    if (!checked.plan) return setProblems(checked.problems);
    await save(checked.plan);
  }

  const title = plan ? `Change ${plan.name}` : 'Add a Police and Crime Plan';
  return (
    <form noValidate className="inline-form plan-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      {plan ? null : <h3>{title}</h3>}
      <ErrorSummary problems={problems} idFor={(field) => planFieldId(field, values)} />
      <TextField
        id="plan-name"
        label="Plan name"
        hint="As the Commissioner publishes it, like Police and Crime Plan 2029–2033"
        value={values.name}
        error={errorOf.name}
        onChange={set('name')}
      />
      <div className="plan-years">
        <TextField
          id="plan-start-year"
          label="First year"
          hint="Like 2029"
          className="narrow"
          inputMode="numeric"
          value={values.startYear}
          error={errorOf.startYear}
          onChange={set('startYear')}
        />
        <TextField
          id="plan-end-year"
          label="Last year"
          hint="Like 2033"
          className="narrow"
          inputMode="numeric"
          value={values.endYear}
          error={errorOf.endYear}
          onChange={set('endYear')}
        />
      </div>
      <RepeatingFieldset<PriorityRowValues>
        id="plan-priority"
        className="priorities"
        legend="Priorities"
        hint="Each with a short code, like VIOLENCE, and its wording in the plan. Applicants name priorities by either; rounds using this plan offer them on every application."
        error={errorOf.priorities}
        rows={values.priorities}
        rowLegend={(i) => `Priority ${i + 1}`}
        firstFieldId={(i) => `plan-priority-${i}-code`}
        addLabel="Add another priority"
        max={MAX_PLAN_PRIORITIES}
        removable={(i) => {
          const row = values.priorities[i];
          return row === undefined || !usesOf(row);
        }}
        onAdd={() => change((v) => ({ ...v, priorities: [...v.priorities, emptyPriority()] }))}
        onRemove={(i) => change((v) => ({ ...v, priorities: v.priorities.filter((_, j) => j !== i) }))}
        renderRow={(row, i) => (
          <>
            <TextField
              id={`plan-priority-${i}-code`}
              label="Code"
              value={row.code}
              error={errorOf[`priorities.${i}.code`]}
              onChange={(code) => setRow(i, { code })}
            />
            <TextField
              id={`plan-priority-${i}-title`}
              label="Priority"
              hint={usageHint(usesOf(row))}
              value={row.title}
              error={errorOf[`priorities.${i}.title`]}
              onChange={(title) => setRow(i, { title })}
            />
          </>
        )}
      />
      <ConfirmEffects
        pending={pending}
        busy={saving}
        onConfirm={(input) => void save(input, true)}
        onCancel={withdraw}
        backTo="plan-name"
      />
      <div className="button-row" hidden={pending !== null}>
        <button type="submit" className="button" id="plan-save" disabled={saving}>
          {saving ? 'Saving…' : plan ? 'Save plan' : 'Add plan'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
