// The register is read a page of 100 rows at a time: only the pages the visible window needs are
// fetched, each once (each is a query, refetched when a write changes what it reads), and the
// pages asked for start afresh whenever the filters or sort change. Until the new query first
// answers, the old first page stays on screen (marked busy) rather than flashing away.
// A new query's first page is asked for as soon as the officer acts (see useAskFirstPage), not
// once the page has re-rendered for it, so the core works while the renderer does.
import { keepPreviousData, usePrefetchQuery, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ApplicationRow } from '../../../shared/contract/applications';
import { filtersFromParams, queryFromFilters, type RegisterQuery } from './register-filters';
import { applicationsQuery } from './queries';

export const PAGE_SIZE = 100;

export interface RegisterPages {
  /** null until the first page answers. */
  total: number | null;
  failed: boolean;
  /** The rows shown answer an earlier query; the current one is on its way. */
  busy: boolean;
  rowAt(index: number): ApplicationRow | undefined;
  /** Asks for whatever pages rows first…last fall in that are not asked for yet. */
  ensure(first: number, last: number): void;
  /** Which query is wanted; changes when the filters or sort do. */
  key: string;
  /** Asks again for the pages that failed. */
  retry(): void;
}

/** Page n (from 0) of the register under a query. */
export const registerPage = (query: RegisterQuery, n: number) => applicationsQuery({ ...query, offset: n * PAGE_SIZE, limit: PAGE_SIZE });

/**
 * When the app opens on the register (its usual first screen), asks for the rows before React
 * has drawn anything, so the core answers while the page is first rendered.
 */
export function askForRegisterOnOpening(client: QueryClient, hash: string): void {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  if (!['', '/', '/applications'].includes(path)) return;
  void client.prefetchQuery(registerPage(queryFromFilters(filtersFromParams(new URLSearchParams(search))), 0));
}

/**
 * Asks for a query's first page now. With `latest`, for a query typed key by key: one at a time,
 * and a query asked for while another is on its way waits, replaced by any asked for after it,
 * so the core never falls behind the typing.
 */
export function useAskFirstPage(): (query: RegisterQuery, options?: { latest?: boolean }) => void {
  const client = useQueryClient();
  const typed = useRef<{ busy: boolean; waiting: RegisterQuery | null }>({ busy: false, waiting: null });
  return useCallback(
    (query, { latest = false } = {}) => {
      if (!latest) return void client.prefetchQuery(registerPage(query, 0));
      const t = typed.current;
      if (t.busy) {
        t.waiting = query;
        return;
      }
      const send = (q: RegisterQuery) => {
        t.busy = true;
        void client.prefetchQuery(registerPage(q, 0)).finally(() => {
          t.busy = false;
          const next = t.waiting;
          t.waiting = null;
          if (next) send(next);
        });
      };
      send(query);
    },
    [client],
  );
}

export function useRegisterPages(query: RegisterQuery): RegisterPages {
  const key = JSON.stringify(query);
  // The pages asked for under the current query, beyond the first (always asked for).
  const [asked, setAsked] = useState<{ key: string; pages: readonly number[] }>({ key, pages: [] });
  const more = asked.key === key ? asked.pages : NONE;
  const page = (n: number) => registerPage(query, n);

  // Asked for while rendering, so on opening the app the register's rows are the core's first
  // answer, ahead of the catalogue and counts the rest of the screen reads.
  usePrefetchQuery(page(0));
  // The first page on its own: while the new query's is on its way, the old one's stands in.
  const first = useQuery({ ...page(0), placeholderData: keepPreviousData });
  const rest = useQueries({ queries: more.map(page) });

  const ensure = useCallback(
    (from: number, to: number) => {
      if (to < from) return;
      setAsked((current) => {
        const have = current.key === key ? current.pages : NONE;
        const wanted: number[] = [];
        for (let n = Math.max(1, Math.floor(from / PAGE_SIZE)); n <= Math.floor(to / PAGE_SIZE); n++) if (!have.includes(n)) wanted.push(n);
        return wanted.length === 0 && current.key === key ? current : { key, pages: [...have, ...wanted] };
      });
    },
    [key],
  );

  const rowsByPage = useMemo(
    () => new Map([[0, first.data?.rows] as const, ...more.map((n, i) => [n, rest[i]?.data?.rows] as const)]),
    [first.data, more, rest],
  );
  const rowAt = useCallback((index: number) => rowsByPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [rowsByPage]);
  const failed = [first, ...rest].filter((r) => r.isError);

  return {
    total: first.data?.total ?? null,
    failed: failed.length > 0,
    busy: first.isPlaceholderData || first.isPending,
    rowAt,
    ensure,
    key,
    retry: () => failed.forEach((r) => void r.refetch()),
  };
}

const NONE: readonly number[] = [];
