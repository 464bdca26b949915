// The conflicts waiting for a person (and, asked for, those settled): each names its record, and
// who made the other version on which laptop.
import { useQuery } from '@tanstack/react-query';
import { readQuery } from '../../app/read-query';
import { overspentQuery } from '../allocation/queries';

/** Quiet: the navigation's count must not raise an alarm; the Conflicts screen shows its own failure. */
export const conflictsQuery = readQuery(
  'conflicts.list',
  ['conflicts', 'applications', 'funds', 'areas', 'rounds', 'people', 'trusted_devices'],
  { quiet: true },
);

/** Applications two laptops screened differently, waiting for a new screening. */
export const disputedScreeningsQuery = readQuery('screening.disputed', ['screenings', 'applications', 'rounds'], { quiet: true });

/** How many things wait for a person — conflicts, disputed screenings, areas overspent: shown beside "Conflicts" in the navigation. */
export function useOpenConflicts(): number | null {
  const open = useQuery(conflictsQuery({ includeResolved: false })).data?.open;
  const disputed = useQuery(disputedScreeningsQuery({})).data?.length ?? 0;
  const overspent = useQuery(overspentQuery({})).data?.length ?? 0;
  return open === undefined ? null : open + disputed + overspent;
}
