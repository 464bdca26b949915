// Screening a whole round on one screen, by keyboard: a row per application with its automatic
// checks already made; J/K or the arrow keys move between rows, Enter opens a row's checks, E
// confirms a row eligible when everything checked passes, and each answer is saved as an event.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { ScreeningRow } from '../../../shared/contract/screening';
import { formatPence } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { Page } from '../../components/Page';
import { useMayCall } from '../session/session-cache';
import { roundScreeningQuery } from './queries';
import { ScreeningForm } from './ScreeningForm';

type Show = 'all' | 'unscreened' | 'ineligible' | 'disputed';
const SHOW: Record<Show, string> = { all: 'All', unscreened: 'Not screened', ineligible: 'Not eligible', disputed: 'Screened differently' };

const shown = (show: Show) => (r: ScreeningRow) =>
  show === 'all' ||
  (show === 'unscreened' && !r.standing) ||
  (show === 'ineligible' && r.standing?.result === 'ineligible') ||
  (show === 'disputed' && r.disputed.length > 0);

const rowButton = (applicationId: string) => `screen-row-${applicationId}`;

export function ScreeningStatus({ row }: { row: ScreeningRow }) {
  if (row.disputed.length > 0) return <span className="tag disputed">Screened differently</span>;
  if (!row.standing) return <span className="tag unscreened">Not screened</span>;
  return row.standing.result === 'eligible' ? (
    <span className="tag eligible">Eligible</span>
  ) : (
    <span className="tag ineligible">Not eligible</span>
  );
}

