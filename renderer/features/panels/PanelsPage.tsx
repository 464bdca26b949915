// The panels of each round: who sits on them, who chairs, which areas they cover and how many
// applications they score. People who manage panels add and change them; panel members see only
// the panels they sit on, each leading to its own page.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PanelSummary } from '../../../shared/contract/panels';
import { Page } from '../../components/Page';
import { useSession } from '../../app/queries';
import { useMayCall } from '../session/session-cache';
import { panelsQuery } from './queries';
import { ModerationLink } from '../moderation/ModerationLink';

/** Panels grouped by round, in the order the core lists them (by name within a round). */
function byRound(panels: PanelSummary[]): [string, PanelSummary[]][] {
  const rounds = new Map<string, PanelSummary[]>();
  for (const p of panels) rounds.set(p.roundName, [...(rounds.get(p.roundName) ?? []), p]);
  return [...rounds.entries()];
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function PanelsPage() {
  const session = useSession();
  const manage = useMayCall()('panels.save');
  // Everyone's panels for those who set them up or read every panel's scores; a member's own otherwise.
  const all = manage || (session?.person?.capabilities.includes('read-scores') ?? false);
  const panels = useQuery(panelsQuery({ mine: !all }));
  const list = panels.data ?? [];
  return (
    <Page
      title="Panels"
      lede={
        all
          ? 'Each panel scores a round’s applications from its areas. Applications can also be moved to another panel by hand, on the application’s page.'
          : 'The panels you sit on. Open one to declare your interests and score its applications.'
      }
      actions={
        manage ? (
          <Link className="button" to="/panels/new">
            Add a panel
          </Link>
        ) : null
      }
    >
      {panels.isPending ? (
        <p role="status">Loading panels…</p>
      ) : list.length === 0 ? (
        <div className="empty-state">
          <h2>{all ? 'No panels yet' : 'You do not sit on a panel yet'}</h2>
          {manage ? (
            <p>
              A panel is a group of panel members, with a chair, who score a round’s applications from one or more areas. Set the round’s{' '}
              <Link to="/rounds">rubric</Link> first, then <Link to="/panels/new">add a panel</Link>.
            </p>
          ) : (
            <p>When a grants officer puts you on a panel, it is listed here.</p>
          )}
        </div>
      ) : (
        byRound(list).map(([roundName, panelsOfRound]) => (
          <section key={roundName} aria-labelledby={`round-${panelsOfRound[0]?.roundId}`}>
            <h2 id={`round-${panelsOfRound[0]?.roundId}`}>{roundName}</h2>
            <div className="panels-wrap">
              <table className="panels-table">
                <caption className="visually-hidden">Panels of {roundName}</caption>
                <thead className="panels-head">
                  <tr>
                    <th scope="col">Panel</th>
                    <th scope="col">Areas</th>
                    <th scope="col">Chair</th>
                    <th scope="col">Members</th>
                    <th scope="col" className="money">
                      Applications
                    </th>
                    {manage ? (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {panelsOfRound.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/panels/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                        <ModerationLink panel={p} />
                      </th>
                      <td data-label="Areas">{p.areas.map((a) => a.name).join(', ')}</td>
                      <td data-label="Chair">{p.chairName ?? 'No chair yet'}</td>
                      <td data-label="Members">
                        {p.members.map((m) => m.name).join(', ')}
                        <span className="hint">
                          {' '}
                          ({count(p.members.length, 'member', 'members')}, quorum {p.quorum})
                        </span>
                      </td>
                      <td data-label="Applications" className="money">
                        {p.applicationCount.toLocaleString('en-GB')}
                      </td>
                      {manage ? (
                        <td className="actions">
                          <Link to={`/panels/${encodeURIComponent(p.id)}/edit`}>
                            Change<span className="visually-hidden"> {p.name}</span>
                          </Link>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </Page>
  );
}
