// Conflicts: where two laptops changed the same detail differently. The earlier change stays in the
// register until a person chooses; the choice is recorded and travels to every laptop.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { Link } from 'react-router';
import { ConflictCard } from './ConflictCard';
import { conflictsQuery, disputedScreeningsQuery } from './queries';
import { overspentQuery } from '../allocation/queries';
import { formatPence } from '../../../shared/domain/money';

/** Applications two laptops screened differently: settled on the round's screening screen. */
function DisputedScreenings() {
  const disputed = useQuery(disputedScreeningsQuery({})).data ?? [];
  if (disputed.length === 0) return null;
  return (
    <section aria-labelledby="disputed-screenings" className="panel warning">
      <h2 id="disputed-screenings">Screened differently on two laptops</h2>
      <p>The first screening stays in effect until someone records a new one, which settles it on every laptop.</p>
      <ul>
        {disputed.map((d) => (
          <li key={d.applicationId}>
            <Link to={`/rounds/${encodeURIComponent(d.roundId)}/screening`}>
              {d.reference} {d.organisationName}
            </Link>{' '}
            ({d.roundName})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Areas two laptops' allocations took over budget plus tolerance together: settled in the allocation workspace. */
function OverspentAreas() {
  const overspent = useQuery(overspentQuery({})).data ?? [];
  if (overspent.length === 0) return null;
  return (
    <section aria-labelledby="overspent-areas" className="panel warning">
      <h2 id="overspent-areas">Allocated over budget on two laptops</h2>
      <p>Every amount is kept. Lower amounts in the area’s allocation until it fits its budget plus tolerance again.</p>
      <ul>
        {overspent.map((o) => (
          <li key={`${o.roundId}/${o.areaId}`}>
            <Link to={`/rounds/${encodeURIComponent(o.roundId)}/allocation?area=${encodeURIComponent(o.areaId)}`}>
              {o.areaName} in {o.roundName}
            </Link>
            : {formatPence(o.totalPence)} allocated, {formatPence(o.limitPence)} allowed
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ConflictsPage() {
  const [includeResolved, setIncludeResolved] = useState(false);
  // Showing resolved ones too keeps the list on screen until the longer one arrives.
  const list = useQuery({ ...conflictsQuery({ includeResolved }), placeholderData: keepPreviousData });
  const conflicts = list.data?.conflicts ?? null;

  const open = conflicts?.filter((c) => !c.resolvedAt) ?? [];
  return (
    <Page
      title="Conflicts"
      lede="When two laptops change the same detail differently, GrantPanel keeps the earlier change and lists the other here. Choose which version to keep: your choice is recorded and reaches other laptops in your next bundle."
    >
      <DisputedScreenings />
      <OverspentAreas />
      <div className="field checks">
        <label>
          <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} /> Show resolved conflicts
          too
        </label>
      </div>
      {conflicts === null ? (
        list.isError ? (
          <div className="panel warning">
            <p>The conflicts could not be loaded: {list.error.message}</p>
            <button type="button" className="button secondary" onClick={() => void list.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status">Loading conflicts…</p>
        )
      ) : (
        <>
          <p role="status" className="register-count">
            {open.length === 0 ? 'No conflicts to resolve.' : `${open.length} ${open.length === 1 ? 'conflict' : 'conflicts'} to resolve.`}
          </p>
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} />
          ))}
        </>
      )}
    </Page>
  );
}
