// One application's amount, edited in its row: the amount in pounds and, when it is below what the
// panel recommended, the reason the offer letter will give. Enter saves; problems are listed at the
// top of the page (the error-summary pattern) and beside the field.
import { useState } from 'react';
import type { AllocationRow } from '../../../shared/contract/allocation';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatPence, parseMoney } from '../../../shared/domain/money';
import { call } from '../../app/api';

export const amountId = (applicationId: string) => `amount-${applicationId}`;
export const reasonId = (applicationId: string) => `reason-${applicationId}`;

/** "amountPence:<application id>", so the page's summary links each problem to its row's field. */
export const rowField = (field: string, applicationId: string) => `${field === 'reason' ? 'reason' : 'amountPence'}:${applicationId}`;

const poundsText = (pence: number | null) => (pence === null ? '' : formatPence(pence).replace('£', ''));

export function AllocationRowForm({
  row,
  problems,
  onProblems,
  onSaved,
}: {
  row: AllocationRow;
  problems: FieldProblem[];
  onProblems: (applicationId: string, problems: FieldProblem[]) => void;
  onSaved: (row: AllocationRow, amountPence: number) => void;
}) {
  const [amount, setAmount] = useState(poundsText(row.allocatedPence));
  const [reason, setReason] = useState(row.reason ?? '');
  const [saving, setSaving] = useState(false);
  const parsed = parseMoney(amount);
  const below = parsed !== null && parsed < (row.recommendedPence ?? row.requestedPence);
  const amountError = problems.find((p) => p.field.startsWith('amountPence:'))?.message;
  const reasonError = problems.find((p) => p.field.startsWith('reason:'))?.message;
  const id = amountId(row.applicationId);
  const label = `${row.reference} ${row.organisationName}`;

  async function save() {
    if (parsed === null) {
      onProblems(row.applicationId, [
        { field: rowField('amountPence', row.applicationId), message: `Enter the amount for ${row.reference} in pounds, like 2,500` },
      ]);
      return;
    }
    setSaving(true);
    const result = await call(
      'allocation.set',
      { applicationId: row.applicationId, amountPence: parsed, reason: below || parsed < row.requestedPence ? reason : null },
      { quiet: true },
    );
    setSaving(false);
    if (!result.ok) {
      const details = result.error.details?.length ? result.error.details : [{ field: 'amountPence', message: result.error.message }];
      onProblems(
        row.applicationId,
        details.map((d) => ({ field: rowField(d.field, row.applicationId), message: `${row.reference}: ${d.message}` })),
      );
      return;
    }
    onProblems(row.applicationId, []);
    onSaved(row, parsed);
  }

  return (
    <form
      className="allocation-form"
      aria-label={`Allocation for ${label}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={`field${amountError ? ' invalid' : ''}`}>
        <label htmlFor={id}>
          Amount in £<span className="visually-hidden"> for {label}</span>
        </label>
        {amountError ? (
          <span className="field-error" id={`${id}-error`}>
            <span className="visually-hidden">Error: </span>
            {amountError}
          </span>
        ) : null}
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="money-input"
          autoComplete="off"
          value={amount}
          aria-invalid={amountError ? true : undefined}
          aria-describedby={amountError ? `${id}-error` : undefined}
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      {below ? (
        <div className={`field${reasonError ? ' invalid' : ''}`}>
          <label htmlFor={reasonId(row.applicationId)}>
            Reason for a lower amount<span className="visually-hidden"> for {label}</span>
          </label>
          <span className="hint" id={`${reasonId(row.applicationId)}-hint`}>
            The offer letter gives it
          </span>
          {reasonError ? (
            <span className="field-error" id={`${reasonId(row.applicationId)}-error`}>
              <span className="visually-hidden">Error: </span>
              {reasonError}
            </span>
          ) : null}
          <textarea
            id={reasonId(row.applicationId)}
            rows={2}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={[`${reasonId(row.applicationId)}-hint`, reasonError ? `${reasonId(row.applicationId)}-error` : '']
              .filter(Boolean)
              .join(' ')}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      ) : row.reason ? (
        <span className="cell-note allocation-reason">{row.reason}</span>
      ) : null}
      <button type="submit" className="button secondary small" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
        <span className="visually-hidden"> the amount for {label}</span>
      </button>
    </form>
  );
}
