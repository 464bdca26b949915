// What the panel page and the scoring page read: a panel with the caller's part in each of its
// applications, and one application's scoring sheet (the application in full once declared, the
// rubric, the caller's own scores, the others' once submitted).
import { readQuery } from '../../app/read-query';

// Declarations are append-only: their entries are kept by the merge rule's own table.
const PANEL_TABLES = [
  'panels',
  'panel_members',
  'panel_areas',
  'panel_assignments',
  'declarations',
  'entries',
  'scores',
  'score_submissions',
] as const;

/** One panel: its round, chair, members and areas, and each application with the caller's declaration and submission. */
export const panelQuery = readQuery('panels.get', [...PANEL_TABLES, 'applications', 'areas', 'rounds', 'people'], { quiet: true });

/** One application's scoring sheet. Quiet: the page says why it cannot be opened (no panel, not on it). */
export const scoringSheetQuery = readQuery(
  'scoring.sheet',
  [...PANEL_TABLES, 'rubrics', 'applications', 'application_priorities', 'priorities', 'rounds', 'funds', 'areas', 'people'],
  { quiet: true },
);
