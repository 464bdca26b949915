// The applications register: every application received, filtered and sorted, in a table that
// stays smooth at tens of thousands of rows.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { STAGE_IDS, STAGES } from '../../../shared/domain/stages';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { useCatalogue, useSession } from '../../app/queries';
import { DemoPeople } from '../session/DemoPeople';
import { useMayCall } from '../session/session-cache';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/fields';
import { RegisterTable } from './RegisterTable';
import {
  filtersFromParams,
  hasFilters,
  paramsFromFilters,
  queryFromFilters,
  withoutFilters,
  type FilterName,
  type RegisterFilters,
  type RegisterSort,
} from './register-filters';
import { useAskFirstPage, useRegisterPages } from './register-pages';

/**
 * How long typing pauses before the register shows what was typed. Each keystroke's rows are
 * already being fetched (one query at a time, the latest kept), so the rows are usually there
 * when the pause ends: short enough that the rows follow the typing within 150 ms, long enough
 * that a brisk typist's word is one change of the table, the address and the announced count.
 */
const SEARCH_DELAY_MS = 100;

/** Sorting a new column starts where people expect: biggest and newest first, words A to Z. */
const FIRST_DIRECTION: Record<RegisterSort, 'asc' | 'desc'> = {
  receivedAt: 'desc',
  amountRequested: 'desc',
  reference: 'asc',
  organisationName: 'asc',
  projectTitle: 'asc',
  areaName: 'asc',
  status: 'asc',
};

export function ApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const query = useMemo(() => queryFromFilters(filters), [filters]);
  const register = useRegisterPages(query);
  const askFirstPage = useAskFirstPage();
  const may = useMayCall();
  const session = useSession();

  const update = useCallback(
    (changes: Partial<RegisterFilters>, replace = false) => {
      const next = { ...filters, ...changes };
      // The core answers while the screen re-renders for the new address.
      askFirstPage(queryFromFilters(next));
      setParams(paramsFromFilters(next), { replace });
    },
    [filters, setParams, askFirstPage],
  );
  const onSort = (sort: RegisterSort) =>
    update({ sort, direction: sort === filters.sort ? (filters.direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[sort] });

  return (
    <div className="register-page">
      <Page
        title="Applications"
        lede="Every application received, in every round."
        actions={
          may('applications.create') ? (
            <>
              <Link className="button" to="/applications/new">
                New application
              </Link>
              <Link className="button secondary" to="/import">
                Import applications
              </Link>
            </>
          ) : null
        }
      >
        {session?.demo ? <DemoPeople demo={session.demo} open={false} /> : null}
        <RegisterFilterBar filters={filters} update={update} askFirstPage={askFirstPage} />
        <RegisterBody
          filters={filters}
          register={register}
          onSort={onSort}
          onClear={() => {
            update(withoutFilters(filters));
            // The button goes with the empty state: carry on from the first filter.
            document.getElementById('filter-round')?.focus();
          }}
        />
      </Page>
    </div>
  );
}

