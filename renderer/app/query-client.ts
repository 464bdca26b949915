// The renderer's one cache of what it has read from the core. Every query names the tables its
// answer depends on (`meta.reads`); every answer from the core names the tables its writes changed
// (`changed`), and exactly the queries reading those are refetched. So data stays fresh until a
// write says otherwise, and no screen needs to remember to refresh another's.
import { hashKey, QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ContractError } from '../../shared/contract/result';
import type { TableName } from '../../shared/domain/kinds';

/** A call the core refused, thrown from a query so the query holds it as its error. */
export class CallFailed extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'CallFailed';
  }
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { reads: readonly TableName[] };
    defaultError: CallFailed;
  }
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until a write changes a table it reads: invalidation is exact, so nothing is refetched on a hunch.
        staleTime: Infinity,
        // A failed call has already reached the notifications (see call()); trying again would repeat it.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = makeQueryClient();

/**
 * Marks stale, and refetches if on screen, every query whose `meta.reads` names a table in `changed`;
 * resolves once those on screen have their fresh answers. `except` is a query the caller sets from
 * the answer itself (a score just entered on the scoring sheet), so it is not read again for it.
 */
export async function invalidateChanged(client: QueryClient, changed: readonly TableName[] | undefined, except?: QueryKey): Promise<void> {
  if (!changed?.length) return;
  const tables = new Set<TableName>(changed);
  const skipped = except ? hashKey(except) : null;
  await client.invalidateQueries({
    predicate: (query) => query.queryHash !== skipped && (query.meta?.reads.some((t) => tables.has(t)) ?? false),
  });
}
