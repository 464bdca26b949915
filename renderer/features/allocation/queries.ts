// The allocation workspace reads the panels' rankings (scores, declarations, moderations), the
// round's budgets and fund, and the allocations; the Conflicts screen reads the areas overspent.
import { readQuery } from '../../app/read-query';

export const allocationQuery = readQuery('allocation.workspace', [
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
]);

/** Quiet: the navigation's count must not raise an alarm. */
export const overspentQuery = readQuery('allocation.overspent', ['total_breaches', 'rounds', 'areas'], { quiet: true });
