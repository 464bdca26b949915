// An application's history, from the event log: each change in the order the register applied it,
// with who made it, on which laptop (as this laptop names it) and when.
import { useQuery } from '@tanstack/react-query';
import { formatInstant } from '../../../shared/domain/dates';
import { Link } from 'react-router';
import { useMayCall } from '../session/session-cache';
import { auditOfApplication } from '../audit/audit-filters';
import { applicationHistoryQuery } from './queries';

export function HistorySection({ id }: { id: string }) {
  const history = useQuery(applicationHistoryQuery({ id }));
  const may = useMayCall();
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">History</h2>
      {history.data && may('audit.list') ? (
        <p>
          <Link to={auditOfApplication(history.data.reference)}>Everything about {history.data.reference} in the audit trail</Link> — its
          screening, panel, scores, moderation, allocation and decisions too.
        </p>
      ) : null}
      {history.data ? (
        <ol className="history-list">
          {history.data.entries.map((e) => (
            <li key={e.id}>
              <p className="history-made">
                <time dateTime={e.at}>{formatInstant(e.at)}</time> · {e.by}
                {e.yours ? ' (you)' : ''} on {e.on}
              </p>
              {e.lines.length === 1 ? (
                <p className="history-what">{e.lines[0]}</p>
              ) : (
                <ul className="history-what">
                  {e.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p role="status">{history.isPending ? 'Loading the history…' : history.error?.message}</p>
      )}
    </section>
  );
}
