// A round's screening: its applications with their automatic checks (read from the fund, the round
// and the applications) and the screenings standing on them, named by person and laptop.
import { readQuery } from '../../app/read-query';

export const roundScreeningQuery = readQuery('screening.round', [
  'screenings',
  'entries',
  'applications',
  'rounds',
  'funds',
  'people',
  'trusted_devices',
]);
