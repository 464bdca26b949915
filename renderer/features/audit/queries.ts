// The audit trail as the audit screen reads it: pages of the event log, newest first, followed by
// their cursor ("Show older"). Every write appends to the log, so any projected table changing
// (and the names of people and laptops) refreshes it.
import { infiniteQueryOptions } from '@tanstack/react-query';
import type { AuditCursor, AuditQuery } from '../../../shared/contract/audit';
import { PROJECTED_TABLES, type TableName } from '../../../shared/domain/kinds';
import { call } from '../../app/api';
import { CallFailed } from '../../app/query-client';
import { readQuery } from '../../app/read-query';

const READS: readonly TableName[] = [...PROJECTED_TABLES, 'people', 'trusted_devices', 'signed_heads'];

export const PAGE_SIZE = 50;

export function auditTrailQuery(q: AuditQuery) {
  return infiniteQueryOptions({
    queryKey: ['audit.list', q] as const,
    // Quiet: a filter the core refuses (a reference no application has) is shown at its field.
    queryFn: async ({ pageParam }) => {
      const result = await call('audit.list', { ...q, limit: PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) }, { quiet: true });
      if (!result.ok) throw new CallFailed(result.error);
      return result.value;
    },
    initialPageParam: null as AuditCursor | null,
    getNextPageParam: (last) => last.next,
    meta: { reads: READS },
  });
}

/** Checking the whole log: run when asked, not on opening the page. */
export const auditCheckQuery = readQuery('audit.verify', READS);
