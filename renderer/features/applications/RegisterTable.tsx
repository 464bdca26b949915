// The register as a real <table>, virtualised: only the rows in view (plus a margin) are in the
// page, spacer rows keep the scroll height, and aria-rowcount/aria-rowindex tell assistive
// technology where each row sits among all of them.
import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ApplicationRow } from '../../../shared/contract/applications';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatPence } from '../../../shared/domain/money';
import { StageTag } from '../../components/StageTag';
import { formatInstantDay } from '../../../shared/domain/dates';
import type { Direction, RegisterSort } from './register-filters';
import { PAGE_SIZE, type RegisterPages } from './register-pages';

/** One line of the CSS row; rows whose names wrap are measured as they are drawn. */
export const ROW_HEIGHT = 34;

/**
 * Below this width (in rem) the eight columns cannot all keep names readable, so Organisation and
 * Project share one column and Area, Fund and Received fold into a detail line under them.
 */
const WIDE_REM = 62;

type Layout = 'wide' | 'compact';

interface Column {
  label: string;
  className: string;
  sort: RegisterSort | null;
  /** The sorts one compact column offers, in the order its buttons are shown. */
  sorts?: [RegisterSort, string][];
}

const COLUMNS: Record<Layout, Column[]> = {
  wide: [
    { label: 'Reference', className: 'reference', sort: 'reference' },
    { label: 'Organisation', className: 'organisation', sort: 'organisationName' },
    { label: 'Project', className: 'project', sort: 'projectTitle' },
    { label: 'Area', className: 'area', sort: 'areaName' },
    { label: 'Fund', className: 'fund', sort: null },
    { label: 'Amount requested', className: 'amount money', sort: 'amountRequested' },
    { label: 'Status', className: 'status', sort: 'status' },
    { label: 'Received', className: 'received', sort: 'receivedAt' },
  ],
  compact: [
    { label: 'Reference', className: 'reference', sort: 'reference' },
    {
      label: 'Application',
      className: 'application',
      sort: null,
      sorts: [
        ['organisationName', 'Organisation'],
        ['projectTitle', 'Project'],
        ['areaName', 'Area'],
        ['receivedAt', 'Received'],
      ],
    },
    { label: 'Amount requested', className: 'amount money', sort: 'amountRequested' },
    { label: 'Status', className: 'status', sort: 'status' },
  ],
};

/** Wide or compact, by the width the register has (not the window's): it follows zoom and the frame. */
function useLayout(element: RefObject<HTMLElement | null>): Layout {
  const [layout, setLayout] = useState<Layout>('wide');
  useLayoutEffect(() => {
    const el = element.current;
    if (!el) return;
    const decide = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setLayout(el.clientWidth >= WIDE_REM * rem ? 'wide' : 'compact');
    };
    decide();
    const observer = new ResizeObserver(decide);
    observer.observe(el);
    return () => observer.disconnect();
  }, [element]);
  return layout;
}

