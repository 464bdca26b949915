// The catalogue's own reads beyond the shared ones (renderer/app/queries.ts): what a plan's priorities are used by.
import { readQuery } from '../../app/read-query';

/** Each of a plan's priorities with how many applications chose it: what rewording one affects. */
export const priorityUseQuery = readQuery('catalogue.priorityUse', ['priorities', 'application_priorities']);