function RegisterFilterBar({
  filters,
  update,
  askFirstPage,
}: {
  filters: RegisterFilters;
  update: (changes: Partial<RegisterFilters>, replace?: boolean) => void;
  askFirstPage: ReturnType<typeof useAskFirstPage>;
}) {
  const { rounds, funds, areas, plans } = useCatalogue();
  const [search, setSearch] = useState(filters.search);
  // The search this box last put in the address. Its own change coming back must not overwrite
  // what has been typed since (that lost keystrokes typed while the address was updating).
  const sent = useRef(filters.search);

  // The address changed under us (back, forward, Clear filters): show what it says.
  useEffect(() => {
    if (filters.search === sent.current) return;
    sent.current = filters.search;
    setSearch(filters.search);
  }, [filters.search]);

  useEffect(() => {
    if (search === filters.search) return;
    // Typing replaces the history entry, so Back leaves the search rather than undoing a letter.
    const timer = setTimeout(() => {
      sent.current = search;
      update({ search }, true);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters.search, update]);

  // Priorities come from the chosen round's plan, or from every plan when no round is chosen.
  const round = rounds.find((r) => r.id === filters.roundId);
  const shownPlans = round ? plans.filter((p) => p.id === round.planId) : plans;
  const priorityOptions = shownPlans.flatMap((p) =>
    p.priorities.map((pr) => ({ value: pr.id, label: `${shownPlans.length > 1 ? `${p.name}: ` : ''}${pr.code} — ${pr.title}` })),
  );

  const select = (name: Exclude<FilterName, 'search'>) => (value: string) => update({ [name]: value });
  return (
    <search className="register-filters" aria-label="Filter applications">
      <SelectField
        id="filter-round"
        label="Round"
        value={filters.roundId}
        onChange={select('roundId')}
        placeholder="All rounds"
        options={rounds.map((r) => ({ value: r.id, label: r.name }))}
      />
      <SelectField
        id="filter-fund"
        label="Fund"
        value={filters.fundId}
        onChange={select('fundId')}
        placeholder="All funds"
        options={funds.map((f) => ({ value: f.id, label: f.name }))}
      />
      <SelectField
        id="filter-area"
        label="Area"
        value={filters.areaId}
        onChange={select('areaId')}
        placeholder="All areas"
        options={areas.map((a) => ({ value: a.id, label: a.name }))}
      />
      <SelectField
        id="filter-status"
        label="Status"
        value={filters.status}
        onChange={select('status')}
        placeholder="Any status"
        options={STAGE_IDS.map((s) => ({ value: s, label: STAGES[s] }))}
      />
      <SelectField
        id="filter-priority"
        label="Plan priority"
        value={filters.priorityId}
        onChange={select('priorityId')}
        placeholder="Any priority"
        options={priorityOptions}
      />
      <div className="field register-search">
        <label htmlFor="filter-search">
          Search <span className="label-aside">reference, organisation, project</span>
        </label>
        <input
          id="filter-search"
          type="search"
          maxLength={200}
          autoComplete="off"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            askFirstPage(queryFromFilters({ ...filters, search: e.target.value }), { latest: true });
          }}
        />
      </div>
    </search>
  );
}

function RegisterBody({
  filters,
  register,
  onSort,
  onClear,
}: {
  filters: RegisterFilters;
  register: ReturnType<typeof useRegisterPages>;
  onSort: (sort: RegisterSort) => void;
  onClear: () => void;
}) {
  const { total, busy } = register;
  // While a new query is on its way the old rows stay, but an old "nothing found" would mislead.
  const settling = total === null || (busy && total === 0);
  const count = settling
    ? 'Loading applications…'
    : `Showing ${total.toLocaleString('en-GB')} ${total === 1 ? 'application' : 'applications'}`;
  return (
    <>
      <p className="register-count" role="status">
        {count}
      </p>
      {register.failed ? (
        <div className="panel warning">
          <p>The register could not be loaded.</p>
          <button type="button" className="button secondary" onClick={register.retry}>
            Try again
          </button>
        </div>
      ) : settling ? null : total === 0 && !hasFilters(filters) ? (
        <EmptyRegister />
      ) : total === 0 ? (
        <div className="empty-state">
          <h2>No applications match these filters</h2>
          <p>Try a different search, or clear the filters to see every application.</p>
          <button type="button" className="button secondary" onClick={onClear}>
            Clear filters
          </button>
        </div>
      ) : (
        <RegisterTable register={register} sort={filters.sort} direction={filters.direction} onSort={onSort} />
      )}
    </>
  );
}

/** The first thing a newcomer sees: what to do next, not a blank table. */
function EmptyRegister() {
  const may = useMayCall();
  const [loading, setLoading] = useState(false);
  const loadDemo = async () => {
    setLoading(true);
    const result = await call('demo.load', {});
    setLoading(false);
    if (!result.ok) return;
    // Its answer names the tables it filled, so the register and catalogue are read afresh already.
    useNotifications.getState().push('success', `Loaded the demo round: ${result.value.applications.toLocaleString('en-GB')} applications`);
  };
  if (!may('demo.load'))
    return (
      <div className="empty-state">
        <h2>No applications yet</h2>
        <p>The grants officer imports or enters the applications for a round; they will be listed here.</p>
      </div>
    );
  return (
    <div className="empty-state">
      <h2>No applications yet — import a CSV or load the demo round</h2>
      <p>
        Import the applications for a round from a spreadsheet saved as CSV, or load the demo round of fictional applications to try
        GrantPanel out.
      </p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => void loadDemo()} disabled={loading}>
          {loading ? 'Loading the demo round…' : 'Load demo round'}
        </button>
        <Link className="button secondary" to="/import">
          Import a CSV
        </Link>
      </div>
    </div>
  );
}
