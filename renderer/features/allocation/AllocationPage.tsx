// The allocation workspace (issue 12): one area of a round at a time, its recommended applications
// in the panel's rank order with a running total against the area's budget. "Suggest allocation"
// fills the budget in rank order (asking first where it would replace amounts set by hand); any
// amount can then be changed in its row, with a reason when it is reduced.
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { AllocationRow, AllocationWorkspace } from '../../../shared/contract/allocation';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatPence } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { useCatalogue } from '../../app/queries';
import { ConfirmEffects } from '../../components/ConfirmEffects';
import { useConfirmingSave } from '../../components/confirming-save';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { Page } from '../../components/Page';
import { AllocationRowForm, amountId, reasonId } from './AllocationRowForm';
import { RankedApplication, RankedHeadings } from './RankedApplication';
import { allocationQuery } from './queries';
import './allocation.css';

/** "£41,250.00 of £45,000.00 allocated, £3,750.00 remaining" */
export function summaryText(view: Pick<AllocationWorkspace, 'allocatedPence' | 'budgetPence'>): string {
  const budget = view.budgetPence ?? 0;
  const left = budget - view.allocatedPence;
  return `${formatPence(view.allocatedPence)} of ${formatPence(budget)} allocated, ${
    left >= 0 ? `${formatPence(left)} remaining` : `${formatPence(-left)} over budget`
  }`;
}

function Recommended({ row }: { row: AllocationRow }) {
  if (row.recommendedPence === null) return <span className="muted">No longer recommended</span>;
  return (
    <>
      {formatPence(row.recommendedPence)}
      {row.recommendation === 'fund-lower' ? <span className="cell-note">Lower amount</span> : null}
    </>
  );
}

function Summary({ view }: { view: AllocationWorkspace }) {
  const ceiling = view.ceilingPence;
  return (
    <section className="allocation-summary" aria-labelledby="allocation-summary-line">
      <p id="allocation-summary-line" className="allocation-total">
        {summaryText(view)}
      </p>
      <meter
        className="budget-bar"
        aria-labelledby="allocation-summary-line"
        min={0}
        max={Math.max(ceiling, view.allocatedPence, 1)}
        high={view.budgetPence ?? 0}
        optimum={0}
        value={view.allocatedPence}
      />
      <p className="hint">
        {view.round.tolerancePercent > 0
          ? `With the round’s ${view.round.tolerancePercent}% tolerance, awards may reach ${formatPence(ceiling)}. `
          : ''}
        {view.fund.minAwardPence !== null || view.fund.maxAwardPence !== null
          ? `${view.fund.name} awards ${[
              view.fund.minAwardPence !== null ? `at least ${formatPence(view.fund.minAwardPence)}` : '',
              view.fund.maxAwardPence !== null ? `at most ${formatPence(view.fund.maxAwardPence)}` : '',
            ]
              .filter(Boolean)
              .join(' and ')}. `
          : ''}
        {view.round.totalPence !== null
          ? `The round has ${formatPence(view.round.allocatedPence)} allocated of its ${formatPence(view.round.totalPence)} total (${formatPence(view.allocatedElsewherePence)} in other areas).`
          : `Other areas of the round: ${formatPence(view.allocatedElsewherePence)} allocated.`}
      </p>
    </section>
  );
}

