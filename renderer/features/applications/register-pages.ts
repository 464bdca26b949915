// The register is read a page of 100 rows at a time: only the pages the visible window needs are
// fetched, each once (each is a query, refetched when a write changes what it reads), and the
// pages asked for start afresh whenever the filters or sort change. Until the new query first
// answers, the old first page stays on screen (marked busy) rather than flashing away.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { ApplicationRow } from '../../../shared/contract/applications';
import type { RegisterQuery } from './register-filters';
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

export function useRegisterPages(query: RegisterQuery): RegisterPages {
  const key = JSON.stringify(query);
  // The pages asked for under the current query, beyond the first (always asked for).
  const [asked, setAsked] = useState<{ key: string; pages: readonly number[] }>({ key, pages: [] });
  const more = asked.key === key ? asked.pages : NONE;
  const page = (n: number) => applicationsQuery({ ...query, offset: n * PAGE_SIZE, limit: PAGE_SIZE });

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
