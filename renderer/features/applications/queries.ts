// The register and one application, as the applications screens read them.
import { readQuery } from '../../app/read-query';

/** A page of the register: rows name their round, fund and area, and are filtered by plan priority. */
export const applicationsQuery = readQuery('applications.list', [
  'applications',
  'application_priorities',
  'rounds',
  'funds',
  'areas',
  'screenings',
  'application_stages',
]);
/** One application in full, with its round, fund, area, priorities and open conflicts. Quiet: the page says when it is missing. */
export const applicationQuery = readQuery(
  'applications.get',
  ['applications', 'application_priorities', 'priorities', 'rounds', 'funds', 'areas', 'conflicts', 'screenings', 'application_stages'],
  { quiet: true },
);
/** Its history from the event log: any change to it changes its tables; names come from people and trusted laptops. */
export const applicationHistoryQuery = readQuery('applications.history', ['applications', 'conflicts', 'people', 'trusted_devices']);
