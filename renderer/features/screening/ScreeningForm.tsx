// One application's screening: the automatic checks as found (a failed one may be set aside with a
// reason), the fund's own checks answered yes or no (Y and N answer the question in focus), and
// what the applicant will be told, pre-filled from the failing checks.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import type { ScreeningRow, ScreeningView } from '../../../shared/contract/screening';
import type { OfficerCheck } from '../../../shared/domain/catalogue';
import { formatInstant } from '../../../shared/domain/dates';
import type { AutomaticCheckId } from '../../../shared/domain/eligibility';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError } from '../../components/fields';
import {
  checkScreening,
  resultSoFar,
  screeningFieldId,
  startingValues,
  suggestedSentence,
  type ScreeningFormValues,
} from './screening-form';

const RESULT_WORDS = { eligible: 'Eligible', ineligible: 'Not eligible' } as const;

export function ScreeningForm({
  row,
  checks,
  onSaved,
  onCancel,
}: {
  row: ScreeningRow;
  checks: OfficerCheck[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<ScreeningFormValues>(() => startingValues(row, checks));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const errorOf = Object.fromEntries(
    problems.map((p) => [screeningFieldId(p.field, row).replace(/-yes$|-reason$/, ''), p.message] as const),
  );
  const result = resultSoFar(row, checks, values);

  useEffect(() => {
    document.getElementById(values.answers.length > 0 ? 'screen-answer-0-yes' : 'screen-save')?.focus();
    // Only as the form opens.
  }, []);

  /** A change to answers or set-asides: the sentence follows, until the officer words it themselves. */
  function update(next: ScreeningFormValues) {
    setValues(next.toldEdited ? next : { ...next, toldApplicant: suggestedSentence(row, checks, next) });
  }

  function answer(i: number, yes: boolean) {
    update({ ...values, answers: values.answers.map((a, j) => (j === i ? yes : a)) });
  }

  function override(check: AutomaticCheckId, change: Partial<{ on: boolean; reason: string }>) {
    const was = values.overrides[check] ?? { on: false, reason: '' };
    update({ ...values, overrides: { ...values.overrides, [check]: { ...was, ...change } } });
  }

  /** Y or N answers the question in focus and moves to the next; Escape closes the form. */
  function keys(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      return onCancel();
    }
    const target = e.target as HTMLElement;
    const question = target.closest<HTMLElement>('[data-question]');
    if (!question || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== 'y' && key !== 'n') return;
    e.preventDefault();
    const i = Number(question.dataset.question);
    answer(i, key === 'y');
    const next = i + 1 < checks.length ? `screen-answer-${i + 1}-yes` : 'screen-told-or-save';
    document.getElementById(next === 'screen-told-or-save' ? 'screen-save' : next)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkScreening(row, checks, values);
    if (!checked.input) return setProblems(checked.problems);
    setSaving(true);
    const saved = await call('screening.record', checked.input, { quiet: true });
    setSaving(false);
    if (!saved.ok) return setProblems(saved.error.details ?? [{ field: 'save', message: saved.error.message }]);
    setProblems([]);
    onSaved();
  }

  const failed = row.automatic.filter((a) => !a.passed);
  return (
    <form noValidate className="screen-form" aria-labelledby="screen-form-title" onKeyDown={keys} onSubmit={(e) => void submit(e)}>
      <h2 id="screen-form-title">
        Screen {row.reference}: {row.organisationName}
      </h2>
      <ErrorSummary problems={problems} idFor={(field) => screeningFieldId(field, row)} />
      {row.disputed.length > 0 ? <Disputed versions={row.disputed} /> : null}

      <h3>Checked from the application</h3>
      <ul className="check-list">
        {row.automatic.map((a) => (
          <li key={a.check} className={a.passed ? 'check-pass' : 'check-fail'}>
            <span aria-hidden="true">{a.passed ? '✓' : '✗'} </span>
            <strong>
              {a.passed ? 'Passes' : 'Fails'}: {a.label}
            </strong>{' '}
            — {a.detail}
          </li>
        ))}
      </ul>
      {failed.map((a) => {
        const o = values.overrides[a.check] ?? { on: false, reason: '' };
        const id = `screen-override-${a.check}`;
        return (
          <div key={a.check} className="override">
            <div className="radio-option">
              <input id={id} type="checkbox" checked={o.on} onChange={(e) => override(a.check, { on: e.target.checked })} />
              <label htmlFor={id}>Set “{a.label}” aside — the application is eligible despite it</label>
            </div>
            {o.on ? (
              <div className={`field${errorOf[id] ? ' invalid' : ''}`}>
                <label htmlFor={`${id}-reason`}>Why it is set aside</label>
                <HintAndError
                  id={`${id}-reason`}
                  hint="Kept with the screening, like “An umbrella body holds the money”"
                  error={errorOf[id]}
                />
                <textarea
                  id={`${id}-reason`}
                  rows={2}
                  value={o.reason}
                  aria-invalid={errorOf[id] ? true : undefined}
                  aria-describedby={`${id}-reason-hint${errorOf[id] ? ` ${id}-reason-error` : ''}`}
                  onChange={(e) => override(a.check, { reason: e.target.value })}
                />
              </div>
            ) : null}
          </div>
        );
      })}

      {checks.length > 0 ? <h3>Checks you confirm</h3> : null}
      {checks.length > 0 ? <p className="hint">Press Y for yes or N for no; each answer moves to the next question.</p> : null}
      {checks.map((c, i) => {
        const id = `screen-answer-${i}`;
        const error = errorOf[id];
        return (
          <fieldset
            key={i}
            className={`field yes-no${error ? ' invalid' : ''}`}
            data-question={i}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <legend>{c.question}</legend>
            <HintAndError id={id} error={error} />
            <div className="radios-inline">
              <div className="radio-option">
                <input id={`${id}-yes`} type="radio" name={id} checked={values.answers[i] === true} onChange={() => answer(i, true)} />
                <label htmlFor={`${id}-yes`}>Yes</label>
              </div>
              <div className="radio-option">
                <input id={`${id}-no`} type="radio" name={id} checked={values.answers[i] === false} onChange={() => answer(i, false)} />
                <label htmlFor={`${id}-no`}>No</label>
              </div>
            </div>
          </fieldset>
        );
      })}

      <p className="screen-result" role="status">
        Result: <strong>{RESULT_WORDS[result]}</strong>
        {values.answers.some((a) => a === null) ? ' (so far — answer every check)' : ''}
      </p>
      {result === 'ineligible' ? (
        <div className={`field${errorOf['screen-told'] ? ' invalid' : ''}`}>
          <label htmlFor="screen-told">What the applicant will be told</label>
          <HintAndError
            id="screen-told"
            hint="Pre-filled from the checks that fail; change the words if you need to"
            error={errorOf['screen-told']}
          />
          <textarea
            id="screen-told"
            rows={3}
            value={values.toldApplicant}
            aria-invalid={errorOf['screen-told'] ? true : undefined}
            aria-describedby={`screen-told-hint${errorOf['screen-told'] ? ' screen-told-error' : ''}`}
            onChange={(e) => setValues({ ...values, toldApplicant: e.target.value, toldEdited: true })}
          />
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" id="screen-save" disabled={saving}>
          {saving ? 'Saving…' : `Save: ${RESULT_WORDS[result].toLowerCase()}`}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel<span className="visually-hidden"> screening {row.reference}</span>
        </button>
      </div>
    </form>
  );
}

/** Two laptops screened it differently: each version, and how to settle it. */
function Disputed({ versions }: { versions: ScreeningView[] }) {
  return (
    <div className="panel warning">
      <h3>Screened differently on two laptops</h3>
      <ul>
        {versions.map((v) => (
          <li key={v.id}>
            <strong>{RESULT_WORDS[v.result]}</strong> — {v.by} on {v.on}, {formatInstant(v.at)}
            {v.toldApplicant ? `: “${v.toldApplicant}”` : ''}
          </li>
        ))}
      </ul>
      <p>The first stays in effect until you save a screening here, which settles it on every laptop.</p>
    </div>
  );
}
