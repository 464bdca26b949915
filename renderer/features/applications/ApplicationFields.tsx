// The fields of an application, shared by the new-application and edit pages: organisation,
// contact, project, money, priorities, beneficiaries and outcomes. The round and reference sit
// above them on each page, because a new application chooses them and an edit cannot change them.
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RoundContext } from '../../../shared/domain/application';
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES, type Area } from '../../../shared/domain/catalogue';
import { formatPence, parseMoney } from '../../../shared/domain/money';
import { Checkboxes, SelectField, TextArea, TextField, YesNo } from '../../components/fields';
import { emptyBudgetLine, emptyOutcome, type ApplicationForm, type BudgetLineText, type OutcomeText } from './application-form';
import { RepeatingFieldset } from './RepeatingFieldset';

const ORGANISATION_OPTIONS = Object.entries(ORGANISATION_TYPES).map(([value, label]) => ({ value, label }));
const GROUP_OPTIONS = Object.entries(BENEFICIARY_GROUPS).map(([value, label]) => ({ value, label }));
const DATE_HINT = 'For example, 25/11/2026';

/** "The Active Citizens Fund's maximum is £5,000.00", where the round's fund has one. */
export const fundMaximumHint = (ctx: RoundContext | null) =>
  ctx?.fund.maxAwardPence != null
    ? ctx.fundAsReceived
      ? `The ${ctx.fund.name}'s maximum was ${formatPence(ctx.fund.maxAwardPence)} when this application was received`
      : `The ${ctx.fund.name}'s maximum is ${formatPence(ctx.fund.maxAwardPence)}`
    : undefined;

