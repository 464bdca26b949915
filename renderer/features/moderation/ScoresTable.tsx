// One application's scores as the chair moderates them: criteria down, members across, each level
// with its comment; the members' mean per criterion; spread flags; weighted totals; gates.
import type { ModerationRow } from '../../../shared/contract/moderation';
import type { RubricRecord } from '../../../shared/domain/rubric';

/** Each criterion's mean level over the counted members (as the core decides rationales by). */
export function meanLevels(row: ModerationRow, rubric: RubricRecord): Map<string, number | null> {
  return new Map(
    rubric.criteria.map((c) => {
      const levels = row.members.flatMap((m) => (typeof m.levels[c.id] === 'number' ? [m.levels[c.id] as number] : []));
      return [c.id, levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : null];
    }),
  );
}

export const oneDecimal = (n: number | null) =>
  n === null ? '–' : n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function ScoresTable({ row, rubric }: { row: ModerationRow; rubric: RubricRecord }) {
  const means = meanLevels(row, rubric);
  const spread = new Map(row.scores?.spread.criteria.map((c) => [c.criterionId, c]) ?? []);
  const results = new Map(row.scores?.members.map((m) => [m.memberId, m]) ?? []);
  return (
    <div className="scores-scroll" role="region" aria-label={`Members’ scores for ${row.reference}`} tabIndex={0}>
      <table className="scores-table">
        <caption className="visually-hidden">Each member’s score per criterion, with their comments</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {row.members.map((m) => (
              <th scope="col" key={m.memberId}>
                {m.name}
                {m.typedBy ? <span className="cell-note">From paper, typed by {m.typedBy}</span> : null}
                {!m.submitted ? <span className="cell-note">Not submitted</span> : null}
              </th>
            ))}
            <th scope="col" className="num">
              Mean
            </th>
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((c) => {
            const s = spread.get(c.id);
            return (
              <tr key={c.id} className={s?.flagged ? 'flagged' : undefined}>
                <th scope="row">
                  {c.name}
                  <span className="cell-note">
                    Weight {c.weight}, 0–{c.scale}
                  </span>
                  {s?.flagged ? (
                    <span className="spread-flag">
                      <span aria-hidden="true">⚑</span> Spread of {s.points} points
                    </span>
                  ) : null}
                </th>
                {row.members.map((m) => (
                  <td key={m.memberId}>
                    <span className="level">{m.levels[c.id] ?? '–'}</span>
                    {m.comments[c.id] ? <span className="comment">{m.comments[c.id]}</span> : null}
                  </td>
                ))}
                <td className="num">{oneDecimal(means.get(c.id) ?? null)}</td>
              </tr>
            );
          })}
          {rubric.gates.map((g) => (
            <tr key={g.id}>
              <th scope="row">
                {g.name}
                <span className="cell-note">Gate</span>
              </th>
              {row.members.map((m) => (
                <td key={m.memberId}>{m.gates[g.id] === 'pass' ? 'Passes' : m.gates[g.id] === 'fail' ? 'Fails' : '–'}</td>
              ))}
              <td>{row.scores?.gates.find((x) => x.gateId === g.id)?.result === 'fail' ? 'Fails' : ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Weighted score</th>
            {row.members.map((m) => {
              const r = results.get(m.memberId);
              return (
                <td key={m.memberId} className="num">
                  {r?.score ? `${r.score.percentText} ${r.score.band.label}` : `${r?.scoredCount ?? 0} of ${rubric.criteria.length} scored`}
                </td>
              );
            })}
            <td className="num">{row.scores?.mean?.percentText ?? '–'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Mean, median, quorum and spread as a summary list. */
export function ScoresSummary({ row }: { row: ModerationRow }) {
  const s = row.scores;
  if (!s) return null;
  return (
    <dl className="summary-list">
      <dt>Mean</dt>
      <dd>{s.mean ? `${s.mean.percentText} — ${s.mean.band.label}` : 'No member has scored every criterion'}</dd>
      <dt>Median</dt>
      <dd>{s.median ? `${s.median.percentText} — ${s.median.band.label}` : '–'}</dd>
      <dt>Quorum</dt>
      <dd>
        {s.completeCount} of {s.quorum} needed {s.quorumMet ? '— met' : '— not met: it is not ranked on members’ scores'}
      </dd>
      <dt>Spread of totals</dt>
      <dd>
        {s.spread.deviationText} standard deviation{s.spread.deviationFlagged ? ' — flagged: the members’ totals differ widely' : ''}
      </dd>
      <dt>Gates</dt>
      <dd>
        {s.gatesPassed === null ? 'Not every gate answered' : s.gatesPassed ? 'All passed' : 'Failed a gate: excluded from the ranking'}
      </dd>
    </dl>
  );
}
