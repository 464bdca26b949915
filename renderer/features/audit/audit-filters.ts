// The audit trail's filters as they live in the address (#/audit?person=…&ref=…&kind=…), so a link
// from an application's history, back/forward and reload keep what the auditor was looking at.
import { AUDIT_KIND_IDS, type AuditKind, type AuditQuery } from '../../../shared/contract/audit';

export interface AuditFilters {
  personId: string;
  reference: string;
  kind: AuditKind | '';
}

const isKind = (v: string | null): v is AuditKind => (AUDIT_KIND_IDS as readonly string[]).includes(v ?? '');

export function filtersFromParams(p: URLSearchParams): AuditFilters {
  const kind = p.get('kind');
  return { personId: p.get('person') ?? '', reference: p.get('ref') ?? '', kind: isKind(kind) ? kind : '' };
}

/** Only the filters set go in the address: a plain trail is #/audit. */
export function paramsFromFilters(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.personId) p.set('person', f.personId);
  if (f.reference.trim()) p.set('ref', f.reference.trim());
  if (f.kind) p.set('kind', f.kind);
  return p;
}

export function queryFromFilters(f: AuditFilters): AuditQuery {
  const q: AuditQuery = {};
  if (f.personId) q.personId = f.personId;
  if (f.reference.trim()) q.reference = f.reference.trim();
  if (f.kind) q.kind = f.kind;
  return q;
}

/** The address of the trail about one application (linked from its History section). */
export const auditOfApplication = (reference: string) => `/audit?${paramsFromFilters({ personId: '', reference, kind: '' }).toString()}`;
