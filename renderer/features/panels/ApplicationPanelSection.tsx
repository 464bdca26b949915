// On an application's page, for people who manage panels: which panel scores it (by its area or
// by hand), moving it to another panel or to none, back to its area's panel, and the way in to
// typing a member's paper score sheet for it.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { SelectField } from '../../components/fields';
import { applicationPanelQuery, rubricQuery } from './queries';
import { ScoreSheetButton } from './PaperSheets';

const NONE = 'none';

export function ApplicationPanelSection({
  applicationId,
  reference,
  roundId,
  notScored,
}: {
  applicationId: string;
  reference: string;
  roundId: string;
  /** Withdrawn or screened ineligible: no score sheets. */
  notScored: boolean;
}) {
  const where = useQuery(applicationPanelQuery({ applicationId }));
  const rubric = useQuery(rubricQuery({ roundId }));
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const w = where.data;
  if (!w) return null;

  async function assign(panelId: string | null, byArea: boolean) {
    setBusy(true);
    const result = await call('panels.assign', { applicationId, panelId, byArea }, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.details?.[0]?.message ?? result.error.message);
      return;
    }
    setError(undefined);
    setChoice('');
    const name = w?.roundPanels.find((p) => p.id === result.value.panelId)?.name;
    useNotifications.getState().push('success', name ? `Now scored by ${name}` : 'No panel scores this application now');
    document.getElementById('panel-heading')?.focus();
  }

  function move(e: FormEvent) {
    e.preventDefault();
    if (!choice) {
      setError('Choose the panel to move it to, or no panel');
      document.getElementById('move-panel')?.focus();
      return;
    }
    void assign(choice === NONE ? null : choice, false);
  }

  const others = w.roundPanels.filter((p) => p.id !== w.panel?.id);
  const how = w.byHand
    ? w.panel
      ? 'moved to it by hand'
      : 'taken off its panel by hand'
    : w.panel
      ? 'the panel for its area'
      : w.roundPanels.length === 0
        ? 'the round has no panels yet'
        : 'no panel covers its area';
  return (
    <section aria-labelledby="panel-heading">
      <h2 id="panel-heading" tabIndex={-1}>
        Panel
      </h2>
      <dl className="summary-list">
        <dt>Scored by</dt>
        <dd>
          {w.panel ? <Link to={`/panels/${encodeURIComponent(w.panel.id)}`}>{w.panel.name}</Link> : 'No panel'}{' '}
          <span className="hint">({how})</span>
        </dd>
      </dl>
      {w.roundPanels.length > 0 ? (
        <form noValidate className="move-panel" onSubmit={move}>
          <SelectField
            id="move-panel"
            label="Move to another panel"
            hint="For an exception, such as a conflict for a whole panel"
            value={choice}
            placeholder="Choose a panel"
            options={[...others.map((p) => ({ value: p.id, label: p.name })), ...(w.panel ? [{ value: NONE, label: 'No panel' }] : [])]}
            error={error}
            onChange={(v) => {
              setChoice(v);
              setError(undefined);
            }}
          />
          <div className="button-row move-panel-buttons">
            <button type="submit" className="button secondary" disabled={busy}>
              Move
            </button>
            {w.byHand ? (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void assign(null, true)}>
                Back to its area’s panel{w.areaPanel ? ` (${w.areaPanel.name})` : ''}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <p>
          <Link to="/panels/new">Add a panel</Link> for the round first.
        </p>
      )}
      {w.panel && !notScored ? (
        rubric.data?.rubric ? (
          <div className="button-row">
            <ScoreSheetButton applicationId={applicationId} reference={reference} />
            <Link className="button secondary" to={`/applications/${encodeURIComponent(applicationId)}/paper-sheet`}>
              Type in a paper score sheet
            </Link>
          </div>
        ) : rubric.data ? (
          <p>
            Paper score sheets can be typed in once the round has a <Link to={`/rounds/${encodeURIComponent(roundId)}/rubric`}>rubric</Link>
            .
          </p>
        ) : null
      ) : null}
    </section>
  );
}
