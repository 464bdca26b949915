// Every member's scores and comments on one application, read-only: shown to a member once they
// have submitted their own, and to those who read every panel's scores. Criterion by criterion,
// a row per member, so it reads down at any width.
import type { MemberScores, OwnScore } from '../../../shared/contract/scoring';
import type { SheetItem } from './CriterionScore';

interface Scorer {
  id: string;
  name: string;
  note: string;
  scores: OwnScore[];
}

const levelText = (item: SheetItem, s: OwnScore | undefined) => {
  if (!s || s.level === null) return 'Not scored';
  const label = item.levels.find((l) => l.level === s.level)?.label ?? String(s.level);
  return s.stale ? `${label} (earlier rubric, does not count)` : label;
};

export function PanelScores({
  items,
  others,
  mine,
}: {
  items: SheetItem[];
  others: MemberScores[];
  /** The reader's own scores, shown first as "You"; null for a reader who does not score. */
  mine: OwnScore[] | null;
}) {
  const scorers: Scorer[] = [
    ...(mine ? [{ id: 'you', name: 'You', note: '', scores: mine }] : []),
    ...others.map((m) => ({
      id: m.memberId,
      name: m.name,
      note: [m.submitted ? '' : 'not submitted yet', m.typedBy ? `from a paper sheet typed in by ${m.typedBy}` : '']
        .filter(Boolean)
        .join('; '),
      scores: m.scores,
    })),
  ];
  if (scorers.length === 0) return <p>No member has scored this application yet.</p>;
  return (
    <table className="panel-scores">
      <caption className="visually-hidden">Each member’s score and comment, criterion by criterion</caption>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">Member</th>
          <th scope="col">Score</th>
          <th scope="col">Comment</th>
        </tr>
      </thead>
      {items.map((item) => (
        <tbody key={item.id}>
          {scorers.map((m, i) => {
            const s = m.scores.find((x) => x.criterionId === item.id);
            return (
              <tr key={m.id} className={i === 0 ? 'first-of-criterion' : undefined}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={scorers.length} className="panel-scores-criterion">
                    {item.number}. {item.name}
                  </th>
                ) : null}
                <td>
                  {m.name}
                  {m.note ? <span className="panel-scores-note">{m.note}</span> : null}
                </td>
                <td className="num">{levelText(item, s)}</td>
                <td className="prose">{s?.comment || <span className="descriptor-none">None</span>}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
