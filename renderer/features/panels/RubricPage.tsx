// A round's rubric: what its panels score applications against. People who manage panels edit it
// (starting from the suggested default when the round has none); everyone else reads it. Once
// scoring has begun, a change to weights, scales, criteria or gates is saved as the next version.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { RubricView } from '../../../shared/contract/panels';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RubricContent } from '../../../shared/domain/rubric';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextArea, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { Page } from '../../components/Page';
import { useMayCall } from '../session/session-cache';
import { CriterionFields } from './CriterionFields';
import { RubricSummary } from './RubricSummary';
import { rubricQuery } from './queries';
import {
  contentFromForm,
  emptyCriterion,
  emptyGate,
  formFromContent,
  formGist,
  problemPlace,
  rubricFieldId,
  weightShares,
  type RubricForm,
} from './rubric-form';

export function RubricPage() {
  const { id = '' } = useParams();
  const view = useQuery(rubricQuery({ roundId: id }));
  const editable = useMayCall()('rubrics.save');
  const back = (
    <Link className="back-link" to="/rounds">
      Back to rounds
    </Link>
  );
  if (!view.data)
    return (
      <>
        {back}
        <Page title={view.error?.error.code === 'NOT_FOUND' ? 'Round not found' : 'Rubric'}>
          <p role="status">{view.isPending ? 'Loading the rubric…' : view.error?.message}</p>
        </Page>
      </>
    );
  const v = view.data;
  return (
    <>
      {back}
      {editable ? (
        // Filled once per version: a save from another window refills it rather than typing over it.
        <RubricEditor key={`${v.roundId}:${v.rubric?.version ?? 0}`} view={v} />
      ) : (
        <Page title={`Rubric for ${v.roundName}`} lede={`Scored against the ${v.planName}.`}>
          {v.rubric ? (
            <RubricSummary rubric={v.rubric} priorities={v.priorities} />
          ) : (
            <p>The grants officer has not set this round’s rubric yet.</p>
          )}
        </Page>
      )}
    </>
  );
}

