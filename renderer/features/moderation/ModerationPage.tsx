// /panels/:id/moderation — the chair's moderation and the panel's ranking. Before the chair opens
// moderation they see only who has submitted; once open, the ranking, and per application the
// members' scores and the chair's moderation form (?application=ID).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ModerationRow, ModerationView } from '../../../shared/contract/moderation';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { formatPence } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { Page } from '../../components/Page';
import { SaveDocumentButton } from '../../components/SaveDocumentButton';
import { moderationQuery, panelQuery } from './queries';
import { RankingTables, SpreadFlag } from './RankingTable';
import { ScoresSummary, ScoresTable } from './ScoresTable';
import { ModerationForm } from './ModerationForm';
import { recommendationText, recordedWhen, slug } from './words';
import './moderation.css';

function ReportButton({ view }: { view: ModerationView }) {
  return (
    <SaveDocumentButton
      purpose="pdf"
      fileName={`panel-report-${slug(view.panel.name)}.pdf`}
      write={(file) => call('documents.panelReport', { panelId: view.panel.id, file })}
      label="Download the panel report (PDF)"
      busyLabel="Making the report…"
      saved="the panel report"
    />
  );
}

/** Before moderation: how many members have submitted each application, and the chair's button to open. */
function BeforeOpening({ view }: { view: ModerationView }) {
  const panel = useQuery(panelQuery({ id: view.panel.id }));
  const [busy, setBusy] = useState(false);
  const members = panel.data?.members.length ?? 0;
  const apps = panel.data?.applications ?? [];
  const ready = apps.filter((a) => a.submissions >= view.panel.quorum).length;
  async function open() {
    setBusy(true);
    await call('moderation.open', { panelId: view.panel.id });
    setBusy(false);
  }
  return (
    <>
      <h2>Who has submitted</h2>
      <p>
        {ready} of {apps.length} applications have submitted scores from at least the quorum of {view.panel.quorum}{' '}
        {view.panel.quorum === 1 ? 'member' : 'members'}.
      </p>
      {apps.length ? (
        <table className="submitted-table">
          <caption className="visually-hidden">Submitted scores per application</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col" className="money">
                Amount
              </th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="ranking-application">
                  {a.reference}
                  <span className="ranking-organisation">{a.organisationName}</span>
                </th>
                <td className="money">{formatPence(a.amountRequested)}</td>
                <td>
                  {a.submissions} of {members - a.interests} members
                  {a.interests ? <span className="cell-note">{a.interests} declared an interest</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="panel warning">
        <h2>Open moderation</h2>
        <p>
          Once moderation is open, every member sees each other’s scores and comments for the applications they take part in, and scoring
          closes for this panel. It cannot be closed again.
        </p>
        <button type="button" className="button" disabled={busy} onClick={() => void open()}>
          {busy ? 'Opening…' : 'Open moderation'}
        </button>
      </div>
    </>
  );
}

function LeftOut({ title, people }: { title: string; people: ModerationRow['absent'] }) {
  if (!people.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {people.map((p) => (
          <li key={p.memberId}>
            <strong>{p.name}</strong>: {p.reason}
          </li>
        ))}
      </ul>
    </>
  );
}

function Standing({ row, rubric }: { row: ModerationRow; rubric: RubricRecord }) {
  if (row.disagreeing.length > 1)
    return (
      <section aria-labelledby="disagree-title" className="panel warning">
        <h3 id="disagree-title">Two moderations disagree</h3>
        <p>They were recorded on different laptops at the same time. Record one below that settles them; both stay in the record.</p>
        <div className="disagreeing">
          {row.disagreeing.map((m) => (
            <div key={m.id} className="moderation-card">
              <p>
                <strong>{recommendationText(m)}</strong>
              </p>
              <p className="hint">
                Recorded by {m.recordedBy}, {recordedWhen(m.recordedAt)}
              </p>
              {m.reason ? <p>{m.reason}</p> : null}
            </div>
          ))}
        </div>
      </section>
    );
  if (!row.moderation) return null;
  const m = row.moderation;
  return (
    <section aria-labelledby="standing-title" className="panel">
      <h3 id="standing-title">Standing moderation: {recommendationText(m)}</h3>
      <p className="hint">
        Recorded by {m.recordedBy}, {recordedWhen(m.recordedAt)}
        {row.superseded ? `. ${row.superseded} earlier ${row.superseded === 1 ? 'moderation' : 'moderations'} kept` : ''}
      </p>
      {m.reason ? <p>{m.reason}</p> : null}
      {Object.keys(m.rationales).length ? (
        <ul>
          {Object.entries(m.rationales).map(([criterion, why]) => (
            <li key={criterion}>
              {rubric.criteria.find((c) => c.id === criterion)?.name ?? criterion}: {why}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ApplicationDetail({ row, view, rubric, back }: { row: ModerationRow; view: ModerationView; rubric: RubricRecord; back: string }) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <section aria-labelledby="application-title" className="moderation-detail">
      <Link to={back} className="back-link">
        Back to the ranking
      </Link>
      <h2 id="application-title">
        {row.reference}: {row.organisationName}
      </h2>
      <p className="lede">
        {row.projectTitle} — {formatPence(row.amountRequested)} requested. <Link to={`/applications/${row.id}`}>The application</Link>
      </p>
      {note ? (
        <div className="panel success" role="status">
          {note}
        </div>
      ) : null}
      {row.scores?.spread.flagged ? (
        <p>
          <SpreadFlag row={row} rubric={rubric} />
        </p>
      ) : null}
      {row.scores ? (
        <>
          <ScoresTable row={row} rubric={rubric} />
          <ScoresSummary row={row} />
        </>
      ) : (
        <p className="panel">
          You take no part in this application (you declared an interest, or have not declared): its scores are not shown to you.
        </p>
      )}
      <LeftOut title="Absent" people={row.absent} />
      <LeftOut title="Scores not counted" people={row.excluded} />
      <Standing row={row} rubric={rubric} />
      {!row.moderation && row.superseded ? <p className="hint">{row.superseded} earlier moderations kept.</p> : null}
      {row.mayModerate ? (
        <ModerationForm key={`${row.id}-${row.moderation?.id ?? 'none'}`} row={row} rubric={rubric} onSaved={setNote} />
      ) : view.chair && !view.open ? (
        <p>Open moderation to record one.</p>
      ) : null}
    </section>
  );
}

export function ModerationPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const query = useQuery({ ...moderationQuery({ panelId: id }), retry: false });
  const view = query.data;
  if (query.error) return <Page title="Moderation">{<p className="panel warning">{query.error.message}</p>}</Page>;
  if (!view) return null;
  const base = `/panels/${id}/moderation`;
  const chosen = params.get('application');
  const row = chosen ? view.applications.find((a) => a.id === chosen) : undefined;
  const title = row ? `Moderate ${row.reference}` : `Moderation: ${view.panel.name}`;
  const lede = `${view.panel.roundName}. Chair: ${view.panel.chairName ?? 'none yet'}. Quorum ${view.panel.quorum}. ${view.open ? 'Moderation is open.' : 'Moderation is not open yet.'}`;
  return (
    <Page title={title} lede={lede}>
      {!view.rubric ? (
        <p className="empty-state">The round has no rubric yet — the grants officer sets it up before the panel scores.</p>
      ) : row ? (
        <ApplicationDetail row={row} view={view} rubric={view.rubric} back={base} />
      ) : (
        <>
          {chosen ? <p className="panel warning">That application is not on this panel.</p> : null}
          {view.chair && !view.open ? <BeforeOpening view={view} /> : null}
          {!view.chair || view.open ? (
            <>
              {!view.open ? <p className="panel">Moderation is not open yet: the ranking is on the members’ scores so far.</p> : null}
              <h2>Ranking</h2>
              <RankingTables rows={view.applications} rubric={view.rubric} link={(a) => `${base}?application=${encodeURIComponent(a)}`} />
              {view.members.length ? (
                <>
                  <h2>How each member scores</h2>
                  <p className="hint">
                    Normalisation compares each member’s scores with their own mean and spread across the round, so a harsh or generous
                    scorer does not decide the order.
                  </p>
                  <table className="members-table">
                    <thead>
                      <tr>
                        <th scope="col">Member</th>
                        <th scope="col" className="num">
                          Applications
                        </th>
                        <th scope="col" className="num">
                          Mean
                        </th>
                        <th scope="col" className="num">
                          Spread
                        </th>
                        <th scope="col">Note</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.members.map((m) => (
                        <tr key={m.memberId}>
                          <th scope="row">{m.name}</th>
                          <td className="num">{m.count}</td>
                          <td className="num">{m.meanText}</td>
                          <td className="num">{m.deviationText}</td>
                          <td>{m.noteText ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : null}
            </>
          ) : null}
          <h2>Reports</h2>
          <div className="button-row">
            <ReportButton view={view} />
            <Link to={`/panels/${id}/interests`} className="button secondary">
              Register of interests
            </Link>
          </div>
        </>
      )}
    </Page>
  );
}
