// One declaration per read: the contract method, and the tables its answer depends on.
//   export const fundsQuery = readQuery('catalogue.funds', ['funds']);
//   const funds = useQuery(fundsQuery({}));
import { queryOptions } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../../shared/contract';
import type { TableName } from '../../shared/domain/kinds';
import { call } from './api';
import { CallFailed } from './query-client';

/** `quiet` for reads whose failure the page shows itself (an application not found). */
export function readQuery<M extends MethodName>(method: M, reads: readonly TableName[], options: { quiet?: boolean } = {}) {
  return (input: Input<M>) =>
    queryOptions({
      queryKey: [method, input] as const,
      queryFn: async (): Promise<Output<M>> => {
        const result = await call(method, input, options);
        if (!result.ok) throw new CallFailed(result.error);
        return result.value;
      },
      meta: { reads },
    });
}
