// The panel's ranking: raw rank by moderated score (gates first) with the normalised rank beside it,
// then the applications a failed gate excludes and those with no score yet, each in its own table.
import { Link } from 'react-router';
import type { ModerationRow } from '../../../shared/contract/moderation';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { formatPence } from '../../../shared/domain/money';
import { recommendationText } from './words';

/** Words for a spread flag, never colour alone: which criteria, or the totals' deviation. */
export function spreadWords(row: ModerationRow, rubric: RubricRecord | null): string | null {
  const spread = row.scores?.spread;
  if (!spread?.flagged) return null;
  const names = spread.flaggedCriteria.map((id) => rubric?.criteria.find((c) => c.id === id)?.name ?? id);
  const parts = [
    ...(names.length ? [names.join(', ')] : []),
    ...(spread.deviationFlagged ? [`totals differ (${spread.deviationText})`] : []),
  ];
  return `Spread: ${parts.join('; ')}`;
}

export function SpreadFlag({ row, rubric, quiet = false }: { row: ModerationRow; rubric: RubricRecord | null; quiet?: boolean }) {
  const words = spreadWords(row, rubric);
  if (!words) return quiet ? null : <span className="muted">None</span>;
  return (
    <span className="spread-flag">
      <span aria-hidden="true" className="spread-icon">
        ⚑
      </span>{' '}
      {words}
    </span>
  );
}

function statusWords(row: ModerationRow): string {
  if (row.disagreeing.length > 1) return 'Moderations disagree';
  if (row.moderation) return `Moderated: ${recommendationText(row.moderation)}`;
  if (!row.scores) return 'Scores not shown to you';
  return 'Not moderated yet';
}

function Rows({
  rows,
  rubric,
  link,
  ranked,
}: {
  rows: ModerationRow[];
  rubric: RubricRecord | null;
  link: (id: string) => string;
  ranked: boolean;
}) {
  return (
    <tbody>
      {rows.map((row) => {
        const n = row.ranking.normalised;
        const status = ranked ? statusWords(row) : `${row.ranking.statusText}${row.moderation ? `. ${statusWords(row)}` : ''}`;
        return (
          <tr key={row.id}>
            {ranked ? (
              <>
                <td className="num rank">{row.ranking.rankText}</td>
                <td className="num rank">
                  {n?.rankText || '–'}
                  {n?.shifted && n.shiftText ? <span className="shift-note">{n.shiftText}</span> : null}
                </td>
              </>
            ) : null}
            <th scope="row" className="ranking-application">
              <Link to={link(row.id)} aria-label={`${row.reference}: ${row.organisationName} — scores and moderation`}>
                {row.reference}
              </Link>
              <span className="ranking-organisation">{row.organisationName}</span>
              {/* Narrow screens fold the spread and status columns in here. */}
              <span className="ranking-folded">
                <SpreadFlag row={row} rubric={rubric} quiet />
                <span className="ranking-organisation">{status}</span>
              </span>
            </th>
            <td className="money">{formatPence(row.amountRequested)}</td>
            <td className="num">
              {/* Hidden where the reader takes no part (an interest): their scores are not theirs to read. */}
              {row.ranking.score && row.scores ? (
                <>
                  {row.ranking.score.percentText}
                  <span className="band">{row.ranking.score.band.label}</span>
                </>
              ) : (
                '–'
              )}
            </td>
            <td className="lesser">
              <SpreadFlag row={row} rubric={rubric} />
            </td>
            <td className="lesser">{status}</td>
          </tr>
        );
      })}
    </tbody>
  );
}

function Table({
  caption,
  rows,
  rubric,
  link,
  ranked,
}: {
  caption: string;
  rows: ModerationRow[];
  rubric: RubricRecord | null;
  link: (id: string) => string;
  ranked: boolean;
}) {
  return (
    <table className="ranking-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {ranked ? (
            <>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col" className="num">
                Normalised rank
              </th>
            </>
          ) : null}
          <th scope="col">Application</th>
          <th scope="col" className="money">
            Amount
          </th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col" className="lesser">
            Spread
          </th>
          <th scope="col" className="lesser">
            Status
          </th>
        </tr>
      </thead>
      <Rows rows={rows} rubric={rubric} link={link} ranked={ranked} />
    </table>
  );
}

export function RankingTables({
  rows,
  rubric,
  link,
}: {
  rows: ModerationRow[];
  rubric: RubricRecord | null;
  link: (id: string) => string;
}) {
  const ranked = rows.filter((r) => r.ranking.status === 'ranked');
  const excluded = rows.filter((r) => r.ranking.status === 'excluded');
  const notRanked = rows.filter((r) => r.ranking.status === 'not-ranked');
  return (
    <>
      {ranked.length ? (
        <Table caption="Ranked by moderated score (members’ mean until moderated)" rows={ranked} rubric={rubric} link={link} ranked />
      ) : (
        <p className="empty-state">No application has a score to rank yet — members’ scores count once the quorum have scored.</p>
      )}
      {excluded.length ? <Table caption="Excluded: failed a gate" rows={excluded} rubric={rubric} link={link} ranked={false} /> : null}
      {notRanked.length ? <Table caption="Not ranked: no score yet" rows={notRanked} rubric={rubric} link={link} ranked={false} /> : null}
    </>
  );
}
