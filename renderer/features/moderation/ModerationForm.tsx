// The chair's moderation of one application: a moderated level per criterion (starting from the
// members' rounded mean), a rationale where it strays from the mean, gates, and a recommendation.
// The core checks it all; its problems come back in the error-summary pattern.
import { useState, type FormEvent } from 'react';
import type { ModerationRow } from '../../../shared/contract/moderation';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { RECOMMENDATIONS, RECOMMENDATION_IDS, rationaleRequired, type Recommendation } from '../../../shared/domain/panels';
import { formatPence, parseMoney } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, TextArea, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { meanLevels, oneDecimal } from './ScoresTable';

const idFor = (field: string) => `mod-${field.replace(/\./g, '-')}`;

interface Draft {
  levels: Record<string, string>;
  gates: Record<string, 'pass' | 'fail' | ''>;
  rationales: Record<string, string>;
  recommendation: Recommendation | '';
  amount: string;
  reason: string;
}

function startingDraft(row: ModerationRow, rubric: RubricRecord, means: Map<string, number | null>): Draft {
  const standing = row.moderation;
  const levels: Record<string, string> = {};
  const gates: Record<string, 'pass' | 'fail' | ''> = {};
  for (const c of rubric.criteria) {
    const mean = means.get(c.id) ?? null;
    levels[c.id] = standing ? String(standing.levels[c.id] ?? '') : mean === null ? '' : String(Math.round(mean));
  }
  for (const g of rubric.gates) gates[g.id] = standing?.gates[g.id] ?? row.scores?.gates.find((x) => x.gateId === g.id)?.result ?? '';
  return {
    levels,
    gates,
    rationales: { ...(standing?.rationales ?? {}) },
    recommendation: standing?.recommendation ?? '',
    amount: standing?.amountPence ? formatPence(standing.amountPence) : '',
    reason: standing?.reason ?? '',
  };
}

