// The register as a real <table>, virtualised: only the rows in view (plus a margin) are in the
// page, spacer rows keep the scroll height, and aria-rowcount/aria-rowindex tell assistive
// technology where each row sits among all of them.
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatPence } from '../../../shared/domain/money';
import { Tag } from '../../components/Tag';
import { formatInstantDay } from '../../../shared/domain/dates';
import type { Direction, RegisterSort } from './register-filters';
import { PAGE_SIZE, type RegisterPages } from './register-pages';

/** Matches the CSS row height, so 40 rows fill a 1366×768 screen comfortably without measuring each. */
export const ROW_HEIGHT = 34;

interface Column {
  label: string;
  className: string;
  sort: RegisterSort | null;
}

const COLUMNS: Column[] = [
  { label: 'Reference', className: 'reference', sort: 'reference' },
  { label: 'Organisation', className: 'organisation', sort: 'organisationName' },
  { label: 'Project', className: 'project', sort: 'projectTitle' },
  { label: 'Area', className: 'area', sort: 'areaName' },
  { label: 'Fund', className: 'fund', sort: null },
  { label: 'Amount requested', className: 'amount money', sort: 'amountRequested' },
  { label: 'Status', className: 'status', sort: 'status' },
  { label: 'Received', className: 'received', sort: 'receivedAt' },
];

const SORT_WORDS: Record<RegisterSort, [string, string, string]> = {
  receivedAt: ['received date', 'oldest first', 'newest first'],
  reference: ['reference', 'A to Z', 'Z to A'],
  organisationName: ['organisation', 'A to Z', 'Z to A'],
  projectTitle: ['project', 'A to Z', 'Z to A'],
  areaName: ['area', 'A to Z', 'Z to A'],
  amountRequested: ['amount requested', 'smallest first', 'largest first'],
  status: ['status', 'A to Z', 'Z to A'],
};

export function RegisterTable({
  register,
  sort,
  direction,
  onSort,
}: {
  register: RegisterPages;
  sort: RegisterSort;
  direction: Direction;
  onSort: (sort: RegisterSort) => void;
}) {
  const location = useLocation();
  const scroller = useRef<HTMLDivElement>(null);
  const total = register.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const { ensure, key } = register;

  // Fetch the rows in view and half a page either side; while the officer is flinging the
  // scrollbar, wait for it to settle rather than fetch every page flown past.
  const scrolling = virtualizer.isScrolling;
  useEffect(() => {
    const timer = setTimeout(
      () => ensure(Math.max(0, first - PAGE_SIZE / 2), Math.min(total - 1, last + PAGE_SIZE / 2)),
      scrolling ? 80 : 0,
    );
    return () => clearTimeout(timer);
  }, [first, last, total, ensure, scrolling]);

  // New filters or sort: back to the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [key]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const [sortLabel, ascending, descending] = SORT_WORDS[sort];

  return (
    <div className="register-scroll" ref={scroller} role="region" aria-labelledby="register-caption" aria-busy={register.busy} tabIndex={0}>
      <table className="register" aria-rowcount={total + 1}>
        <caption id="register-caption" className="visually-hidden">
          Applications, sorted by {sortLabel}, {direction === 'asc' ? ascending : descending}
        </caption>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={c.className}
                aria-sort={c.sort === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sort as RegisterSort)}>
                    {c.label}
                    <span className="sort-icon" aria-hidden="true">
                      {c.sort === sort ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="register-spacer">
              <td colSpan={COLUMNS.length} style={{ height: padTop }} />
            </tr>
          ) : null}
          {items.map((v) => {
            const row = register.rowAt(v.index);
            return (
              <tr key={v.index} aria-rowindex={v.index + 2}>
                {row ? (
                  <>
                    <td>
                      <Link to={`/applications/${encodeURIComponent(row.id)}`} state={{ register: location.search }}>
                        {row.reference}
                      </Link>
                    </td>
                    <td title={row.organisationName}>{row.organisationName}</td>
                    <td title={row.projectTitle}>{row.projectTitle}</td>
                    <td>{row.areaName}</td>
                    <td>{row.fundCode}</td>
                    <td className="money">{formatPence(row.amountRequested)}</td>
                    <td>
                      <Tag status={row.status} />
                    </td>
                    <td>{formatInstantDay(row.receivedAt)}</td>
                  </>
                ) : (
                  <td colSpan={COLUMNS.length} className="register-loading">
                    Loading…
                  </td>
                )}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="register-spacer">
              <td colSpan={COLUMNS.length} style={{ height: padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
