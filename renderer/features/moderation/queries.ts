// The chair's moderation screen and the register of interests: what each reads, so a moderation
// saved here (or arriving in a bundle) refreshes the ranking at once.
import { readQuery } from '../../app/read-query';

/** Everything a panel's standings are made from: scores, submissions, declarations, moderations, the rubric. */
export const moderationQuery = readQuery('moderation.view', [
  'moderations',
  'entries',
  'moderation_opened',
  'scores',
  'score_submissions',
  'declarations',
  'panels',
  'panel_members',
  'panel_areas',
  'panel_assignments',
  'rubrics',
  'applications',
  'people',
  'rounds',
]);

/** Before moderation opens the chair sees only who has submitted: the panel's own counts. */
export const panelQuery = readQuery('panels.get', [
  'panels',
  'panel_members',
  'panel_areas',
  'panel_assignments',
  'score_submissions',
  'scores',
  'declarations',
  'moderation_opened',
  'applications',
  'people',
  'rounds',
]);

export const interestsQuery = readQuery('panels.interests', [
  'declarations',
  'entries',
  'panels',
  'panel_members',
  'panel_areas',
  'panel_assignments',
  'applications',
  'people',
  'rounds',
]);
