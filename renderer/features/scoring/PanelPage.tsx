// One panel as its members see it: who chairs, the quorum, how far the member has got, and each
// application with the member's part in it — declare, scoring, submitted, or an interest. People
// who only read (officers, the Chief Executive) see how many members have submitted each.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { PanelApplication, PanelDetail } from '../../../shared/contract/panels';
import { formatPence } from '../../../shared/domain/money';
import { Page } from '../../components/Page';
import { useMayCall } from '../session/session-cache';
import { PanelPackSection } from '../panels/PaperSheets';
import { panelQuery } from './queries';
import { scoringPath } from './scoring-keys';
import './scoring.css';

/** The member's part in one application, as a word (colour only supports it). */
export function partOf(a: Pick<PanelApplication, 'declaration' | 'submitted'>): { label: string; tone: string } {
  if (a.submitted) return { label: 'Submitted', tone: 'open' };
  if (a.declaration === 'interest') return { label: 'Interest declared', tone: 'withdrawn' };
  if (a.declaration === 'none') return { label: 'Scoring', tone: 'received' };
  return { label: 'Declare interest', tone: 'draft' };
}

/** Members who take part in an application: those without a standing interest. */
const scorers = (panel: PanelDetail, a: PanelApplication) => panel.memberIds.length - a.interests;

export function PanelPage() {
  const { id = '' } = useParams();
  const panel = useQuery(panelQuery({ id }));
  const may = useMayCall();
  if (!panel.data) {
    return (
      <Page title={panel.error?.error.code === 'NOT_FOUND' ? 'Panel not found' : 'Panel'}>
        <p role="status">{panel.isPending ? 'Loading the panel…' : panel.error?.message}</p>
      </Page>
    );
  }
  const p = panel.data;
  const member = p.seat.member;
  const mine = p.applications.filter((a) => a.declaration !== 'interest');
  const done = mine.filter((a) => a.submitted).length;
  return (
    <Page title={p.name} lede={<>{p.roundName}</>}>
      <dl className="panel-facts">
        <div>
          <dt>Chair</dt>
          <dd>{p.chairName ?? 'None yet'}</dd>
        </div>
        <div>
          <dt>Quorum</dt>
          <dd>
            {p.quorum} {p.quorum === 1 ? 'member scores' : 'members score'} each application
          </dd>
        </div>
        <div>
          <dt>Areas</dt>
          <dd>{p.areas.map((a) => a.name).join(', ')}</dd>
        </div>
        <div className="panel-members">
          <dt>Members</dt>
          <dd>{p.members.map((m) => m.name).join(', ')}</dd>
        </div>
      </dl>

      {member ? (
        <div className="panel-progress">
          <p className="panel-progress-count" id="panel-progress-label">
            You have scored <strong>{done}</strong> of <strong>{mine.length}</strong> {mine.length === 1 ? 'application' : 'applications'}
          </p>
          <progress value={done} max={Math.max(mine.length, 1)} aria-labelledby="panel-progress-label" />
          <p className="hint">An application counts as scored once you submit your scores for it.</p>
        </div>
      ) : null}

      <h2 id="panel-applications">Applications</h2>
      {p.applications.length === 0 ? (
        <div className="empty-state">
          <p>
            No applications for this panel yet. They arrive when applications in its areas are received, or a grants officer gives one to
            it.
          </p>
        </div>
      ) : (
        <div className="panel-applications-wrap">
          <table className="panel-applications" aria-labelledby="panel-applications">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Organisation and project</th>
                <th scope="col">Area</th>
                <th scope="col" className="money">
                  Amount
                </th>
                {member ? <th scope="col">Your part</th> : null}
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {p.applications.map((a) => {
                const part = partOf(a);
                return (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={scoringPath(a.id)} aria-describedby={member ? `part-${a.id}` : undefined}>
                        {a.reference}
                      </Link>
                    </th>
                    <td data-label="Organisation and project">
                      <span className="panel-organisation">{a.organisationName}</span>
                      <span className="panel-project">{a.projectTitle}</span>
                    </td>
                    <td data-label="Area">{a.areaName}</td>
                    <td data-label="Amount" className="money">
                      {formatPence(a.amountRequested)}
                    </td>
                    {member ? (
                      <td data-label="Your part">
                        <span className={`tag ${part.tone}`} id={`part-${a.id}`}>
                          {part.label}
                        </span>
                      </td>
                    ) : null}
                    <td data-label="Submitted" className="num">
                      {a.submissions} of {scorers(p, a)}
                      <span className="visually-hidden"> members</span>
                      {a.interests > 0 ? (
                        <span className="panel-interests">
                          {a.interests} {a.interests === 1 ? 'interest' : 'interests'}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {may('documents.panelPack') && p.applications.length > 0 ? <PanelPackSection panel={p} /> : null}
    </Page>
  );
}