export function ScreeningPage() {
  const { id = '' } = useParams();
  const query = useQuery(roundScreeningQuery({ roundId: id }));
  const may = useMayCall()('screening.record');
  const [show, setShow] = useState<Show>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const data = query.data;
  const rows = (data?.rows ?? []).filter(shown(show));

  // After a save, focus the row the officer moves on to, once the list shows it.
  useEffect(() => {
    if (!focusNext) return;
    const el = document.getElementById(rowButton(focusNext));
    if (el) {
      el.focus();
      setFocusNext(null);
    }
  }, [focusNext, data, show]);

  /** The row after this one in the list as shown now, or this one if it is last. */
  const after = (applicationId: string) => {
    const i = rows.findIndex((r) => r.applicationId === applicationId);
    return rows[i + 1]?.applicationId ?? rows[i - 1]?.applicationId ?? null;
  };

  async function confirmEligible(row: ScreeningRow) {
    if (!data) return;
    if (row.automatic.some((a) => !a.passed)) {
      setNotice(`${row.reference} fails a check made from the application — open it with Enter to screen it.`);
      return setOpen(row.applicationId);
    }
    const next = after(row.applicationId);
    const saved = await call('screening.record', {
      applicationId: row.applicationId,
      officerAnswers: data.officerChecks.map(() => true),
      overrides: [],
    });
    if (saved.ok) {
      setNotice(`${row.reference} screened: eligible.`);
      setFocusNext(next ?? row.applicationId);
    }
  }

  function keys(e: KeyboardEvent<HTMLTableSectionElement>, row: ScreeningRow) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const i = rows.findIndex((r) => r.applicationId === row.applicationId);
    const move = (to: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (target) document.getElementById(rowButton(target.applicationId))?.focus();
    };
    const moves: Record<string, number> = { j: i + 1, ArrowDown: i + 1, k: i - 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      move(to);
    } else if ((e.key === 'e' || e.key === 'E') && may) {
      e.preventDefault();
      void confirmEligible(row);
    }
  }

  if (query.isError) {
    return (
      <Page title="Screen eligibility">
        <p>
          That round could not be read. <Link to="/rounds">Choose a round</Link>.
        </p>
      </Page>
    );
  }
  if (!data) {
    return (
      <Page title="Screen eligibility">
        <p role="status">Loading the round’s applications…</p>
      </Page>
    );
  }
  const { counts } = data;
  return (
    <Page
      title={`Screen eligibility: ${data.roundName}`}
      lede={
        <>
          Each application against the {data.fundName}’s checklist. The checks made from the application are already filled in; confirm the
          rest row by row. Spending window: {data.spendingWindow ?? 'none set for this round'}.
        </>
      }
    >
      <div className="screen-progress">
        <p id="screen-progress-text">
          <strong>
            {counts.screened.toLocaleString('en-GB')} of {counts.applications.toLocaleString('en-GB')} screened
          </strong>
          {' — '}
          {counts.eligible.toLocaleString('en-GB')} eligible, {counts.ineligible.toLocaleString('en-GB')} not eligible
          {counts.disputed > 0 ? `, ${counts.disputed.toLocaleString('en-GB')} screened differently on two laptops` : ''}
        </p>
        <progress aria-labelledby="screen-progress-text" max={Math.max(1, counts.applications)} value={counts.screened} />
      </div>
      <fieldset className="screen-filter">
        <legend>Show</legend>
        {(Object.keys(SHOW) as Show[]).map((s) => (
          <span key={s} className="radio-option">
            <input id={`screen-show-${s}`} type="radio" name="screen-show" checked={show === s} onChange={() => setShow(s)} />
            <label htmlFor={`screen-show-${s}`}>{SHOW[s]}</label>
          </span>
        ))}
      </fieldset>
      <p className="hint" id="screen-keys">
        Keys: <kbd>J</kbd> or <kbd>↓</kbd> next application, <kbd>K</kbd> or <kbd>↑</kbd> previous, <kbd>Enter</kbd> open its checks
        {may ? (
          <>
            , <kbd>E</kbd> confirm eligible (when every check made from the application passes and the answer to each of the fund’s checks
            is yes)
          </>
        ) : null}
        .
      </p>
      <p role="status" className="screen-notice">
        {notice}
      </p>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>
            {data.rows.length === 0
              ? 'No applications in this round yet — import or enter them first.'
              : `No applications to show under “${SHOW[show]}”.`}
          </p>
        </div>
      ) : (
        <div className="screen-wrap">
          <table className="screen-table">
            <caption className="visually-hidden">Applications in {data.roundName}, by reference</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Organisation</th>
                <th scope="col" className="money">
                  Amount
                </th>
                <th scope="col">Checked from the application</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            {rows.map((row) => {
              const failed = row.automatic.filter((a) => !a.passed);
              const isOpen = open === row.applicationId;
              return (
                <tbody key={row.applicationId} onKeyDown={(e) => (isOpen ? undefined : keys(e, row))}>
                  <tr className={isOpen ? 'open-row' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        id={rowButton(row.applicationId)}
                        className="link-button"
                        aria-expanded={isOpen}
                        aria-describedby="screen-keys"
                        onClick={() => setOpen(isOpen ? null : row.applicationId)}
                      >
                        {row.reference}
                        <span className="visually-hidden">: {row.organisationName}</span>
                      </button>
                    </th>
                    <td data-label="Organisation">
                      {row.organisationName}
                      <span className="hint">{row.projectTitle}</span>
                    </td>
                    <td data-label="Amount" className="money">
                      {formatPence(row.amountRequested)}
                    </td>
                    <td data-label="Checked from the application">
                      {failed.length === 0 ? (
                        <span className="check-pass">
                          <span aria-hidden="true">✓ </span>All {row.automatic.length} pass
                        </span>
                      ) : (
                        <ul className="check-list compact">
                          {failed.map((a) => (
                            <li key={a.check} className="check-fail">
                              <span aria-hidden="true">✗ </span>Fails: {a.label}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-label="Result">
                      <ScreeningStatus row={row} />
                      {row.standing?.checks.some((c) => c.overrideReason) ? <span className="hint">A check set aside</span> : null}
                    </td>
                  </tr>
                  {isOpen ? (
                    <tr className="screen-form-row">
                      <td colSpan={5}>
                        {may ? (
                          <ScreeningForm
                            row={row}
                            checks={data.officerChecks}
                            onCancel={() => {
                              setOpen(null);
                              setFocusNext(row.applicationId);
                            }}
                            onSaved={() => {
                              setNotice(`${row.reference} screened.`);
                              setOpen(null);
                              setFocusNext(after(row.applicationId) ?? row.applicationId);
                            }}
                          />
                        ) : (
                          <StandingView row={row} />
                        )}
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </Page>
  );
}

/** For someone who reads but does not screen: what stands. */
function StandingView({ row }: { row: ScreeningRow }) {
  const s = row.standing;
  if (!s) return <p>Not screened yet.</p>;
  return (
    <div className="screen-form">
      <p>
        Screened by {s.by} on {s.on}.
      </p>
      <ul className="check-list">
        {s.checks.map((c) => (
          <li key={c.id} className={c.passed ? 'check-pass' : 'check-fail'}>
            <span aria-hidden="true">{c.passed ? '✓' : '✗'} </span>
            {c.passed ? 'Passes' : 'Fails'}: {c.question}
            {c.overrideReason ? ` — set aside: ${c.overrideReason}` : ''}
          </li>
        ))}
      </ul>
      {s.toldApplicant ? <p>The applicant is told: “{s.toldApplicant}”</p> : null}
    </div>
  );
}
