// Typing in a member's paper score sheet for one application: whose sheet, their declaration, a
// score and comment per criterion and pass or fail per gate. Saved all at once or not at all, and
// the form clears for the next sheet of the pile. Built for the keyboard: type a digit, Tab on.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Input } from '../../../shared/contract';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { GATE_FAIL, GATE_PASS } from '../../../shared/domain/panels';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, SelectField, TextArea, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { Page } from '../../components/Page';
import { applicationQuery } from '../applications/queries';
import { applicationPanelQuery, panelQuery, rubricQuery } from './queries';

interface Sheet {
  memberId: string;
  /** '' until chosen. */
  interest: '' | 'no' | 'yes';
  nature: string;
  levels: Record<string, string>;
  comments: Record<string, string>;
}

const BLANK: Sheet = { memberId: '', interest: '', nature: '', levels: {}, comments: {} };

export function PaperSheetPage() {
  const { id = '' } = useParams();
  const application = useQuery(applicationQuery({ id }));
  const where = useQuery(applicationPanelQuery({ applicationId: id }));
  const panelId = where.data?.panel?.id ?? '';
  const panel = useQuery({ ...panelQuery({ id: panelId }), enabled: panelId !== '' });
  const roundId = where.data?.roundId ?? '';
  const rubric = useQuery({ ...rubricQuery({ roundId }), enabled: roundId !== '' });
  const back = (
    <Link className="back-link" to={`/applications/${encodeURIComponent(id)}`}>
      Back to the application
    </Link>
  );
  const a = application.data;
  const why =
    !a || !where.data || (panelId && !panel.data) || (roundId && !rubric.data)
      ? (application.error?.message ?? where.error?.message ?? 'Loading the application…')
      : !where.data.panel
        ? 'No panel scores this application, so it has no score sheets. Give it a panel on its page first.'
        : !rubric.data?.rubric
          ? 'The round has no rubric yet: set it before typing in score sheets.'
          : null;
  if (why || !a || !panel.data || !rubric.data?.rubric)
    return (
      <>
        {back}
        <Page title="Type in a paper score sheet">
          <p role="status">{why}</p>
        </Page>
      </>
    );
  return (
    <>
      {back}
      <PaperSheetForm
        applicationId={id}
        title={`${a.reference} · ${a.projectTitle}`}
        panelName={panel.data.name}
        members={panel.data.members}
        rubric={rubric.data.rubric}
      />
    </>
  );
}

