// A round's rubric to read (for people who do not manage panels): each criterion with its weight,
// share, scale and what every level means; the gates; the bands and flags.
import type { RubricRecord } from '../../../shared/domain/rubric';
import { weightShares } from './rubric-form';

export function RubricSummary({ rubric, priorities }: { rubric: RubricRecord; priorities: { id: string; code: string; title: string }[] }) {
  const shares = weightShares(rubric.criteria.map((c, i) => ({ ...c, key: i, weight: String(c.weight) })));
  const codes = (ids: string[]) =>
    ids
      .map((id) => priorities.find((p) => p.id === id))
      .filter((p) => p !== undefined)
      .map((p) => `${p.code} — ${p.title}`);
  return (
    <>
      <p className="section-lede">Version {rubric.version}.</p>
      <h2>Criteria</h2>
      {rubric.criteria.map((c, i) => (
        <section key={c.id} className="criterion" aria-labelledby={`criterion-${c.id}`}>
          <h3 id={`criterion-${c.id}`}>
            {i + 1}. {c.name}
          </h3>
          <p className="prose">{c.guidance}</p>
          <dl className="summary-list">
            <dt>Weight</dt>
            <dd>
              <span className="num">{c.weight}</span> ({shares[i]} of the total)
            </dd>
            <dt>Scale</dt>
            <dd>0 to {c.scale}</dd>
            <dt>Plan priorities</dt>
            <dd>{codes(c.priorityIds).join('; ') || 'None in particular'}</dd>
          </dl>
          <ul className="levels-list">
            {c.descriptors.map((d, level) => (
              <li key={level}>
                <strong>Level {level}:</strong> {d}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>Gates</h2>
      {rubric.gates.length === 0 ? (
        <p>None.</p>
      ) : (
        <dl className="summary-list">
          {rubric.gates.flatMap((g) => [<dt key={`${g.id}-name`}>{g.name}</dt>, <dd key={`${g.id}-guidance`}>{g.guidance || '—'}</dd>])}
        </dl>
      )}
      <h2>Bands and flags</h2>
      <dl className="summary-list">
        {rubric.bands.flatMap((b) => [<dt key={`${b.id}-t`}>{b.label}</dt>, <dd key={`${b.id}-d`}>From {b.fromPercent}%</dd>])}
        <dt>Spread in points</dt>
        <dd>{rubric.spreadPoints}</dd>
        <dt>Spread threshold</dt>
        <dd>{rubric.spreadDeviation} percentage points</dd>
        <dt>Rank difference</dt>
        <dd>{rubric.rankShiftPlaces} places</dd>
      </dl>
    </>
  );
}
