// Reads most screens share: who is signed in, and the catalogue (funds, areas, plans, rounds).
import { useQuery } from '@tanstack/react-query';
import type { RoundSummary } from '../../shared/contract/rounds';
import type { Area, Fund, Plan } from '../../shared/domain/catalogue';
import { readQuery } from './read-query';

const readSession = readQuery('session.current', ['people', 'applications']);
/** Not asked again as each screen mounts after a failure: the session gate shows the app's own message instead. */
export const sessionQuery = (input: Record<string, never>) => ({ ...readSession(input), retryOnMount: false });
export const fundsQuery = readQuery('catalogue.funds', ['funds']);
export const areasQuery = readQuery('catalogue.areas', ['areas']);
export const plansQuery = readQuery('catalogue.plans', ['plans', 'priorities']);
/** With each round's application count and sums, so applications arriving change it too. */
export const roundsQuery = readQuery('rounds.list', ['rounds', 'round_budgets', 'applications', 'funds', 'plans']);

/** The signed-in person and device; null until known. */
export function useSession() {
  return useQuery(sessionQuery({})).data ?? null;
}

const NONE: never[] = [];

export interface Catalogue {
  funds: Fund[];
  areas: Area[];
  plans: Plan[];
  rounds: RoundSummary[];
  /** Every part has answered (or failed: a failure is already in the notifications). */
  loaded: boolean;
}

export function useCatalogue(): Catalogue {
  const funds = useQuery(fundsQuery({}));
  const areas = useQuery(areasQuery({}));
  const plans = useQuery(plansQuery({}));
  const rounds = useQuery(roundsQuery({}));
  return {
    funds: funds.data ?? NONE,
    areas: areas.data ?? NONE,
    plans: plans.data ?? NONE,
    rounds: rounds.data ?? NONE,
    loaded: [funds, areas, plans, rounds].every((q) => !q.isPending),
  };
}
