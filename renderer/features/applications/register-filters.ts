// The register's filters and sort as they live in the address (#/applications?round=…&area=…),
// so back/forward and reload keep what the officer was looking at.
import { APPLICATION_SORTS, type ApplicationQuery } from '../../../shared/contract/applications';
import { STAGE_IDS, type Stage } from '../../../shared/domain/stages';

export type RegisterSort = (typeof APPLICATION_SORTS)[number];
export type Direction = 'asc' | 'desc';

export interface RegisterFilters {
  roundId: string;
  fundId: string;
  areaId: string;
  /** A stage (shared/domain/stages.ts): `status=` in the address, as before stages; received and withdrawn keep their words. */
  status: Stage | '';
  priorityId: string;
  search: string;
  sort: RegisterSort;
  direction: Direction;
}

export type FilterName = 'roundId' | 'fundId' | 'areaId' | 'status' | 'priorityId' | 'search';

/** Short, readable parameter names for the address bar. */
const PARAM: Record<FilterName, string> = {
  roundId: 'round',
  fundId: 'fund',
  areaId: 'area',
  status: 'status',
  priorityId: 'priority',
  search: 'q',
};

export const DEFAULT_SORT: RegisterSort = 'receivedAt';
export const DEFAULT_DIRECTION: Direction = 'desc';

const isSort = (v: string | null): v is RegisterSort => (APPLICATION_SORTS as readonly string[]).includes(v ?? '');
const isStatus = (v: string | null): v is Stage => (STAGE_IDS as readonly string[]).includes(v ?? '');

export function filtersFromParams(p: URLSearchParams): RegisterFilters {
  const status = p.get(PARAM.status);
  const sort = p.get('sort');
  const dir = p.get('dir');
  return {
    roundId: p.get(PARAM.roundId) ?? '',
    fundId: p.get(PARAM.fundId) ?? '',
    areaId: p.get(PARAM.areaId) ?? '',
    status: isStatus(status) ? status : '',
    priorityId: p.get(PARAM.priorityId) ?? '',
    search: p.get(PARAM.search) ?? '',
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    direction: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_DIRECTION,
  };
}

/** Only what differs from the defaults goes in the address, so a plain register is #/applications. */
export function paramsFromFilters(f: RegisterFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const name of Object.keys(PARAM) as FilterName[]) {
    // Kept as typed (a trailing space mid-search stays), but a blank filter is no filter.
    if (f[name].trim()) p.set(PARAM[name], f[name]);
  }
  if (f.sort !== DEFAULT_SORT || f.direction !== DEFAULT_DIRECTION) {
    p.set('sort', f.sort);
    p.set('dir', f.direction);
  }
  return p;
}

export type RegisterQuery = Omit<ApplicationQuery, 'offset' | 'limit'>;

export function queryFromFilters(f: RegisterFilters): RegisterQuery {
  const q: RegisterQuery = { sort: f.sort, direction: f.direction };
  if (f.roundId) q.roundId = f.roundId;
  if (f.fundId) q.fundId = f.fundId;
  if (f.areaId) q.areaId = f.areaId;
  if (f.status) q.stage = f.status;
  if (f.priorityId) q.priorityId = f.priorityId;
  const search = f.search.trim();
  if (search) q.search = search;
  return q;
}

export function hasFilters(f: RegisterFilters): boolean {
  return Boolean(f.roundId || f.fundId || f.areaId || f.status || f.priorityId || f.search.trim());
}

export function withoutFilters(f: RegisterFilters): RegisterFilters {
  return { ...f, roundId: '', fundId: '', areaId: '', status: '', priorityId: '', search: '' };
}
