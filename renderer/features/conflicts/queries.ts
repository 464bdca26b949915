// The conflicts waiting for a person (and, asked for, those settled): each names its record, and
// who made the other version on which laptop.
import { useQuery } from '@tanstack/react-query';
import { readQuery } from '../../app/read-query';

/** Quiet: the navigation's count must not raise an alarm; the Conflicts screen shows its own failure. */
export const conflictsQuery = readQuery(
  'conflicts.list',
  ['conflicts', 'applications', 'funds', 'areas', 'rounds', 'people', 'trusted_devices'],
  { quiet: true },
);

/** How many conflicts wait for a person: shown beside "Conflicts" in the navigation. */
export function useOpenConflicts(): number | null {
  return useQuery(conflictsQuery({ includeResolved: false })).data?.open ?? null;
}
