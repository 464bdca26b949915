// The register is read a page of 100 rows at a time: only the pages the visible window needs are
// fetched, each once, and the cache starts afresh whenever the filters or sort change. Until the
// new query first answers, the old rows stay on screen (marked busy) rather than flashing away.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplicationRow } from '../../../shared/contract/applications';
import { call } from '../../app/api';
import type { RegisterQuery } from './register-filters';

export const PAGE_SIZE = 100;

interface Pages {
  /** The query these rows answer, serialised. */
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, ApplicationRow[]>;
  failed: boolean;
}

export interface RegisterPages {
  /** null until the first page answers. */
  total: number | null;
  failed: boolean;
  /** The rows shown answer an earlier query; the current one is on its way. */
  busy: boolean;
  rowAt(index: number): ApplicationRow | undefined;
  /** Fetches whatever pages rows first…last fall in that are not cached or on their way. */
  ensure(first: number, last: number): void;
  /** Which query is wanted; changes when the filters or sort do. */
  key: string;
}

export function useRegisterPages(query: RegisterQuery, reload: number): RegisterPages {
  const key = JSON.stringify([query, reload]);
  const [state, setState] = useState<Pages>({ key: '', total: null, pages: new Map(), failed: false });
  // The latest query, and the pages already asked for under it, so none is fetched twice.
  const wanted = useRef<{ key: string; requested: Set<number> }>({ key, requested: new Set() });
  if (wanted.current.key !== key) wanted.current = { key, requested: new Set() };

  const load = useCallback(
    (page: number) => {
      const current = wanted.current;
      if (current.key !== key || current.requested.has(page)) return;
      current.requested.add(page);
      void call('applications.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((result) => {
        if (wanted.current.key !== key) return; // an answer to a query the officer has moved on from
        setState((s) => {
          const base = s.key === key ? s : { key, total: null, pages: new Map<number, ApplicationRow[]>(), failed: false };
          if (!result.ok) {
            current.requested.delete(page);
            return { ...base, failed: true };
          }
          const pages = new Map(base.pages);
          pages.set(page, result.value.rows);
          return { key, total: result.value.total, pages, failed: false };
        });
      });
    },
    // The key is the query, serialised: the same key means the same query.
    [key],
  );

  useEffect(() => load(0), [load]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) load(page);
    },
    [load],
  );

  const { pages } = state;
  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  return { total: state.total, failed: state.failed && state.key === key, busy: state.key !== key, rowAt, ensure, key };
}