function PaperSheetForm({
  applicationId,
  title,
  panelName,
  members,
  rubric,
}: {
  applicationId: string;
  title: string;
  panelName: string;
  members: { id: string; name: string }[];
  rubric: RubricRecord;
}) {
  const [sheet, setSheet] = useState<Sheet>(BLANK);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(0);
  useLeaveWarning(JSON.stringify(sheet) !== JSON.stringify(BLANK));
  const set = <K extends keyof Sheet>(key: K, value: Sheet[K]) => setSheet((s) => ({ ...s, [key]: value }));
  const setIn = (key: 'levels' | 'comments', criterionId: string, value: string) =>
    setSheet((s) => ({ ...s, [key]: { ...s[key], [criterionId]: value } }));
  useEffect(() => {
    // The next sheet of the pile starts at "Whose sheet is it?".
    if (done > 0) document.getElementById('sheet-member')?.focus();
  }, [done]);

  const fieldId = (field: string) => {
    if (field === 'memberId') return 'sheet-member';
    if (field === 'interest') return 'sheet-interest';
    if (field === 'nature') return 'sheet-nature';
    // `scores.need` (by criterion, from the core's check) or `scores.3.comment` (by place in what was sent: criteria, then gates).
    const [list, key, part] = field.split('.');
    if (list !== 'scores') return 'sheet-submit';
    const rows = [...rubric.criteria, ...rubric.gates];
    const row = key === undefined ? rows[0] : /^\d+$/.test(key) ? rows[Number(key)] : rows.find((r) => r.id === key);
    return `sheet-${row?.id ?? rows[0]?.id}-${part === 'comment' ? 'comment' : 'level'}`;
  };
  const errorOf = (id: string) => problems.find((p) => fieldId(p.field) === id)?.message;
  const interest = sheet.interest === 'yes';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldProblem[] = [];
    if (!sheet.memberId) found.push({ field: 'memberId', message: 'Choose whose sheet it is' });
    if (!sheet.interest) found.push({ field: 'interest', message: 'Say whether the sheet declares an interest' });
    const scores: Input<'scoring.fromPaper'>['scores'] = [];
    if (!interest) {
      for (const c of rubric.criteria) {
        const text = (sheet.levels[c.id] ?? '').trim();
        const level = /^\d$/.test(text) ? Number(text) : null;
        if (text && (level === null || level > c.scale))
          found.push({ field: `scores.${c.id}`, message: `${c.name}: enter a score from 0 to ${c.scale}` });
        scores.push({ criterionId: c.id, level, comment: sheet.comments[c.id] ?? '' });
      }
      for (const g of rubric.gates) {
        const text = sheet.levels[g.id];
        scores.push({ criterionId: g.id, level: text === 'pass' ? GATE_PASS : text === 'fail' ? GATE_FAIL : null, comment: '' });
      }
    }
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    setSaving(true);
    const result = await call(
      'scoring.fromPaper',
      { applicationId, memberId: sheet.memberId, interest, nature: interest ? sheet.nature : '', scores, submit: true },
      { quiet: true },
    );
    setSaving(false);
    if (!result.ok) {
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
      return;
    }
    const name = members.find((m) => m.id === sheet.memberId)?.name ?? 'the member';
    useNotifications
      .getState()
      .push(
        'success',
        interest ? `${name}’s sheet typed in: an interest is declared, so no scores` : `${name}’s sheet typed in and submitted`,
      );
    setProblems([]);
    // A blank form is not held back by the leave warning: the next sheet can start, or the officer leave.
    setSheet(BLANK);
    setDone((n) => n + 1);
  }

  return (
    <Page title="Type in a paper score sheet" lede={`${title} — scored by ${panelName} against version ${rubric.version} of the rubric.`}>
      <ErrorSummary problems={problems} idFor={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="paper-sheet">
        <div className="grid-2">
          <SelectField
            id="sheet-member"
            label="Whose sheet is it?"
            value={sheet.memberId}
            placeholder="Choose a member"
            options={members.map((m) => ({ value: m.id, label: m.name }))}
            error={errorOf('sheet-member')}
            onChange={(v) => set('memberId', v)}
          />
        </div>
        <fieldset
          className={`field checks${errorOf('sheet-interest') ? ' invalid' : ''}`}
          aria-describedby={errorOf('sheet-interest') ? 'sheet-interest-error' : undefined}
        >
          <legend>Declaration on the sheet</legend>
          <HintAndError id="sheet-interest" error={errorOf('sheet-interest')} />
          <label>
            <input
              type="radio"
              name="sheet-interest"
              id="sheet-interest"
              checked={sheet.interest === 'no'}
              onChange={() => set('interest', 'no')}
            />
            No interest in this application
          </label>
          <label>
            <input type="radio" name="sheet-interest" id="sheet-interest-yes" checked={interest} onChange={() => set('interest', 'yes')} />
            An interest — the member takes no part in scoring it
          </label>
        </fieldset>
        {interest ? (
          <TextArea
            id="sheet-nature"
            label="Nature of the interest"
            hint="As written on the sheet, like “I am a trustee of the applicant”"
            rows={2}
            value={sheet.nature}
            error={errorOf('sheet-nature')}
            onChange={(v) => set('nature', v)}
          />
        ) : (
          <>
            <h2>Scores</h2>
            <p className="section-lede">Type each score as a digit. A comment is needed at the lowest and the highest level.</p>
            {rubric.criteria.map((c, i) => (
              <fieldset key={c.id} className="sheet-row">
                <legend className="criterion-legend">
                  {i + 1}. {c.name}
                </legend>
                <TextField
                  id={`sheet-${c.id}-level`}
                  label={`Score (0 to ${c.scale})`}
                  className="digit-input"
                  inputMode="numeric"
                  value={sheet.levels[c.id] ?? ''}
                  error={errorOf(`sheet-${c.id}-level`)}
                  hint={descriptorOf(c.descriptors, sheet.levels[c.id])}
                  onChange={(v) => setIn('levels', c.id, v)}
                />
                <TextArea
                  id={`sheet-${c.id}-comment`}
                  label="Comment"
                  rows={2}
                  value={sheet.comments[c.id] ?? ''}
                  error={errorOf(`sheet-${c.id}-comment`)}
                  onChange={(v) => setIn('comments', c.id, v)}
                />
              </fieldset>
            ))}
            {rubric.gates.map((g) => {
              const error = errorOf(`sheet-${g.id}-level`);
              return (
                <fieldset
                  key={g.id}
                  className={`field checks sheet-gate${error ? ' invalid' : ''}`}
                  aria-describedby={error ? `sheet-${g.id}-level-error` : undefined}
                >
                  <legend>{g.name}</legend>
                  <HintAndError id={`sheet-${g.id}-level`} error={error} />
                  <div className="inline-radios">
                    <label>
                      <input
                        type="radio"
                        name={`sheet-${g.id}`}
                        id={`sheet-${g.id}-level`}
                        checked={sheet.levels[g.id] === 'pass'}
                        onChange={() => setIn('levels', g.id, 'pass')}
                      />{' '}
                      Passes
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={`sheet-${g.id}`}
                        id={`sheet-${g.id}-fail`}
                        checked={sheet.levels[g.id] === 'fail'}
                        onChange={() => setIn('levels', g.id, 'fail')}
                      />{' '}
                      Fails
                    </label>
                  </div>
                </fieldset>
              );
            })}
          </>
        )}
        <div className="button-row">
          <button type="submit" className="button" id="sheet-submit" disabled={saving}>
            {saving ? 'Saving…' : 'Submit the sheet'}
          </button>
          <Link to={`/applications/${encodeURIComponent(applicationId)}`}>Cancel</Link>
        </div>
      </form>
    </Page>
  );
}

/** The chosen level's descriptor, as the member read it on paper. */
function descriptorOf(descriptors: string[], typed: string | undefined): string | undefined {
  const level = typed && /^\d$/.test(typed.trim()) ? Number(typed.trim()) : null;
  return level !== null && descriptors[level] ? `${level}: ${descriptors[level]}` : undefined;
}
