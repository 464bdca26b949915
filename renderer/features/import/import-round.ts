// The round an import goes into: the one asked for in the address (a link from a round or a panel),
// else the first open round, else the first.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { RoundSummary } from '../../../shared/contract/rounds';

export function useImportRound(rounds: RoundSummary[]): [string, (id: string) => void] {
  const [params] = useSearchParams();
  const [roundId, setRoundId] = useState('');
  useEffect(() => {
    if (roundId || rounds.length === 0) return;
    const asked = params.get('round');
    const chosen = rounds.find((r) => r.id === asked) ?? rounds.find((r) => r.status === 'open') ?? rounds[0];
    if (chosen) setRoundId(chosen.id);
  }, [rounds, roundId, params]);
  return [roundId, setRoundId];
}

/** The round select's options: open rounds by name, others with their status. */
export const roundOptions = (rounds: RoundSummary[]) =>
  rounds.map((r) => ({ value: r.id, label: `${r.name}${r.status === 'open' ? '' : ` (${r.status})`}` }));
