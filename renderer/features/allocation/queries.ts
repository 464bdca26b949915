// The allocation workspace reads the panels' rankings (scores, declarations, moderations), the
// round's budgets and fund, and the allocations; the Conflicts screen reads the areas overspent.
import { readQuery } from '../../app/read-query';

/** What a ranked, allocated area is read from: the allocation workspace and the sign-off pack. */
export const ALLOCATION_READS = [
  'allocations',
  'total_breaches',
  'applications',
  'rounds',
  'round_budgets',
  'funds',
  'areas',
  'people',
  'panels',
  'panel_areas',
  'panel_assignments',
  'rubrics',
  'scores',
  'score_submissions',
  'declarations',
  'moderations',
  'entries',
  'screenings',
] as const;

export const allocationQuery = readQuery('allocation.workspace', ALLOCATION_READS);

/** Quiet: the navigation's count must not raise an alarm. */
export const overspentQuery = readQuery('allocation.overspent', ['total_breaches', 'rounds', 'areas'], { quiet: true });