function SortButton({
  label,
  column,
  sort,
  direction,
  onSort,
}: {
  label: string;
  column: RegisterSort;
  sort: RegisterSort;
  direction: Direction;
  onSort: (sort: RegisterSort) => void;
}) {
  const sorted = column === sort;
  return (
    <button type="button" className="sort-button" onClick={() => onSort(column)}>
      {label}
      <span className="sort-icon" aria-hidden="true">
        {sorted ? (direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
}

const SORT_WORDS: Record<RegisterSort, [string, string, string]> = {
  receivedAt: ['received date', 'oldest first', 'newest first'],
  reference: ['reference', 'A to Z', 'Z to A'],
  organisationName: ['organisation', 'A to Z', 'Z to A'],
  projectTitle: ['project', 'A to Z', 'Z to A'],
  areaName: ['area', 'A to Z', 'Z to A'],
  amountRequested: ['amount requested', 'smallest first', 'largest first'],
  status: ['status', 'earliest stage first', 'furthest stage first'],
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
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  // One handler for every row's link, as react-router's Link would: a plain click opens the
  // application in the app, remembering the register's filters for the way back; a click with a
  // modifier (new tab, new window) is left to the browser.
  const from = location.search;
  const open = useCallback(
    (e: MouseEvent<HTMLAnchorElement>, id: string) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      void navigate(`/applications/${encodeURIComponent(id)}`, { state: { register: from } });
    },
    [navigate, from],
  );
  const layout = useLayout(scroller);
  const columns = COLUMNS[layout];
  const total = register.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    // A first guess; each row drawn is measured, since long names wrap onto a second line.
    estimateSize: () => (layout === 'wide' ? ROW_HEIGHT + 8 : ROW_HEIGHT * 2 + 8),
    overscan: 8,
  });
  // Another layout: every row's height changes, so measure afresh.
  useEffect(() => virtualizer.measure(), [layout, virtualizer]);
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
          {columns.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={c.className}
                aria-sort={
                  c.sort === sort || c.sorts?.some(([s]) => s === sort) ? (direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sort ? (
                  <SortButton label={c.label} column={c.sort} sort={sort} direction={direction} onSort={onSort} />
                ) : c.sorts ? (
                  <>
                    <span className="visually-hidden">{c.label}, sort by </span>
                    <span className="sort-buttons">
                      {c.sorts.map(([s, label]) => (
                        <SortButton key={s} label={label} column={s} sort={sort} direction={direction} onSort={onSort} />
                      ))}
                    </span>
                  </>
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
              <td colSpan={columns.length} style={{ height: padTop }} />
            </tr>
          ) : null}
          {items.map((v) => (
            <RegisterRow
              key={v.index}
              index={v.index}
              row={register.rowAt(v.index)}
              layout={layout}
              span={columns.length}
              measure={virtualizer.measureElement}
              onOpen={open}
            />
          ))}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="register-spacer">
              <td colSpan={columns.length} style={{ height: padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One row, drawn again only when its own data, the layout or the handlers change: a filter's
 * "busy" moment, a re-measure or fetching another page leaves the rows on screen alone. Links
 * are plain anchors (the table handles their clicks): a Link per row cost more than the row.
 */
const RegisterRow = memo(function RegisterRow({
  index,
  row,
  layout,
  span,
  measure,
  onOpen,
}: {
  index: number;
  row: ApplicationRow | undefined;
  layout: Layout;
  span: number;
  measure: (element: Element | null) => void;
  onOpen: (e: MouseEvent<HTMLAnchorElement>, id: string) => void;
}) {
  return (
    <tr aria-rowindex={index + 2} data-index={index} ref={measure}>
      {row ? (
        <>
          <td className="reference">
            <a href={`#/applications/${encodeURIComponent(row.id)}`} onClick={(e) => onOpen(e, row.id)}>
              {row.reference}
            </a>
          </td>
          {layout === 'wide' ? (
            <>
              <td className="name">{row.organisationName}</td>
              <td className="name">{row.projectTitle}</td>
              <td className="name">{row.areaName}</td>
              <td>{row.fundCode}</td>
            </>
          ) : (
            <td className="name">
              <span className="register-organisation">{row.organisationName}</span>
              <span className="register-project">{row.projectTitle}</span>
              <span className="register-detail">
                {[row.areaName, row.fundCode, `received ${formatInstantDay(row.receivedAt)}`].map((part, i) => (
                  <Fragment key={i}>
                    {i > 0 ? ' · ' : null}
                    <span className="nowrap">{part}</span>
                  </Fragment>
                ))}
              </span>
            </td>
          )}
          <td className="money">{formatPence(row.amountRequested)}</td>
          <td className="status">
            <StageTag stage={row.stage} />
          </td>
          {layout === 'wide' ? <td>{formatInstantDay(row.receivedAt)}</td> : null}
        </>
      ) : (
        <td colSpan={span} className="register-loading">
          Loading…
        </td>
      )}
    </tr>
  );
});
