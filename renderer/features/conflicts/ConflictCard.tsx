// One conflict: the record, both versions named by person, laptop and time (which is in the register
// now and why), and for each field both versions side by side, the person choosing which to keep.
import { useState, type FormEvent } from 'react';
import type { ConflictSummary } from '../../../shared/contract/conflicts';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { KINDS, type KindDeclaration } from '../../../shared/domain/kinds';
import { versionMade, versionName } from '../../../shared/domain/conflict-versions';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError } from '../../components/fields';

type Choice = 'kept' | 'incoming';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A value; one of several lines (a rubric's criteria) is marked where the other version differs. */
function ConflictValue({ value, other }: { value: string; other: string }) {
  const lines = value.split('\n');
  if (lines.length === 1) return <span className="conflict-value">{value}</span>;
  const others = new Set(other.split('\n'));
  return (
    <span className="conflict-value">
      {lines.map((line, i) =>
        others.has(line) ? (
          <span key={i} className="conflict-line">
            {line}
          </span>
        ) : (
          <mark key={i} className="conflict-line">
            <span className="visually-hidden">Differs: </span>
            {line}
          </mark>
        ),
      )}
    </span>
  );
}

export function ConflictCard({ conflict }: { conflict: ConflictSummary }) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const idFor = (field: string) => `conflict-${conflict.id.slice(0, 12)}-${field}`;
  const titleId = `conflict-${conflict.id.slice(0, 12)}-title`;
  const { kept, incoming } = conflict.versions;
  const note = (KINDS[conflict.kind] as KindDeclaration).conflictNote;
  // Said only when true: a change made since, from the version kept, may be later than the other.
  const keptFirst = kept !== null && Date.parse(kept.at) <= Date.parse(incoming.at);

  const resolve = async (e: FormEvent) => {
    e.preventDefault();
    const missing = conflict.fields
      .filter((f) => !choices[f.field])
      .map((f) => ({ field: f.field, message: `Choose which ${f.label.toLowerCase()} to keep` }));
    if (missing.length > 0) return setProblems(missing);
    setBusy(true);
    const result = await call('conflicts.resolve', { id: conflict.id, choices }, { quiet: true });
    setBusy(false);
    if (!result.ok)
      return setProblems(
        result.error.details?.length ? result.error.details : [{ field: conflict.fields[0]?.field ?? '', message: result.error.message }],
      );
    useNotifications
      .getState()
      .push('success', `Conflict on ${conflict.label} resolved — your choice goes to other laptops in your next bundle`);
  };

  return (
    <article className="panel conflict" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {capitalised(conflict.noun)}: <a href={KINDS[conflict.kind].page(conflict.entityId)}>{conflict.label}</a>
      </h2>
      {conflict.resolvedAt ? null : (
        <>
          <dl className="summary-list conflict-sources">
            <dt>In the register now</dt>
            <dd>
              {kept ? versionMade(kept) : 'The version this laptop held (who made it is not in its log)'}
              {keptFirst && <span className="label-aside"> — made first</span>}
            </dd>
            <dt>Not applied</dt>
            <dd>
              {versionMade(incoming)}
              {keptFirst && <span className="label-aside"> — made later</span>}
            </dd>
          </dl>
          <p>The earlier change stays in the register until you choose, the same on every laptop; the later one waits here.</p>
          {note ? <p>{note}</p> : null}
        </>
      )}
      {conflict.resolvedAt ? (
        <>
          <dl className="summary-list">
            {conflict.fields.map((f) => (
              <div key={f.field}>
                <dt>{f.label}</dt>
                <dd>{f.kept}</dd>
              </div>
            ))}
          </dl>
          <p>
            Resolved by {conflict.resolvedBy}, {formatInstant(conflict.resolvedAt)}.
          </p>
        </>
      ) : (
        <form onSubmit={(e) => void resolve(e)} noValidate>
          <ErrorSummary problems={problems} idFor={idFor} />
          {conflict.fields.map((f) => {
            const error = problems.find((p) => p.field === f.field)?.message;
            const name = idFor(f.field);
            return (
              <fieldset
                key={f.field}
                className={`field radios conflict-field${error ? ' invalid' : ''}`}
                aria-describedby={error ? `${name}-error` : undefined}
              >
                <legend>{f.label}</legend>
                <HintAndError id={name} error={error} />
                <div className="conflict-versions">
                  {(['kept', 'incoming'] as const).map((which) => (
                    <div className="radio-option conflict-version" key={which}>
                      <input
                        type="radio"
                        id={which === 'kept' ? name : `${name}-incoming`}
                        name={name}
                        checked={choices[f.field] === which}
                        onChange={() => setChoices({ ...choices, [f.field]: which })}
                      />
                      <label htmlFor={which === 'kept' ? name : `${name}-incoming`}>
                        <span className="label-aside">
                          {which === 'kept' ? `Keep ${versionName(kept)}` : `Use ${versionName(incoming)}`}
                        </span>
                        <ConflictValue value={which === 'kept' ? f.kept : f.incoming} other={which === 'kept' ? f.incoming : f.kept} />
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            );
          })}
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              Resolve conflict
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
