import { Link } from 'react-router';
import type { AllocationRow } from '../../../shared/contract/allocation';
import { formatPence } from '../../../shared/domain/money';

/** A row's rank, the application (a link to its page) and what it requested: the first cells of the allocation and sign-off tables. */
export function RankedApplication({ row }: { row: AllocationRow }) {
  return (
    <>
      <td data-label="Rank" className="rank">
        {row.rankText || '–'}
      </td>
      <th scope="row">
        <Link to={`/applications/${encodeURIComponent(row.applicationId)}`}>{row.reference}</Link>
        <span className="cell-note">{row.organisationName}</span>
        <span className="cell-note">{row.projectTitle}</span>
      </th>
      <td data-label="Requested" className="money">
        {formatPence(row.requestedPence)}
      </td>
    </>
  );
}

/** The headings over RankedApplication's cells. */
export function RankedHeadings() {
  return (
    <>
      <th scope="col">Rank</th>
      <th scope="col">Application</th>
      <th scope="col" className="money">
        Requested
      </th>
    </>
  );
}