function RubricEditor({ view }: { view: RubricView }) {
  const [initial] = useState<RubricForm>(() => formFromContent(view.rubric ?? view.suggested));
  const [form, setForm] = useState<RubricForm>(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [nextVersion, setNextVersion] = useState<{ content: RubricContent; message: string; label: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedGist, setSavedGist] = useState(() => formGist(initial));
  // Saved is the new unchanged: the warning follows what was last saved, for the edits after it too.
  useLeaveWarning(formGist(form) !== savedGist);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const confirmBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);
  useEffect(() => {
    if (nextVersion) confirmBox.current?.focus();
  }, [nextVersion]);

  const change = (next: (f: RubricForm) => RubricForm) => {
    setNextVersion(null);
    setForm(next);
  };
  const errors = new Map<string, string>();
  for (const p of problems) if (!errors.has(rubricFieldId(p.field))) errors.set(rubricFieldId(p.field), p.message);
  const errorOf = (fieldId: string) => errors.get(fieldId);
  const shares = weightShares(form.criteria);
  const version = view.rubric?.version ?? 0;

  async function save(content: RubricContent, newVersion: boolean) {
    setSaving(true);
    const result = await call('rubrics.save', { roundId: view.roundId, content, newVersion }, { quiet: true });
    setSaving(false);
    if (!result.ok && result.error.code === 'NEEDS_CONFIRMATION') {
      setProblems([]);
      setNextVersion({
        content,
        message: result.error.message,
        label: result.error.details?.[0]?.message ?? `Save as version ${version + 1}`,
      });
      return;
    }
    setNextVersion(null);
    if (!result.ok) {
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
      return;
    }
    setProblems([]);
    setSavedGist(formGist(form));
    useNotifications
      .getState()
      .push('success', version === 0 ? `Rubric set for ${view.roundName}` : `Rubric saved (version ${result.value.version})`);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = contentFromForm(form);
    if (!checked.content) {
      setProblems(checked.problems);
      return;
    }
    await save(checked.content, false);
  }

  const moveCriterion = (from: number, by: -1 | 1) => {
    const to = from + by;
    change((f) => {
      const criteria = [...f.criteria];
      const [moved] = criteria.splice(from, 1);
      if (moved) criteria.splice(to, 0, moved);
      return { ...f, criteria };
    });
    // Stay on the button pressed, unless the row reached the end and that button is now disabled.
    const atEnd = (by === -1 && to === 0) || (by === 1 && to === form.criteria.length - 1);
    setFocusNext(`rubric-criteria-${to}-${(by === -1) !== atEnd ? 'up' : 'down'}`);
  };

  return (
    <Page
      title={`Rubric for ${view.roundName}`}
      lede={`What the round’s panels score each application against, using the priorities of the ${view.planName}.`}
    >
      {view.rubric === null ? (
        <div className="panel" role="note" aria-label="Suggested rubric">
          This round has no rubric yet. Below is the suggested one, built from the Commissioning Strategy’s principles. Change anything you
          need, then choose <strong>Use this rubric</strong>.
        </div>
      ) : view.locked ? (
        <div className="panel warning" role="note" aria-label="Scoring has begun">
          <p>
            Scoring has begun on version {version}. You can still reword the rubric and change its bands and thresholds. Changing a weight,
            a scale, or adding or removing a criterion or gate makes version {version + 1}: members then score again against it.
          </p>
        </div>
      ) : (
        <p className="section-lede">Version {version}. No one has scored against it yet, so everything can still change.</p>
      )}
      <ErrorSummary
        problems={problems.map((p) => {
          const place = problemPlace(p.field, form);
          return { ...p, message: place ? `${place}: ${p.message}` : p.message };
        })}
        idFor={rubricFieldId}
      />
      <form noValidate onSubmit={(e) => void submit(e)} className="rubric-form">
        <h2 id="rubric-criteria" tabIndex={-1}>
          Criteria
        </h2>
        {errorOf('rubric-criteria') ? <p className="field-error">{errorOf('rubric-criteria')}</p> : null}
        {form.criteria.map((row, i) => (
          <CriterionFields
            key={row.key}
            row={row}
            index={i}
            count={form.criteria.length}
            share={shares[i] ?? null}
            priorities={view.priorities}
            errorOf={errorOf}
            onChange={(next) => change((f) => ({ ...f, criteria: f.criteria.map((c, j) => (j === i ? next : c)) }))}
            onMove={(by) => moveCriterion(i, by)}
            onRemove={() => {
              change((f) => ({ ...f, criteria: f.criteria.filter((_, j) => j !== i) }));
              setFocusNext('add-criterion');
            }}
          />
        ))}
        <button
          type="button"
          className="button secondary"
          id="add-criterion"
          hidden={form.criteria.length >= 20}
          onClick={() => {
            change((f) => ({ ...f, criteria: [...f.criteria, emptyCriterion(f.criteria.map((c) => c.id))] }));
            setFocusNext(`rubric-criteria-${form.criteria.length}-name`);
          }}
        >
          Add a criterion
        </button>

        <h2 id="rubric-gates" tabIndex={-1}>
          Gates
        </h2>
        <p className="section-lede">
          Answered pass or fail, apart from the score. If any member says an application fails a gate, it is not ranked.
        </p>
        {form.gates.map((gate, i) => {
          const id = (field: string) => `rubric-gates-${i}-${field}`;
          const setGate = (field: 'name' | 'guidance', value: string) =>
            change((f) => ({ ...f, gates: f.gates.map((g, j) => (j === i ? { ...g, [field]: value } : g)) }));
          return (
            <fieldset className="criterion" key={gate.key}>
              <legend className="criterion-legend">
                Gate {i + 1}
                {gate.name.trim() ? `: ${gate.name.trim()}` : ''}
              </legend>
              <TextField id={id('name')} label="Name" value={gate.name} error={errorOf(id('name'))} onChange={(v) => setGate('name', v)} />
              <TextArea
                id={id('guidance')}
                label="Guidance for members"
                rows={2}
                value={gate.guidance}
                error={errorOf(id('guidance'))}
                onChange={(v) => setGate('guidance', v)}
              />
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  change((f) => ({ ...f, gates: f.gates.filter((_, j) => j !== i) }));
                  setFocusNext('add-gate');
                }}
              >
                Remove<span className="visually-hidden"> gate {i + 1}</span>
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button secondary"
          id="add-gate"
          hidden={form.gates.length >= 10}
          onClick={() => {
            change((f) => ({ ...f, gates: [...f.gates, emptyGate(f.gates.map((g) => g.id))] }));
            setFocusNext(`rubric-gates-${form.gates.length}-name`);
          }}
        >
          Add a gate
        </button>

        <h2 id="rubric-bands" tabIndex={-1}>
          Bands
        </h2>
        <p className="section-lede">
          Turn a weighted score into a recommendation. Each band starts at a percentage; the lowest starts at 0%.
        </p>
        {errorOf('rubric-bands') ? <p className="field-error">{errorOf('rubric-bands')}</p> : null}
        {form.bands.map((band, i) => {
          const id = (field: string) => `rubric-bands-${i}-${field}`;
          const setBand = (field: 'label' | 'fromPercent', value: string) =>
            change((f) => ({ ...f, bands: f.bands.map((b, j) => (j === i ? { ...b, [field]: value } : b)) }));
          return (
            <fieldset className="band-row" key={band.id}>
              <legend className="visually-hidden">Band {i + 1}</legend>
              <TextField
                id={id('label')}
                label={`Band ${i + 1}`}
                value={band.label}
                error={errorOf(id('label'))}
                onChange={(v) => setBand('label', v)}
              />
              <TextField
                id={id('fromPercent')}
                label="From (%)"
                className="number-input"
                inputMode="numeric"
                value={band.fromPercent}
                error={errorOf(id('fromPercent'))}
                onChange={(v) => setBand('fromPercent', v)}
              />
            </fieldset>
          );
        })}

        <h2>Flags for the chair</h2>
        <div className="grid-3">
          <TextField
            id="rubric-spreadPoints"
            label="Spread in points"
            hint="Flag a criterion when members’ scores differ by this many points or more"
            className="number-input"
            inputMode="numeric"
            value={form.spreadPoints}
            error={errorOf('rubric-spreadPoints')}
            onChange={(v) => change((f) => ({ ...f, spreadPoints: v }))}
          />
          <TextField
            id="rubric-spreadDeviation"
            label="Spread threshold"
            hint="Flag an application when the standard deviation of members’ scores is more than this many percentage points"
            className="number-input"
            inputMode="numeric"
            value={form.spreadDeviation}
            error={errorOf('rubric-spreadDeviation')}
            onChange={(v) => change((f) => ({ ...f, spreadDeviation: v }))}
          />
          <TextField
            id="rubric-rankShiftPlaces"
            label="Rank difference"
            hint="Say so when normalisation moves an application by more than this many places"
            className="number-input"
            inputMode="numeric"
            value={form.rankShiftPlaces}
            error={errorOf('rubric-rankShiftPlaces')}
            onChange={(v) => change((f) => ({ ...f, rankShiftPlaces: v }))}
          />
        </div>

        {nextVersion ? (
          <div className="panel warning" role="alert" tabIndex={-1} ref={confirmBox} aria-labelledby="next-version-title">
            <h2 id="next-version-title">Check before saving</h2>
            <p>{nextVersion.message}.</p>
            <p>
              Scores already given against version {version} stay in the record but no longer count; the members will see them marked to
              score again.
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button"
                id="rubric-new-version"
                disabled={saving}
                onClick={() => void save(nextVersion.content, true)}
              >
                {saving ? 'Saving…' : nextVersion.label}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={saving}
                onClick={() => {
                  setNextVersion(null);
                  setFocusNext('rubric-save');
                }}
              >
                Go back to the rubric
              </button>
            </div>
          </div>
        ) : null}
        <div className="button-row" hidden={nextVersion !== null}>
          <button type="submit" className="button" id="rubric-save" disabled={saving}>
            {saving ? 'Saving…' : view.rubric === null ? 'Use this rubric' : 'Save the rubric'}
          </button>
          <Link to="/rounds">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
