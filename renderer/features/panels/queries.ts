// Rubrics and panels as the officer's screens read them, each with the tables its answer depends on.
import { readQuery } from '../../app/read-query';

/** A round's rubric, the suggested default, whether scoring has locked it, and the plan's priorities. */
export const rubricQuery = readQuery('rubrics.get', ['rubrics', 'rounds', 'plans', 'priorities', 'scores', 'score_submissions'], {
  quiet: true,
});
/** Panels with their members, chair, areas and how many applications each scores. */
export const panelsQuery = readQuery('panels.list', [
  'panels',
  'panel_members',
  'panel_areas',
  'panel_assignments',
  'people',
  'areas',
  'rounds',
  'applications',
]);
/** One panel with its applications, declarations and submissions. */
export const panelQuery = readQuery(
  'panels.get',
  [
    'panels',
    'panel_members',
    'panel_areas',
    'panel_assignments',
    'people',
    'areas',
    'rounds',
    'applications',
    'declarations',
    'score_submissions',
  ],
  { quiet: true },
);
/** Which panel scores an application, by its area or by hand, and the round's panels. */
export const applicationPanelQuery = readQuery('panels.ofApplication', ['panels', 'panel_areas', 'panel_assignments', 'applications']);
