// Changing one fund in place: its name, code, source, maximum award and eligibility.
import { useEffect, useState, type FormEvent } from 'react';
import type { Fund } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { useConfirmingSave } from '../../components/confirming-save';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea, TextField } from '../../components/fields';
import { checkFund, fundFormValues, FUND_FIELD_IDS, type FundFormValues } from './catalogue-forms';

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
  const set = (key: keyof FundFormValues) => (value: string) => {
    withdraw();
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkFund(fund.id, values);
    if (!checked.fund) return setProblems(checked.problems);
    await save(checked.fund);
  }

  return (
    <form noValidate className="inline-form" aria-label={`Change ${fund.name}`} onSubmit={(e) => void submit(e)}>
      <ErrorSummary problems={problems} idFor={(field) => FUND_FIELD_IDS[field] ?? 'fund-save'} />
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
      <TextArea
        id="fund-eligibility"
        label="Eligibility"
        hint="Who and what the fund pays for, as applicants are told"
        rows={5}
        value={values.eligibility}
        error={errorOf.eligibility}
        onChange={set('eligibility')}
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
