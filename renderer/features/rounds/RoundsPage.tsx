// Every round at a glance: its fund and plan, dates, status, and how much is asked against its budget.
import { Link } from 'react-router';
import type { Plan } from '../../../shared/domain/catalogue';
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { useCatalogue } from '../../app/queries';
import { Page } from '../../components/Page';
import { Tag } from '../../components/Tag';
import { useMayCall } from '../session/session-cache';

/** "2025–2029", read out in full as the plan's name. */
function PlanYears({ name, plan }: { name: string; plan: Plan | undefined }) {
  if (!plan) return <>{name}</>;
  return (
    <>
      <span className="visually-hidden">{name.replace(/\s*\d{4}.*$/, '')} </span>
      {plan.startYear}–{plan.endYear}
    </>
  );
}

export function RoundsPage() {
  // Counts and sums change whenever applications arrive: the rounds query reads the applications table.
  const { rounds, plans, loaded } = useCatalogue();
  const may = useMayCall();
  const editable = may('rounds.create');
  const mayReadRubric = may('rubrics.get');
  const mayAllocate = may('allocation.set');

  return (
    <Page
      title="Rounds"
      lede="Each round is a call for applications to one fund, with a budget for each area."
      actions={
        editable ? (
          <Link className="button" to="/rounds/new">
            New round
          </Link>
        ) : null
      }
    >
      {!loaded ? (
        <p role="status">Loading rounds…</p>
      ) : rounds.length === 0 ? (
        <div className="empty-state">
          <h2>No rounds yet</h2>
          <p>
            A round opens a fund for applications — for example the Active Citizens Fund from October to December — and gives each area its
            budget. Applications are imported or entered into a round, and panels score them against the round’s Police and Crime Plan.
          </p>
          <p hidden={!editable}>
            <Link to="/rounds/new">Set up a new round</Link>, or <Link to="/applications">load the demo round</Link> from the Applications
            page to try GrantPanel with invented applications.
          </p>
        </div>
      ) : (
        <div className="rounds-wrap">
          <table className="rounds-table">
            <caption className="visually-hidden">Rounds, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Fund</th>
                <th scope="col">Plan</th>
                <th scope="col">Dates</th>
                <th scope="col">Status</th>
                <th scope="col" className="money">
                  Applications
                </th>
                <th scope="col" className="money">
                  Requested
                </th>
                <th scope="col" className="money">
                  Budget
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {/* The name opens the round's applications in the register: that is the work a grants
                        officer comes to a round for, and what the register's Round filter shows. Changing
                        the round's own dates or budgets is the rarer task, so it has its own Edit link. */}
                    <Link to={`/applications?round=${encodeURIComponent(r.id)}`}>{r.name}</Link>
                  </th>
                  <td data-label="Fund">{r.fundName}</td>
                  <td data-label="Plan" className="nowrap">
                    <PlanYears name={r.planName} plan={plans.find((p) => p.id === r.planId)} />
                  </td>
                  <td data-label="Dates">
                    {/* Each date whole, the pair free to wrap: the table fits a 1366-pixel screen. */}
                    <span className="nowrap">{formatDate(r.opens)}</span> – <span className="nowrap">{formatDate(r.closes)}</span>
                  </td>
                  <td data-label="Status">
                    <Tag status={r.status} />
                  </td>
                  <td data-label="Applications" className="money">
                    <Link to={`/applications?round=${encodeURIComponent(r.id)}`}>
                      {r.applicationCount.toLocaleString('en-GB')}
                      <span className="visually-hidden"> applications in {r.name}</span>
                    </Link>
                    {/* The register lists withdrawn applications too: say how many, so its count adds up. */}
                    {r.withdrawnCount > 0 ? <span className="hint"> + {r.withdrawnCount.toLocaleString('en-GB')} withdrawn</span> : null}
                  </td>
                  <td
                    data-label="Requested"
                    className={`money${r.budgetPence > 0 && r.requestedPence > r.budgetPence ? ' over-budget' : ''}`}
                  >
                    {formatPence(r.requestedPence)}
                    {r.budgetPence > 0 && r.requestedPence > r.budgetPence ? (
                      <span className="visually-hidden"> (more than the budget)</span>
                    ) : null}
                  </td>
                  <td data-label="Budget" className="money">
                    {r.budgetPence > 0 ? formatPence(r.budgetPence) : 'No budget set'}
                  </td>
                  <td className="actions">
                    <Link to={`/rounds/${encodeURIComponent(r.id)}/screening`}>
                      Screen eligibility<span className="visually-hidden"> for {r.name}</span>
                    </Link>
                    {editable ? (
                      <>
                        {' '}
                        <Link to={`/rounds/${encodeURIComponent(r.id)}/edit`}>
                          Edit<span className="visually-hidden"> {r.name}</span>
                        </Link>
                      </>
                    ) : null}
                    {/* The rubric its panels score against: edited by those who manage panels, read by the rest. */}
                    {mayReadRubric ? (
                      <Link to={`/rounds/${encodeURIComponent(r.id)}/rubric`} className="rubric-link">
                        Rubric<span className="visually-hidden"> for {r.name}</span>
                      </Link>
                    ) : null}
                    {/* Amounts for the panels' recommendations, within each area's budget. */}
                    {mayAllocate ? (
                      <Link to={`/rounds/${encodeURIComponent(r.id)}/allocation`} className="rubric-link">
                        Allocate<span className="visually-hidden"> {r.name}</span>
                      </Link>
                    ) : null}
                    {/* The Chief Executive's decisions on what is allocated. */}
                    {may('decisions.list') ? (
                      <Link to={`/rounds/${encodeURIComponent(r.id)}/sign-off`} className="rubric-link">
                        Sign-off<span className="visually-hidden"> of {r.name}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