export function ModerationForm({ row, rubric, onSaved }: { row: ModerationRow; rubric: RubricRecord; onSaved: (text: string) => void }) {
  const means = meanLevels(row, rubric);
  const [start] = useState(() => startingDraft(row, rubric, means));
  const [draft, setDraft] = useState(start);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(start);
  const saved = useLeaveWarning(changed);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  /** The core's own rule and words (electron/core/services/moderation.ts), for when it has not reached them yet. */
  function missingRationales(): FieldProblem[] {
    return rubric.criteria.flatMap((c) => {
      const level = draft.levels[c.id] ?? '';
      const mean = means.get(c.id) ?? null;
      if (level === '' || mean === null || !rationaleRequired(Number(level), mean) || draft.rationales[c.id]?.trim()) return [];
      return [
        { field: `rationales.${c.id}`, message: `Say why ${c.name} is moderated to ${level} when the members’ mean is ${mean.toFixed(1)}` },
      ];
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldProblem[] = [];
    let amountPence: number | null = null;
    if (draft.recommendation === 'fund-lower' && draft.amount.trim()) {
      amountPence = parseMoney(draft.amount);
      if (amountPence === null) local.push({ field: 'amountPence', message: 'Enter the lower amount in pounds, like £1,250.00' });
    }
    if (local.length) return setProblems(local);
    setBusy(true);
    const result = await call(
      'moderation.record',
      {
        applicationId: row.id,
        levels: Object.fromEntries(Object.entries(draft.levels).flatMap(([k, v]) => (v === '' ? [] : [[k, Number(v)]]))),
        gates: Object.fromEntries(Object.entries(draft.gates).flatMap(([k, v]) => (v === '' ? [] : [[k, v]]))),
        rationales: Object.fromEntries(Object.entries(draft.rationales).filter(([, v]) => v.trim())),
        recommendation: draft.recommendation as Recommendation,
        amountPence,
        reason: draft.reason,
      },
      { quiet: true },
    );
    setBusy(false);
    if (!result.ok) {
      const details = result.error.details ?? [];
      if (!details.length) return setProblems([{ field: 'form', message: result.error.message }]);
      // The contract's own checks (recommendation, amount, reason) answer before the core weighs
      // levels against the mean: list missing rationales with them, so every problem shows at once.
      const rationales = details.some((d) => d.field.startsWith('rationales.')) ? [] : missingRationales();
      setProblems([...details, ...rationales]);
      return;
    }
    saved();
    setProblems([]);
    onSaved(`Moderation of ${row.reference} saved: ${RECOMMENDATIONS[result.value.recommendation]}. The ranking below is updated.`);
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="moderate-title" className="moderation-form">
      <h3 id="moderate-title">Record the moderation</h3>
      <ErrorSummary problems={problems} idFor={idFor} />
      <fieldset className="moderate-criteria">
        <legend>Moderated scores</legend>
        <p className="hint">
          Each starts at the members’ mean, rounded. Say why where you move it further than the whole numbers either side of the mean.
        </p>
        {rubric.criteria.map((c) => {
          const mean = means.get(c.id) ?? null;
          const level = draft.levels[c.id] ?? '';
          const needsRationale = level !== '' && rationaleRequired(Number(level), mean);
          const fieldId = idFor(`levels.${c.id}`);
          const error = errorOf(`levels.${c.id}`);
          const rationaleId = `rationales.${c.id}`;
          return (
            <div className="moderate-criterion" key={c.id}>
              <div className={`field${error ? ' invalid' : ''}`}>
                <label htmlFor={fieldId}>
                  {c.name} <span className="label-aside">(members’ mean {oneDecimal(mean)})</span>
                </label>
                <HintAndError id={fieldId} hint={level === '' ? undefined : c.descriptors[Number(level)]} error={error} />
                <select
                  id={fieldId}
                  className="narrow"
                  value={level}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={
                    [level !== '' ? `${fieldId}-hint` : '', error ? `${fieldId}-error` : ''].filter(Boolean).join(' ') || undefined
                  }
                  onChange={(e) => set({ levels: { ...draft.levels, [c.id]: e.target.value } })}
                >
                  <option value="">Choose</option>
                  {Array.from({ length: c.scale + 1 }, (_, n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              {needsRationale || draft.rationales[c.id] || errorOf(rationaleId) ? (
                <TextArea
                  id={idFor(rationaleId)}
                  label={`Why ${c.name} is moderated to ${level}`}
                  hint="The mean is the members’ view: say what the panel saw differently."
                  rows={2}
                  value={draft.rationales[c.id] ?? ''}
                  error={errorOf(rationaleId)}
                  onChange={(v) => set({ rationales: { ...draft.rationales, [c.id]: v } })}
                />
              ) : null}
            </div>
          );
        })}
      </fieldset>
      {rubric.gates.map((g) => {
        const fieldId = idFor(`gates.${g.id}`);
        const error = errorOf(`gates.${g.id}`);
        return (
          <fieldset
            key={g.id}
            className={`field checks${error ? ' invalid' : ''}`}
            aria-describedby={error ? `${fieldId}-error` : undefined}
          >
            <legend>{g.name}</legend>
            <HintAndError id={fieldId} error={error} />
            <div className="inline-radios">
              {(['pass', 'fail'] as const).map((v) => (
                <label key={v}>
                  <input
                    type="radio"
                    id={v === 'pass' ? fieldId : `${fieldId}-fail`}
                    name={fieldId}
                    checked={draft.gates[g.id] === v}
                    onChange={() => set({ gates: { ...draft.gates, [g.id]: v } })}
                  />{' '}
                  {v === 'pass' ? 'Passes' : 'Fails'}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <fieldset className={`field checks${errorOf('recommendation') ? ' invalid' : ''}`}>
        <legend>Recommendation</legend>
        <HintAndError id={idFor('recommendation')} error={errorOf('recommendation')} />
        {RECOMMENDATION_IDS.map((r, i) => (
          <label key={r}>
            <input
              type="radio"
              id={i === 0 ? idFor('recommendation') : `${idFor('recommendation')}-${r}`}
              name="recommendation"
              checked={draft.recommendation === r}
              onChange={() => set({ recommendation: r })}
            />{' '}
            {RECOMMENDATIONS[r]}
          </label>
        ))}
      </fieldset>
      {draft.recommendation === 'fund-lower' ? (
        <TextField
          id={idFor('amountPence')}
          label="Amount to recommend"
          hint={`Less than the ${formatPence(row.amountRequested)} requested`}
          className="money-input"
          inputMode="decimal"
          value={draft.amount}
          error={errorOf('amountPence')}
          onChange={(v) => set({ amount: v })}
        />
      ) : null}
      <TextArea
        id={idFor('reason')}
        label="Reason"
        hint="Needed for a lower amount or a decline; the office reads it at sign-off."
        rows={3}
        value={draft.reason}
        error={errorOf('reason')}
        onChange={(v) => set({ reason: v })}
      />
      {errorOf('form') ? (
        <p className="field-error" id={idFor('form')} tabIndex={-1}>
          {errorOf('form')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save moderation'}
        </button>
      </div>
    </form>
  );
}
