// /catalogue/funds/:fundId/letters — a fund's letter template: the conditions of grant, payment
// schedule, monitoring and wording of its offer and decline letters. Letters written after a save
// use it; a preview shows a sample letter from the form as it stands, saved or not.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { FieldProblem } from '../../../shared/contract/result';
import type { LetterTemplateView } from '../../../shared/contract/letters';
import { MAX_CONDITIONS, MAX_PAYMENTS } from '../../../shared/domain/letters';
import { call } from '../../app/api';
import { saveFile } from '../../app/files';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { Page } from '../../components/Page';
import { RepeatingFieldset } from '../applications/RepeatingFieldset';
import { useMayCall } from '../session/session-cache';
import {
  checkTemplate,
  errorsByField,
  letterFieldId,
  newKey,
  percentTotal,
  templateValues,
  type ConditionRow,
  type LetterTemplateValues,
  type PaymentRow,
} from './letter-template-form';
import { letterTemplateQuery } from './queries';
import './letters.css';

export function LetterTemplatePage() {
  const { fundId = '' } = useParams();
  const held = useQuery(letterTemplateQuery({ fundId }));
  const title = held.data ? `Letter template: ${held.data.fundName}` : 'Letter template';
  return (
    <Page
      title={title}
      lede="What this fund’s offer and decline letters say besides the decision: conditions of grant, how the grant is paid, monitoring, and closing words. Letters written after you save use it."
    >
      <p>
        <Link to="/catalogue">Back to the catalogue</Link>
      </p>
      {held.data ? (
        <TemplateForm key={`${held.data.fundId}-${JSON.stringify(held.data.template)}`} view={held.data} />
      ) : (
        <p role="status">{held.isError ? held.error.message : 'Loading the template…'}</p>
      )}
    </Page>
  );
}

