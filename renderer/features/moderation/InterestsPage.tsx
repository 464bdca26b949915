// /panels/:id/interests — the panel's register of interests: every declaration of an interest,
// standing or superseded (the register is append-only), printable and as CSV.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { Page } from '../../components/Page';
import { SaveDocumentButton } from '../../components/SaveDocumentButton';
import { interestsQuery } from './queries';
import { slug } from './words';
import './moderation.css';

export function InterestsPage() {
  const { id = '' } = useParams();
  const query = useQuery({ ...interestsQuery({ panelId: id }), retry: false });
  if (query.error)
    return (
      <Page title="Register of interests">
        <p className="panel warning">{query.error.message}</p>
      </Page>
    );
  const data = query.data;
  if (!data) return null;
  return (
    <Page
      title={`Register of interests: ${data.panelName}`}
      lede={`${data.roundName}. A member with an interest takes no part in that application’s scoring or moderation. Declarations are never removed: a later one supersedes an earlier one, and both are listed.`}
      actions={
        <>
          <SaveDocumentButton
            primary
            purpose="csv"
            fileName={`register-of-interests-${slug(data.panelName)}.csv`}
            write={(file) => call('documents.interestsCsv', { panelId: id, file })}
            label="Download as CSV"
            busyLabel="Saving…"
            saved="the register of interests"
          />
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Print
          </button>
        </>
      }
    >
      <p className="no-print">
        <Link to={`/panels/${id}/moderation`}>Back to moderation</Link>
      </p>
      {data.interests.length === 0 ? (
        <p className="empty-state">No member has declared an interest in any of this panel’s applications.</p>
      ) : (
        <table className="interests-table">
          <caption className="visually-hidden">Declarations of interest</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Member</th>
              <th scope="col">Interest</th>
              <th scope="col">Declared</th>
              <th scope="col" className="lesser">
                Standing
              </th>
              <th scope="col" className="lesser">
                Typed in by
              </th>
            </tr>
          </thead>
          <tbody>
            {data.interests.map((e, i) => (
              <tr key={`${e.applicationId}-${e.member}-${e.declaredAt}-${i}`}>
                <th scope="row">
                  <Link to={`/applications/${e.applicationId}`}>{e.reference}</Link>
                </th>
                <td>
                  {e.member}
                  {/* Narrow screens fold the last two columns in here. */}
                  <span className="interest-folded">
                    {e.standing ? 'Standing' : 'Superseded'}. Typed in by {e.typedBy ?? 'the member'}
                  </span>
                </td>
                <td>{e.nature}</td>
                <td>{formatInstant(e.declaredAt)}</td>
                <td className="lesser">{e.standing ? 'Standing' : 'Superseded'}</td>
                <td className="lesser">{e.typedBy ?? 'The member'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
