// Changing one fund in place: its name, code, source, maximum award and eligibility.
import { useEffect, useState, type FormEvent } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import type { Fund } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea, TextField } from '../../components/fields';
import { checkFund, fundFormValues, FUND_FIELD_IDS, type FundFormValues } from './catalogue-forms';

export function FundForm({ fund, onSaved, onCancel }: { fund: Fund; onSaved: (fund: Fund) => void; onCancel: () => void }) {
  const [values, setValues] = useState<FundFormValues>(() => fundFormValues(fund));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  /** A change the core says touches received applications: what it would do, waiting for a yes. */
  const [pending, setPending] = useState<{ fund: Fund; effects: FieldProblem[] } | null>(null);
  useEffect(() => {
    document.getElementById('fund-name')?.focus();
  }, []);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  const set = (key: keyof FundFormValues) => (value: string) => {
    setPending(null);
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkFund(fund.id, values);
    if (!checked.fund) return setProblems(checked.problems);
    await save(checked.fund, false);
  }

  async function save(changed: Fund, confirmed: boolean) {
    setSaving(true);
    const result = await call('catalogue.saveFund', { ...changed, confirmed }, { quiet: true });
    setSaving(false);
    if (!result.ok && result.error.code === 'NEEDS_CONFIRMATION') {
      setProblems([]);
      return setPending({ fund: changed, effects: result.error.details ?? [] });
    }
    setPending(null);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
    onSaved(result.value);
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
      {pending ? (
        <ConfirmEffects
          effects={pending.effects}
          busy={saving}
          onConfirm={() => void save(pending.fund, true)}
          onCancel={() => {
            setPending(null);
            requestAnimationFrame(() => document.getElementById('fund-name')?.focus());
          }}
        />
      ) : null}
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
