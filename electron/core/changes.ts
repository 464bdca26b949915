// Which tables a call changed, so the renderer refreshes exactly the screens that read them. Each
// call collects into its own set (async context, not a shared one), so two calls never mix.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TableName } from '../../shared/domain/kinds';

export class Changes {
  private readonly scope = new AsyncLocalStorage<Set<TableName>>();

  /** Runs work, collecting what it changes into `into` (a call's set, or a background job's). */
  collect<T>(into: Set<TableName>, work: () => T): T {
    return this.scope.run(into, work);
  }

  /** Notes tables changed by the work running now; outside any collection it is nobody's concern. */
  report(tables: Iterable<TableName>): void {
    const into = this.scope.getStore();
    if (into) for (const t of tables) into.add(t);
  }
}