function TemplateForm({ view }: { view: LetterTemplateView }) {
  const editable = useMayCall()('letterTemplates.save');
  const [initial] = useState(() => templateValues(view.template));
  const [values, setValues] = useState<LetterTemplateValues>(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState<'saving' | 'offer' | 'decline' | null>(null);
  const changed = JSON.stringify(stripKeys(values)) !== JSON.stringify(stripKeys(initial));
  const saved = useLeaveWarning(changed);
  const errorOf = errorsByField(problems);

  const set =
    <K extends keyof LetterTemplateValues>(key: K) =>
    (value: LetterTemplateValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const setConditions = (change: (rows: ConditionRow[]) => ConditionRow[]) =>
    setValues((v) => ({ ...v, conditions: change(v.conditions) }));
  const setPayments = (change: (rows: PaymentRow[]) => PaymentRow[]) => setValues((v) => ({ ...v, payments: change(v.payments) }));

  async function save(e: FormEvent) {
    e.preventDefault();
    const checked = checkTemplate(values);
    if (!checked.template) return setProblems(checked.problems);
    setBusy('saving');
    const result = await call('letterTemplates.save', { fundId: view.fundId, template: checked.template }, { quiet: true });
    setBusy(null);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'template', message: result.error.message }]);
    setProblems([]);
    saved();
    useNotifications.getState().push('success', `Saved the ${view.fundName}’s letter template`);
  }

  async function preview(letter: 'offer' | 'decline') {
    const checked = checkTemplate(values);
    if (!checked.template) return setProblems(checked.problems);
    setProblems([]);
    setBusy(letter);
    const template = checked.template;
    const result = await saveFile('pdf', `${view.fundId}-sample-${letter}-letter.pdf`, (file) =>
      call('letterTemplates.preview', { fundId: view.fundId, template, letter, file }),
    );
    setBusy(null);
    if (result.ok && result.value) useNotifications.getState().push('success', `Saved a sample ${letter} letter (${result.value.name})`);
  }

  const total = percentTotal(values.payments);
  return (
    <form noValidate className="letter-template" aria-label={`Letter template for the ${view.fundName}`} onSubmit={(e) => void save(e)}>
      <ErrorSummary problems={problems} idFor={letterFieldId} />
      <p className="section-lede" id="letter-template-status">
        {view.isDefault
          ? 'This fund uses GrantPanel’s default template: change anything below to make it this fund’s own.'
          : 'This fund has its own template.'}
        {editable ? '' : ' Only a grants officer can change it.'}
      </p>
      <fieldset className="letter-fieldset" disabled={!editable}>
        <RepeatingFieldset<ConditionRow>
          id="letter-conditions"
          className="letter-conditions"
          legend="Conditions of grant"
          hint="Each one a numbered condition in the offer letter, in this order. Plain text: nothing is read as formatting."
          error={errorOf.conditions}
          rows={values.conditions}
          rowLegend={(i) => `Condition ${i + 1}`}
          firstFieldId={(i) => `letter-condition-${i}`}
          addLabel="Add another condition"
          max={MAX_CONDITIONS}
          onAdd={() => setConditions((rows) => [...rows, { key: newKey(), text: '' }])}
          onRemove={(i) => setConditions((rows) => rows.filter((_, j) => j !== i))}
          renderRow={(row, i) => (
            <TextArea
              id={`letter-condition-${i}`}
              label={`Condition ${i + 1}`}
              rows={3}
              value={row.text}
              error={errorOf[`conditions.${i}`]}
              onChange={(text) => setConditions((rows) => rows.map((r, j) => (j === i ? { ...r, text } : r)))}
            />
          )}
        />
        <RepeatingFieldset<PaymentRow>
          id="letter-payments"
          className="letter-payments"
          legend="Payment schedule"
          hint="Each payment as a whole percentage of the grant and when it is paid, in order. They must add up to 100%."
          error={errorOf.payments}
          rows={values.payments}
          rowLegend={(i) => `Payment ${i + 1}`}
          firstFieldId={(i) => `letter-payment-${i}-percent`}
          addLabel="Add another payment"
          max={MAX_PAYMENTS}
          onAdd={() => setPayments((rows) => [...rows, { key: newKey(), percent: '', when: '' }])}
          onRemove={(i) => setPayments((rows) => rows.filter((_, j) => j !== i))}
          footer={
            <p className={`payment-total${total === 100 ? '' : ' off'}`} aria-live="polite">
              Adds up to <span className="num">{total}%</span>
              {total === 100 ? '' : ' — it must be 100%'}
            </p>
          }
          renderRow={(row, i) => {
            const change = (patch: Partial<PaymentRow>) => setPayments((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <>
                <TextField
                  id={`letter-payment-${i}-percent`}
                  label="Percentage"
                  hint="Like 50"
                  className="narrow"
                  inputMode="numeric"
                  value={row.percent}
                  error={errorOf[`payments.${i}.percent`]}
                  onChange={(percent) => change({ percent })}
                />
                <TextField
                  id={`letter-payment-${i}-when`}
                  label="When it is paid"
                  hint="Like: on proof of purchase"
                  value={row.when}
                  error={errorOf[`payments.${i}.when`]}
                  onChange={(when) => change({ when })}
                />
              </>
            );
          }}
        />
        <TextArea
          id="letter-monitoring"
          label="Monitoring requirements"
          hint="What the organisation reports back, under “Reporting back” in the offer letter"
          rows={4}
          value={values.monitoring}
          error={errorOf.monitoring}
          onChange={set('monitoring')}
        />
        <TextField
          id="letter-report-weeks"
          label="Report due, in weeks after the project ends"
          hint="The letter gives the date: the project’s end date plus this many weeks (0 to 52)"
          className="narrow"
          inputMode="numeric"
          value={values.reportWeeksAfterEnd}
          error={errorOf.reportWeeksAfterEnd}
          onChange={set('reportWeeksAfterEnd')}
        />
        <TextArea
          id="letter-accept-by"
          label="Returning the acceptance slip"
          hint="Printed on the slip: how and by when to return it"
          rows={2}
          value={values.acceptBy}
          error={errorOf.acceptBy}
          onChange={set('acceptBy')}
        />
        <TextField
          id="letter-sign-off"
          label="Sign-off line"
          hint="After the Chief Executive’s name, like: Chief Executive, on behalf of the Police and Crime Commissioner"
          value={values.signOff}
          error={errorOf.signOff}
          onChange={set('signOff')}
        />
        <TextArea
          id="letter-decline-wording"
          label="Decline letter’s closing words"
          hint="After the reason the Chief Executive gave"
          rows={3}
          value={values.declineWording}
          error={errorOf.declineWording}
          onChange={set('declineWording')}
        />
      </fieldset>
      <div className="button-row">
        {editable ? (
          <button type="submit" className="button" id="letter-template-save" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save template'}
          </button>
        ) : null}
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void preview('offer')}>
          {busy === 'offer' ? 'Making the sample…' : 'Preview offer letter (PDF)'}
        </button>
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void preview('decline')}>
          {busy === 'decline' ? 'Making the sample…' : 'Preview decline letter (PDF)'}
        </button>
      </div>
    </form>
  );
}

const stripKeys = (v: LetterTemplateValues) => ({
  ...v,
  conditions: v.conditions.map((c) => c.text),
  payments: v.payments.map((p) => [p.percent, p.when]),
});
