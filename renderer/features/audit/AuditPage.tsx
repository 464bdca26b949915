// /audit — the audit trail: who did what, when and on which laptop, newest first, filtered by
// person, application (its reference) and kind of change, kept in the address; each Chief
// Executive's decision tagged "Signature valid" or "Signature invalid" with why; and a check of the
// whole log (every laptop's hash chain, signed heads, decisions' signatures).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_KINDS, AUDIT_KIND_IDS, type AuditCheck, type AuditRow } from '../../../shared/contract/audit';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { CallFailed } from '../../app/query-client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { peopleQuery } from '../people/queries';
import { filtersFromParams, paramsFromFilters, queryFromFilters, type AuditFilters } from './audit-filters';
import { auditTrailQuery } from './queries';
import './audit.css';

const FIELD_IDS: Record<string, string> = { personId: 'audit-person', reference: 'audit-reference', kind: 'audit-kind' };
const idFor = (field: string) => FIELD_IDS[field] ?? 'audit-reference';

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const applied = filtersFromParams(params);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  // The address changed (back, forward, a link from an application): the form follows it.
  const [shown, setShown] = useState(params.toString());
  if (shown !== params.toString()) {
    setShown(params.toString());
    setDraft(applied);
  }
  const trail = useInfiniteQuery(auditTrailQuery(queryFromFilters(applied)));
  const failure = trail.error instanceof CallFailed ? trail.error.error : null;
  const problems: FieldProblem[] = failure?.details ?? [];
  const problemAt = (field: string) => problems.find((p) => p.field === field)?.message;
  const filtered = Boolean(applied.personId || applied.reference || applied.kind);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(paramsFromFilters(draft));
  };
  const clear = () => {
    const none: AuditFilters = { personId: '', reference: '', kind: '' };
    setDraft(none);
    setParams(new URLSearchParams());
  };
  const rows = trail.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Page title="Audit trail" lede="Who changed what, when and on which laptop, newest first — and whether the record still holds.">
      <ErrorSummary problems={problems} idFor={idFor} />
      <WholeLogCheck />
      <AuditFilterForm draft={draft} setDraft={setDraft} onSubmit={apply} onClear={clear} filtered={filtered} problemAt={problemAt} />
      {trail.isPending ? (
        <p role="status">Loading the audit trail…</p>
      ) : failure && problems.length === 0 ? (
        <div className="panel warning" role="alert">
          {failure.message}
        </div>
      ) : problems.length > 0 ? null : rows.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? 'No changes match these filters.' : 'Nothing has been recorded on this laptop yet.'}</p>
          {filtered ? (
            <button type="button" className="button secondary" onClick={clear}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <p className="audit-count" role="status">
            Showing the {rows.length.toLocaleString('en-GB')} most recent {rows.length === 1 ? 'change' : 'changes'}
            {filtered ? ' that match' : ''}
          </p>
          <div className="audit-wrap">
            <table className="audit-table">
              <caption className="visually-hidden">Changes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Laptop</th>
                  <th scope="col">Kind</th>
                  <th scope="col">What</th>
                  <th scope="col">Application</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <AuditTableRow key={r.id} row={r} />
                ))}
              </tbody>
            </table>
          </div>
          {trail.hasNextPage ? (
            <div className="button-row">
              <button
                type="button"
                className="button secondary"
                onClick={() => void trail.fetchNextPage()}
                disabled={trail.isFetchingNextPage}
              >
                {trail.isFetchingNextPage ? 'Loading older changes…' : 'Show older changes'}
              </button>
            </div>
          ) : (
            <p className="audit-end">That is the first change recorded{filtered ? ' that matches' : ''}.</p>
          )}
        </>
      )}
    </Page>
  );
}

function AuditFilterForm({
  draft,
  setDraft,
  onSubmit,
  onClear,
  filtered,
  problemAt,
}: {
  draft: AuditFilters;
  setDraft: (f: AuditFilters) => void;
  onSubmit: (e: FormEvent) => void;
  onClear: () => void;
  filtered: boolean;
  problemAt: (field: string) => string | undefined;
}) {
  const people = useQuery(peopleQuery({}));
  return (
    <search aria-label="Filter the audit trail">
      <form className="audit-filters" onSubmit={onSubmit} noValidate>
        <SelectField
          id="audit-person"
          label="Person"
          value={draft.personId}
          onChange={(personId) => setDraft({ ...draft, personId })}
          placeholder="Anyone"
          options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          error={problemAt('personId')}
        />
        <TextField
          id="audit-reference"
          label="Application reference"
          hint="As in the register, like ACF-2026-0006"
          value={draft.reference}
          onChange={(reference) => setDraft({ ...draft, reference })}
          error={problemAt('reference')}
        />
        <SelectField
          id="audit-kind"
          label="Kind of change"
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind: kind as AuditFilters['kind'] })}
          placeholder="Any kind"
          options={AUDIT_KIND_IDS.map((k) => ({ value: k, label: AUDIT_KINDS[k] }))}
          error={problemAt('kind')}
        />
        <div className="button-row audit-filter-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          {filtered ? (
            <button type="button" className="button secondary" onClick={onClear}>
              Clear filters
            </button>
          ) : null}
        </div>
      </form>
    </search>
  );
}

function AuditTableRow({ row }: { row: AuditRow }) {
  return (
    <tr>
      <td data-label="When">
        <time dateTime={row.at}>{formatInstant(row.at)}</time>
      </td>
      <td data-label="Who">{row.by}</td>
      <td data-label="Laptop">{row.on}</td>
      <td data-label="Kind">{row.kindNoun}</td>
      <td data-label="What" className="audit-what">
        {row.what.length === 1 ? (
          <p>{row.what[0]}</p>
        ) : (
          <ul>
            {row.what.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {row.signature ? (
          row.signature.valid ? (
            <span className="tag eligible">Signature valid</span>
          ) : (
            <p className="audit-invalid">
              <span className="tag ineligible">Signature invalid</span> {row.signature.problem}
            </p>
          )
        ) : null}
      </td>
      <td data-label="Application">
        {row.application ? (
          <>
            <Link to={`/applications/${row.application.id}`}>{row.application.reference}</Link>
            <span className="audit-organisation">{row.application.organisation}</span>
          </>
        ) : (
          <span className="visually-hidden">None</span>
        )}
      </td>
    </tr>
  );
}

/** "Check the whole log": runs audit.verify when asked and says OK or the first broken link. */
function WholeLogCheck() {
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const result = await call('audit.verify', {});
    setBusy(false);
    if (result.ok) setCheck(result.value);
  };
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  return (
    <section className="audit-check" aria-labelledby="audit-check-title">
      <h2 id="audit-check-title">The whole log</h2>
      <p>Checks every laptop’s chain of changes, every signed head this laptop keeps, and every decision’s signature.</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => void run()} disabled={busy}>
          {busy ? 'Checking…' : 'Check the whole log'}
        </button>
      </div>
      <div role="status">
        {check ? (
          check.ok ? (
            <p className="audit-check-ok">
              <span className="tag eligible">OK</span> {n(check.events, 'change', 'changes')} from {n(check.laptops, 'laptop', 'laptops')},{' '}
              {n(check.heads, 'signed head', 'signed heads')} and {n(check.decisions, 'decision', 'decisions')}: every link holds.
            </p>
          ) : (
            <p className="audit-check-broken">
              <span className="tag ineligible">Broken</span> The first broken link: {check.firstProblem}
              {check.problems > 1 ? ` (and ${n(check.problems - 1, 'more problem', 'more problems')})` : ''}
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}
