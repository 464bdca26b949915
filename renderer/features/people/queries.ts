// The people on this laptop, with whether each can sign in here.
import { readQuery } from '../../app/read-query';

export const peopleQuery = readQuery('people.list', ['people', 'credentials', 'person_keys']);
