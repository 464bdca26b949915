// Changing one fund in place: its name, code, source, award limits, eligibility, and the checklist
// screening uses (the types of organisation it supports, and the checks an officer confirms).
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_OFFICER_CHECKS, ORGANISATION_TYPES, type Fund, type OrganisationType } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { useConfirmingSave } from '../../components/confirming-save';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, TextArea, TextField } from '../../components/fields';
import { RepeatingFieldset } from '../applications/RepeatingFieldset';
import { checkFund, emptyOfficerCheck, fundFieldId, fundFormValues, type FundFormValues, type OfficerCheckRow } from './catalogue-forms';

const TYPES = Object.entries(ORGANISATION_TYPES) as [OrganisationType, string][];

export function FundForm({ fund, onSaved, onCancel }: { fund: Fund; onSaved: (fund: Fund) => void; onCancel: () => void }) {
  const [values, setValues] = useState<FundFormValues>(() => fundFormValues(fund));
  const { saving, problems, setProblems, pending, save, withdraw } = useConfirmingSave(
    (changed: Fund, confirmed: boolean) => call('catalogue.saveFund', { ...changed, confirmed }, { quiet: true }),
    onSaved,
  );
  useEffect(() => {
    document.getElementById('fund-name')?.focus();
  }, []);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  const set = (key: 'name' | 'code' | 'source' | 'maxAward' | 'minAward' | 'eligibility') => (value: string) => {
    withdraw();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const setChecks = (change: (rows: OfficerCheckRow[]) => OfficerCheckRow[]) => {
    withdraw();
    setValues((v) => ({ ...v, officerChecks: change(v.officerChecks) }));
  };
  const toggleType = (type: OrganisationType, on: boolean) => {
    withdraw();
    setValues((v) => ({
      ...v,
      organisationTypes: on
        ? TYPES.map(([t]) => t).filter((t) => t === type || v.organisationTypes.includes(t))
        : v.organisationTypes.filter((t) => t !== type),
    }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkFund(fund.id, values);
    if (!checked.fund) return setProblems(checked.problems);
    await save(checked.fund);
  }

  return (
    <form noValidate className="inline-form" aria-label={`Change ${fund.name}`} onSubmit={(e) => void submit(e)}>
      <ErrorSummary problems={problems} idFor={fundFieldId} />
      <div className="grid-2">
        <TextField id="fund-name" label="Fund name" value={values.name} error={errorOf.name} onChange={set('name')} />
        <TextField
          id="fund-code"
          label="Short code"
          hint="Begins each reference, like ACF"
          className="narrow"
          value={values.code}
          error={errorOf.code}
          onChange={set('code')}
        />
      </div>
      <TextField
        id="fund-source"
        label="Where the money comes from"
        value={values.source}
        error={errorOf.source}
        onChange={set('source')}
      />
      <div className="grid-2">
        <TextField
          id="fund-min-award"
          label="Minimum award"
          hint="In pounds, like £250. Leave blank if the fund has no minimum."
          className="narrow money-input"
          inputMode="decimal"
          value={values.minAward}
          error={errorOf.minAwardPence}
          onChange={set('minAward')}
        />
        <TextField
          id="fund-max-award"
          label="Maximum award"
          hint="In pounds, like £5,000. Leave blank if the fund has no maximum."
          className="narrow money-input"
          inputMode="decimal"
          value={values.maxAward}
          error={errorOf.maxAwardPence}
          onChange={set('maxAward')}
        />
      </div>
      <TextArea
        id="fund-eligibility"
        label="Eligibility"
        hint="Who and what the fund pays for, as applicants are told"
        rows={5}
        value={values.eligibility}
        error={errorOf.eligibility}
        onChange={set('eligibility')}
      />
      <fieldset
        className={`field${errorOf.organisationTypes ? ' invalid' : ''}`}
        aria-describedby={`fund-types-hint${errorOf.organisationTypes ? ' fund-types-error' : ''}`}
      >
        <legend>Types of organisation the fund supports</legend>
        <HintAndError
          id="fund-types"
          hint="Screening checks the applicant’s type against these. Tick none if every type may apply."
          error={errorOf.organisationTypes}
        />
        <div className="grid-2">
          {TYPES.map(([type, label], i) => (
            <div className="radio-option" key={type}>
              <input
                id={`fund-type-${i}`}
                type="checkbox"
                checked={values.organisationTypes.includes(type)}
                onChange={(e) => toggleType(type, e.target.checked)}
              />
              <label htmlFor={`fund-type-${i}`}>{label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <RepeatingFieldset<OfficerCheckRow>
        id="fund-check"
        legend="Checks the officer confirms when screening"
        hint="Each a question answered yes or no from the application, and what the applicant is told if the answer is no"
        error={errorOf.officerChecks}
        rows={values.officerChecks}
        rowLegend={(i) => `Check ${i + 1}`}
        firstFieldId={(i) => `fund-check-${i}-question`}
        addLabel={values.officerChecks.length === 0 ? 'Add a check' : 'Add another check'}
        max={MAX_OFFICER_CHECKS}
        minRows={0}
        onAdd={() => setChecks((rows) => [...rows, emptyOfficerCheck()])}
        onRemove={(i) => setChecks((rows) => rows.filter((_, j) => j !== i))}
        renderRow={(row, i) => {
          const change = (patch: Partial<OfficerCheckRow>) => setChecks((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
          return (
            <>
              <TextField
                id={`fund-check-${i}-question`}
                label="Question"
                hint="Like No salaries"
                value={row.question}
                error={errorOf[`officerChecks.${i}.question`]}
                onChange={(question) => change({ question })}
              />
              <TextArea
                id={`fund-check-${i}-sentence`}
                label="What the applicant is told if it fails"
                rows={2}
                value={row.failSentence}
                error={errorOf[`officerChecks.${i}.failSentence`]}
                onChange={(failSentence) => change({ failSentence })}
              />
            </>
          );
        }}
      />
      <ConfirmEffects
        pending={pending}
        busy={saving}
        onConfirm={(changed) => void save(changed, true)}
        onCancel={withdraw}
        backTo="fund-name"
      />
      <div className="button-row" hidden={pending !== null}>
        <button type="submit" className="button" id="fund-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save fund'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
