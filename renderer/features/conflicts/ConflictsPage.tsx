// Conflicts: where two laptops changed the same detail differently. The earlier change stays in the
// register until a person chooses; the choice is recorded and travels to every laptop.
import { useCallback, useEffect, useState } from 'react';
import type { ConflictSummary } from '../../../shared/contract/conflicts';
import { call } from '../../app/api';
import { Page } from '../../components/Page';
import { ConflictCard } from './ConflictCard';
import { useOpenConflicts } from './open-conflicts';

export function ConflictsPage() {
  const [conflicts, setConflicts] = useState<ConflictSummary[] | null>(null);
  const [includeResolved, setIncludeResolved] = useState(false);
  const refreshCount = useOpenConflicts((s) => s.refresh);

  const load = useCallback(async () => {
    const result = await call('conflicts.list', { includeResolved });
    if (result.ok) setConflicts(result.value.conflicts);
    void refreshCount();
  }, [includeResolved, refreshCount]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = conflicts?.filter((c) => !c.resolvedAt) ?? [];
  return (
    <Page
      title="Conflicts"
      lede="When two laptops change the same detail differently, GrantPanel keeps the earlier change and lists the other here. Choose which version to keep: your choice is recorded and reaches other laptops in your next bundle."
    >
      <div className="field checks">
        <label>
          <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} /> Show resolved conflicts
          too
        </label>
      </div>
      {conflicts === null ? (
        <p role="status">Loading conflicts…</p>
      ) : (
        <>
          <p role="status" className="register-count">
            {open.length === 0 ? 'No conflicts to resolve.' : `${open.length} ${open.length === 1 ? 'conflict' : 'conflicts'} to resolve.`}
          </p>
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} onResolved={() => void load()} />
          ))}
        </>
      )}
    </Page>
  );
}