export function AllocationPage() {
  const { id: roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { rounds } = useCatalogue();
  const round = rounds.find((r) => r.id === roundId);
  const areaId = search.get('area') ?? round?.budgets[0]?.areaId ?? '';
  const query = useQuery({ ...allocationQuery({ roundId, areaId }), enabled: areaId !== '' });
  const view = query.data;
  const [rowProblems, setRowProblems] = useState<Record<string, FieldProblem[]>>({});
  const [notice, setNotice] = useState('');
  const suggest = useConfirmingSave(
    (_: null, confirmed: boolean) => call('allocation.suggest', { roundId, areaId, confirmed }, { quiet: true }),
    (done) => {
      setRowProblems({});
      setNotice(
        done.written === 0
          ? 'The suggestion is what is set already: nothing changed.'
          : `Suggested amounts saved for ${done.written} ${done.written === 1 ? 'application' : 'applications'}.`,
      );
    },
  );
  const problems = useMemo(() => [...suggest.problems, ...Object.values(rowProblems).flat()], [suggest.problems, rowProblems]);
  const idFor = (field: string) => {
    const [name, applicationId] = field.split(':');
    if (!applicationId) return 'suggest-allocation';
    return name === 'reason' ? reasonId(applicationId) : amountId(applicationId);
  };
  const areaOptions = (view?.areas ?? round?.budgets.map((b) => ({ id: b.areaId, name: b.areaId })) ?? []).map((a) => ({
    value: a.id,
    label: a.name,
  }));

  return (
    <Page
      title={view ? `Allocation: ${view.area.name}` : 'Allocation'}
      lede={
        view
          ? `${view.round.name}: the panels’ recommended applications in rank order, with what each is allocated against the area’s budget.`
          : undefined
      }
    >
      {areaOptions.length > 1 ? (
        <SelectField
          id="allocation-area"
          label="Area"
          className="narrow-20"
          value={areaId}
          options={areaOptions}
          onChange={(v) => {
            setRowProblems({});
            setNotice('');
            setSearch({ area: v });
          }}
        />
      ) : null}
      {areaId === '' ? (
        <p>This round has no budget for any area yet: give each area its budget on the round form first.</p>
      ) : !view ? (
        query.isError ? (
          <div className="panel warning">
            <p>The allocation could not be loaded: {query.error.message}</p>
          </div>
        ) : (
          <p role="status">Loading the allocation…</p>
        )
      ) : (
        <>
          <ErrorSummary problems={problems} idFor={idFor} />
          {view.breach ? (
            <div className="panel warning" role="alert">
              <h2>Over budget from two laptops</h2>
              <p>
                Amounts set on two laptops at the same time take {view.area.name} to {formatPence(view.breach.totalPence)}, over what it may
                reach ({formatPence(view.breach.limitPence)}). Every amount is kept: lower one or more below so the area fits again.
              </p>
            </div>
          ) : null}
          <Summary view={view} />
          <ConfirmEffects
            pending={suggest.pending}
            busy={suggest.saving}
            onConfirm={() => void suggest.save(null, true)}
            onCancel={suggest.withdraw}
            backTo="suggest-allocation"
            intro="The suggestion would replace amounts already set:"
            back="Keep the amounts set"
          />
          {view.mayAllocate && view.rows.length > 0 ? (
            <div className="button-row">
              <button
                id="suggest-allocation"
                type="button"
                className="button"
                disabled={suggest.saving}
                onClick={() => void suggest.save(null)}
              >
                {suggest.saving ? 'Suggesting…' : 'Suggest allocation'}
              </button>
              <span className="hint">Fills the budget in rank order, within the fund’s minimum and maximum awards.</span>
            </div>
          ) : null}
          <p role="status" className="register-count">
            {notice}
          </p>
          {view.rows.length === 0 ? (
            <div className="empty-state">
              <h2>No recommended applications yet</h2>
              <p>
                Applications appear here once their panel’s chair has recommended them for funding in moderation.{' '}
                <Link to="/panels">See the panels</Link>.
              </p>
            </div>
          ) : (
            <div className="allocation-wrap">
              <table className="allocation-table">
                <caption className="visually-hidden">Recommended applications in {view.area.name}, in rank order</caption>
                <thead>
                  <tr>
                    <RankedHeadings />
                    <th scope="col" className="money">
                      Recommended
                    </th>
                    <th scope="col" className="money">
                      Allocated
                    </th>
                    <th scope="col" className="money">
                      Running total
                    </th>
                    <th scope="col" className="money">
                      Remaining
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((r) => (
                    <tr key={r.applicationId}>
                      <RankedApplication row={r} />
                      <td data-label="Recommended" className="money">
                        <Recommended row={r} />
                      </td>
                      <td data-label="Allocated" className="money allocated">
                        {view.mayAllocate ? (
                          <AllocationRowForm
                            key={`${r.allocatedPence}:${r.reason}`}
                            row={r}
                            problems={rowProblems[r.applicationId] ?? []}
                            onProblems={(id, p) => setRowProblems((held) => ({ ...held, [id]: p }))}
                            onSaved={(row, amount) => setNotice(`${row.reference}: ${formatPence(amount)} saved.`)}
                          />
                        ) : r.allocatedPence === null ? (
                          <span className="muted">Not set</span>
                        ) : (
                          formatPence(r.allocatedPence)
                        )}
                        {!view.mayAllocate && r.reason ? <span className="cell-note allocation-reason">{r.reason}</span> : null}
                      </td>
                      <td data-label="Running total" className="money">
                        {formatPence(r.runningPence)}
                      </td>
                      <td data-label="Remaining" className={`money${r.remainingPence < 0 ? ' over-budget' : ''}`}>
                        {r.remainingPence < 0 ? `${formatPence(-r.remainingPence)} over` : formatPence(r.remainingPence)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
