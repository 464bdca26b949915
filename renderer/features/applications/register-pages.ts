// The register is read a page of 100 rows at a time: only the pages the visible window needs are
// fetched, each once, and the cache starts afresh whenever the filters or sort change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplicationRow } from '../../../shared/contract/applications';
import { call } from '../../app/api';
import type { RegisterQuery } from './register-filters';

export const PAGE_SIZE = 100;

interface Pages {
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, ApplicationRow[]>;
  failed: boolean;
}

const fresh = (key: string): Pages => ({ key, total: null, pages: new Map(), failed: false });

export interface RegisterPages {
  /** null until the first page answers. */
  total: number | null;
  failed: boolean;
  rowAt(index: number): ApplicationRow | undefined;
  /** Fetches whatever pages rows first…last fall in that are not cached or on their way. */
  ensure(first: number, last: number): void;
  /** Which query the cache belongs to; changes when the filters or sort do. */
  key: string;
}

export function useRegisterPages(query: RegisterQuery, reload: number): RegisterPages {
  const key = JSON.stringify([query, reload]);
  const [state, setState] = useState<Pages>(() => fresh(key));
  // Pages asked for under the current key, so a page is never fetched twice at once.
  const requested = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });

  // A new query starts a new cache straight away, without first painting the old rows.
  let current = state;
  if (state.key !== key) {
    current = fresh(key);
    setState(current);
  }

  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      void call('applications.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((result) => {
        setState((s) => {
          if (s.key !== key) return s; // an answer to a query the officer has moved on from
          if (!result.ok) return { ...s, failed: true };
          const pages = new Map(s.pages);
          pages.set(page, result.value.rows);
          return { ...s, total: result.value.total, pages };
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

  const pages = current.pages;
  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  return { total: current.total, failed: current.failed, rowAt, ensure, key };
}