export function ApplicationFields({
  form,
  setForm,
  problems,
  ctx,
  areas,
  contactHint = 'Used only to contact the applicant about this application. Never published.',
}: {
  form: ApplicationForm;
  setForm: Dispatch<SetStateAction<ApplicationForm>>;
  problems: FieldProblem[];
  ctx: RoundContext | null;
  areas: Area[];
  contactHint?: ReactNode;
}) {
  const set =
    <K extends keyof ApplicationForm>(key: K) =>
    (value: ApplicationForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message;
  const fundMaximum = fundMaximumHint(ctx);
  // The round's areas; an edited application's own area stays listed even if its budget has gone, so the core can say why.
  const roundAreas =
    ctx && ctx.round.budgets.length > 0
      ? areas.filter((a) => a.id === form.areaId || ctx.round.budgets.some((b) => b.areaId === a.id))
      : areas;

  return (
    <>
      <h2>Organisation</h2>
      <TextField
        id="organisationName"
        label="Organisation name"
        value={form.organisationName}
        onChange={set('organisationName')}
        error={errorFor('organisationName')}
        autoComplete="organization"
      />
      <SelectField
        id="organisationType"
        label="Type of organisation"
        value={form.organisationType}
        onChange={set('organisationType')}
        placeholder="Choose the type"
        options={ORGANISATION_OPTIONS}
        error={errorFor('organisationType')}
      />
      <div className="grid-2">
        <TextField
          id="charityNumber"
          label="Charity number (optional)"
          hint="For example, 1123456"
          className="narrow"
          value={form.charityNumber}
          onChange={set('charityNumber')}
          error={errorFor('charityNumber')}
        />
        <TextField
          id="companyNumber"
          label="Company number (optional)"
          hint="For example, 01234567 or SC123456"
          className="narrow"
          value={form.companyNumber}
          onChange={set('companyNumber')}
          error={errorFor('companyNumber')}
        />
      </div>
      <YesNo
        id="constituted"
        label="Is the group properly constituted?"
        hint="It has a written constitution or governing document"
        value={form.constituted}
        onChange={set('constituted')}
        error={errorFor('constituted')}
      />
      <YesNo
        id="bankTwoSignatories"
        label="Does the group have a bank account with at least two signatories?"
        value={form.bankTwoSignatories}
        onChange={set('bankTwoSignatories')}
        error={errorFor('bankTwoSignatories')}
      />

      <h2>Contact (personal data)</h2>
      <p className="hint">{contactHint}</p>
      <TextField
        id="contactName"
        label="Contact name"
        value={form.contactName}
        onChange={set('contactName')}
        error={errorFor('contactName')}
        autoComplete="off"
      />
      <div className="grid-2">
        <TextField
          id="contactEmail"
          label="Email address"
          type="email"
          value={form.contactEmail}
          onChange={set('contactEmail')}
          error={errorFor('contactEmail')}
        />
        <TextField
          id="contactPhone"
          label="Phone number (optional)"
          type="tel"
          value={form.contactPhone}
          onChange={set('contactPhone')}
          error={errorFor('contactPhone')}
        />
      </div>

      <h2>Project</h2>
      <TextField
        id="projectTitle"
        label="Project title"
        value={form.projectTitle}
        onChange={set('projectTitle')}
        error={errorFor('projectTitle')}
      />
      <TextArea
        id="summary"
        label="Project summary"
        hint="What the project will do, for whom, and why it matters locally"
        rows={5}
        value={form.summary}
        onChange={set('summary')}
        error={errorFor('summary')}
      />
      <SelectField
        id="areaId"
        label="Area"
        hint={ctx && ctx.round.budgets.length > 0 ? `The areas with a budget in ${ctx.round.name}` : undefined}
        value={form.areaId}
        onChange={set('areaId')}
        placeholder="Choose the area"
        options={roundAreas.map((a) => ({ value: a.id, label: a.name }))}
        error={errorFor('areaId')}
      />
      <div className="field checks">
        <label>
          <input type="checkbox" id="inImpactArea" checked={form.inImpactArea} onChange={(e) => set('inImpactArea')(e.target.checked)} />
          The project is in one of the area’s Impact Areas
        </label>
      </div>
      <div className="grid-2">
        <TextField
          id="startDate"
          label="Start date"
          hint={DATE_HINT}
          className="narrow"
          value={form.startDate}
          onChange={set('startDate')}
          error={errorFor('startDate')}
        />
        <TextField
          id="endDate"
          label="End date"
          hint={DATE_HINT}
          className="narrow"
          value={form.endDate}
          onChange={set('endDate')}
          error={errorFor('endDate')}
        />
      </div>

      <h2>Money</h2>
      <TextField
        id="amountRequested"
        label="Amount requested"
        hint={`In pounds, like £1,200.50.${fundMaximum ? ` ${fundMaximum}.` : ''}`}
        className="narrow money-input"
        inputMode="decimal"
        value={form.amountRequested}
        onChange={set('amountRequested')}
        error={errorFor('amountRequested')}
      />
      <RepeatingFieldset<BudgetLineText>
        id="budget-line"
        legend="Budget"
        hint="What the money will be spent on. The lines must add up to the amount requested."
        error={errorFor('budgetLines')}
        rows={form.budgetLines}
        rowLegend={(i) => `Budget line ${i + 1}`}
        firstFieldId={(i) => `budgetLines-${i}-item`}
        addLabel="Add another budget line"
        max={50}
        onAdd={() => setForm((f) => ({ ...f, budgetLines: [...f.budgetLines, emptyBudgetLine()] }))}
        onRemove={(i) => setForm((f) => ({ ...f, budgetLines: f.budgetLines.filter((_, j) => j !== i) }))}
        footer={<BudgetTotal form={form} />}
        renderRow={(line, i) => {
          const change = (patch: Partial<BudgetLineText>) =>
            setForm((f) => ({ ...f, budgetLines: f.budgetLines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
          return (
            <>
              <TextField
                id={`budgetLines-${i}-item`}
                label="Item"
                value={line.item}
                onChange={(item) => change({ item })}
                error={errorFor(`budgetLines.${i}.item`)}
              />
              <TextField
                id={`budgetLines-${i}-amount`}
                label="Amount"
                className="money-input"
                inputMode="decimal"
                value={line.amount}
                onChange={(amount) => change({ amount })}
                error={errorFor(`budgetLines.${i}.amount`)}
              />
            </>
          );
        }}
      />

      <h2>Police and Crime Plan priorities</h2>
      {ctx ? (
        <Checkboxes
          id="priorityIds"
          label={`Which of the priorities in ${ctx.plan.name} does the project support?`}
          hint="Choose all that apply"
          values={form.priorityIds}
          onChange={set('priorityIds')}
          options={ctx.plan.priorities.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))}
          error={errorFor('priorityIds')}
        />
      ) : (
        <p className="hint" id="priorityIds" tabIndex={-1}>
          Choose a round first: its plan’s priorities appear here.
        </p>
      )}

      <h2>Beneficiaries</h2>
      <div className="check-columns">
        <Checkboxes
          id="beneficiaryGroups"
          label="Who will benefit?"
          hint="Choose all that apply"
          values={form.beneficiaryGroups}
          onChange={set('beneficiaryGroups')}
          options={GROUP_OPTIONS}
          error={errorFor('beneficiaryGroups')}
        />
      </div>
      <TextField
        id="expectedBeneficiaries"
        label="How many people are expected to benefit?"
        hint="A whole number, like 120"
        className="narrow"
        inputMode="numeric"
        value={form.expectedBeneficiaries}
        onChange={set('expectedBeneficiaries')}
        error={errorFor('expectedBeneficiaries')}
      />

      <h2>Outcomes</h2>
      <RepeatingFieldset<OutcomeText>
        id="outcome"
        className="outcomes"
        legend="Outcomes and how they will be measured"
        hint="What will change because of the project, and the evidence that will show it"
        error={errorFor('outcomes')}
        rows={form.outcomes}
        rowLegend={(i) => `Outcome ${i + 1}`}
        firstFieldId={(i) => `outcomes-${i}-outcome`}
        addLabel="Add another outcome"
        max={20}
        onAdd={() => setForm((f) => ({ ...f, outcomes: [...f.outcomes, emptyOutcome()] }))}
        onRemove={(i) => setForm((f) => ({ ...f, outcomes: f.outcomes.filter((_, j) => j !== i) }))}
        renderRow={(o, i) => {
          const change = (patch: Partial<OutcomeText>) =>
            setForm((f) => ({ ...f, outcomes: f.outcomes.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
          return (
            <>
              <TextField
                id={`outcomes-${i}-outcome`}
                label="Outcome"
                value={o.outcome}
                onChange={(outcome) => change({ outcome })}
                error={errorFor(`outcomes.${i}.outcome`)}
              />
              <TextField
                id={`outcomes-${i}-measure`}
                label="How it will be measured"
                value={o.measure}
                onChange={(measure) => change({ measure })}
                error={errorFor(`outcomes.${i}.measure`)}
              />
            </>
          );
        }}
      />
      <TextArea
        id="sustainability"
        label="Sustainability (optional)"
        hint="How the work will carry on after the grant is spent"
        value={form.sustainability}
        onChange={set('sustainability')}
        error={errorFor('sustainability')}
      />
    </>
  );
}

/** The running total beside the amount requested, so a mismatch is seen before submitting. */
function BudgetTotal({ form }: { form: ApplicationForm }) {
  const amounts = form.budgetLines.map((l) => parseMoney(l.amount));
  const total = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const requested = parseMoney(form.amountRequested);
  const unreadable = amounts.filter((a, i) => a === null && (form.budgetLines[i]?.amount.trim() ?? '') !== '').length;
  return (
    <p className="budget-total">
      Budget lines total <strong className="num">{formatPence(total)}</strong>
      {requested !== null ? (
        <>
          {' '}
          of <strong className="num">{formatPence(requested)}</strong> requested
          {total === requested ? ' — they match' : ''}
        </>
      ) : null}
      {unreadable > 0 ? ` (${unreadable === 1 ? 'one amount is' : `${unreadable} amounts are`} not yet readable as money)` : null}
    </p>
  );
}
