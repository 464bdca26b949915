// The application's key facts beside the criteria: what a member weighs while scoring — the
// summary, the money and its budget, the Plan priorities it names, its outcomes and how they will
// be measured, who benefits, and when. Never the contact details: a panel needs the project.
import { memo } from 'react';
import type { ApplicationDetail } from '../../../shared/contract/applications';
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES } from '../../../shared/domain/catalogue';
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { BudgetTable } from '../../components/BudgetTable';

/** Drawn again only when the application changes, not at each score. */
export const KeyFacts = memo(function KeyFacts({ application: a }: { application: ApplicationDetail }) {
  return (
    <div className="key-facts">
      <h2 id="key-facts-title">The application</h2>
      <p className="prose key-summary">{a.summary}</p>
      <dl className="facts-list">
        <dt>Amount requested</dt>
        <dd className="num">{formatPence(a.amountRequested)}</dd>
        <dt>Organisation</dt>
        <dd>
          {a.organisationName}
          <span className="facts-aside"> · {ORGANISATION_TYPES[a.organisationType]}</span>
        </dd>
        <dt>Area</dt>
        <dd>
          {a.areaName}
          {a.inImpactArea ? <span className="facts-aside"> · in an Impact Area</span> : null}
        </dd>
        <dt>Dates</dt>
        <dd>
          <span className="nowrap">{formatDate(a.startDate)}</span> to <span className="nowrap">{formatDate(a.endDate)}</span>
        </dd>
      </dl>

      <BudgetTable lines={a.budgetLines} className="facts-table" />

      <h3>Plan priorities</h3>
      {a.priorities.length > 0 ? (
        <ul className="facts-bullets">
          {a.priorities.map((p) => (
            <li key={p.id}>
              <span className="priority-code">{p.code}</span> {p.title}
            </li>
          ))}
        </ul>
      ) : (
        <p>None chosen.</p>
      )}

      <h3>Outcomes and how they will be measured</h3>
      <ul className="facts-bullets">
        {a.outcomes.map((o, i) => (
          <li key={i}>
            {o.outcome}
            <span className="facts-measure">Measured by: {o.measure}</span>
          </li>
        ))}
      </ul>

      <h3>Beneficiaries</h3>
      <p>
        <span className="num">{a.expectedBeneficiaries.toLocaleString('en-GB')}</span> expected:{' '}
        {a.beneficiaryGroups.map((g) => BENEFICIARY_GROUPS[g]).join(', ')}
      </p>

      {a.sustainability ? (
        <>
          <h3>After the grant</h3>
          <p className="prose">{a.sustainability}</p>
        </>
      ) : null}
    </div>
  );
});
