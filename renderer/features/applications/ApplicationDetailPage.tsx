// One application, read in full: summary lists grouped as the applicant filled them in, the
// contact details set apart as personal data, a way to edit it, withdrawal and reinstatement each
// with a recorded reason, and its history from the event log.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES } from '../../../shared/domain/catalogue';
import { formatDate, formatInstant } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { Tag } from '../../components/Tag';
import { StageTag } from '../../components/StageTag';
import { StatusChangeForm } from './StatusChangeForm';
import { HistorySection } from './HistorySection';
import { applicationQuery } from './queries';
import { useMayCall } from '../session/session-cache';
import { ApplicationPanelSection } from '../panels/ApplicationPanelSection';
import { DecisionSection } from '../decisions/DecisionSection';
import { OfferSection } from '../decisions/OfferSection';
import { BudgetTable } from '../../components/BudgetTable';

export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  // Back to the register as the officer left it: same filters, same sort.
  const registerSearch = (location.state as { register?: string } | null)?.register ?? '';
  const application = useQuery(applicationQuery({ id }));
  const may = useMayCall();
  const [withdrawing, setWithdrawing] = useState(false);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const [reinstating, setReinstating] = useState(false);
  const reinstateButton = useRef<HTMLButtonElement>(null);
  // Where focus lands once a form has closed: in the commit that closed it, never a frame later —
  // a late focus would take it from whatever the officer opened next.
  const [focusAfter, setFocusAfter] = useState<'status' | 'withdraw' | 'reinstate' | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    ({ status: statusHeading, withdraw: withdrawButton, reinstate: reinstateButton })[focusAfter].current?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  const back = (
    <Link className="back-link" to={`/applications${registerSearch}`}>
      Back to applications
    </Link>
  );

  if (!application.data) {
    return (
      <>
        {back}
        <Page title={application.error?.error.code === 'NOT_FOUND' ? 'Application not found' : 'Application'}>
          <p role="status">{application.isPending ? 'Loading the application…' : application.error?.message}</p>
        </Page>
      </>
    );
  }

  const a = application.data;
  return (
    <>
      {back}
      <Page
        title={a.projectTitle}
        lede={
          <>
            <span className="detail-reference">{a.reference}</span> · {a.organisationName} · <StageTag stage={a.stage} />
            {a.screening?.disputed ? (
              <>
                {' '}
                <Tag status="disputed" />
              </>
            ) : null}
          </>
        }
        actions={
          !may('applications.update') ? null : a.status !== 'withdrawn' && !withdrawing ? (
            <>
              <Link className="button" to={`/applications/${encodeURIComponent(a.id)}/edit`} state={location.state}>
                Edit application
              </Link>
              <button type="button" className="button secondary" ref={withdrawButton} onClick={() => setWithdrawing(true)}>
                Withdraw application
              </button>
            </>
          ) : a.status === 'withdrawn' && !reinstating ? (
            <button type="button" className="button secondary" ref={reinstateButton} onClick={() => setReinstating(true)}>
              Reinstate application
            </button>
          ) : null
        }
      >
        {a.openConflicts > 0 ? (
          <div className="panel warning" role="status">
            Two laptops changed this application differently.{' '}
            <Link to="/conflicts">
              Choose which version to keep on the Conflicts screen ({a.openConflicts} {a.openConflicts === 1 ? 'conflict' : 'conflicts'})
            </Link>
            .
          </div>
        ) : null}
        {a.rulesNotice ? (
          <div className="panel warning" role="note" aria-label="The fund’s rules have changed">
            {a.rulesNotice}
          </div>
        ) : null}
        {/* Once withdrawn the form goes in the same render as the status changes, not one after. */}
        {withdrawing && a.status !== 'withdrawn' ? (
          <StatusChangeForm
            change="withdraw"
            application={a}
            onCancel={() => {
              setWithdrawing(false);
              setFocusAfter('withdraw');
            }}
            onDone={() => {
              // The withdrawal's answer has refetched this application already.
              setWithdrawing(false);
              // The form and its button are gone: land on the status that changed.
              setFocusAfter('status');
            }}
          />
        ) : null}
        {reinstating && a.status === 'withdrawn' ? (
          <StatusChangeForm
            change="reinstate"
            application={a}
            onCancel={() => {
              setReinstating(false);
              setFocusAfter('reinstate');
            }}
            onDone={() => {
              setReinstating(false);
              setFocusAfter('status');
            }}
          />
        ) : null}

        <h2 ref={statusHeading} tabIndex={-1}>
          Status
        </h2>
        <SummaryList
          rows={[
            ['Status', <StageTag key="status" stage={a.stage} />],
            ['Date received', a.receivedOn ? formatDate(a.receivedOn) : formatInstant(a.receivedAt)],
            ['Entered in the register', formatInstant(a.receivedAt)],
            ['Round', a.roundName],
            [
              'Eligibility',
              <span key="eligibility">
                {a.screening ? <Tag status={a.screening.disputed ? 'disputed' : a.screening.result} /> : <Tag status="unscreened" />}{' '}
                <Link to={`/rounds/${encodeURIComponent(a.roundId)}/screening`}>Screen eligibility for {a.roundName}</Link>
              </span>,
            ],
            ...(a.screening?.result === 'ineligible'
              ? ([
                  [
                    'The applicant is told',
                    <span key="told" className="prose">
                      {a.screening.toldApplicant}
                    </span>,
                  ],
                ] as const)
              : []),
            ...(a.screening?.setAside.length
              ? ([
                  [
                    'Checks set aside',
                    <ul key="aside" className="plain-list">
                      {a.screening.setAside.map((x) => (
                        <li key={x.question}>
                          {x.question}: {x.reason}
                        </li>
                      ))}
                    </ul>,
                  ],
                ] as const)
              : []),
            ...(a.status === 'withdrawn' && a.withdrawnReason
              ? ([
                  [
                    'Reason for withdrawal',
                    <span key="reason" className="prose">
                      {a.withdrawnReason}
                    </span>,
                  ],
                ] as const)
              : []),
          ]}
        />

        {may('panels.assign') ? (
          <ApplicationPanelSection
            applicationId={a.id}
            reference={a.reference}
            roundId={a.roundId}
            notScored={a.status === 'withdrawn' || (a.screening?.result === 'ineligible' && !a.screening.disputed)}
          />
        ) : null}

        <DecisionSection applicationId={a.id} roundId={a.roundId} requested={a.amountRequested} withdrawn={a.status === 'withdrawn'} />
        <OfferSection applicationId={a.id} withdrawn={a.status === 'withdrawn'} />

        <h2>Organisation</h2>
        <SummaryList
          rows={[
            ['Name', a.organisationName],
            ['Type', ORGANISATION_TYPES[a.organisationType]],
            ['Charity number', a.charityNumber || 'None given'],
            ['Company number', a.companyNumber || 'None given'],
            ['Properly constituted', yesNo(a.constituted)],
            ['Bank account with two signatories', yesNo(a.bankTwoSignatories)],
          ]}
        />

        <h2>Contact (personal data)</h2>
        {a.contactHidden ? (
          <p>Contact details are shown only to grants officers.</p>
        ) : a.contactHeld ? (
          <SummaryList
            rows={[
              ['Name', a.contactName],
              ['Email', a.contactEmail],
              ['Phone', a.contactPhone || 'None given'],
            ]}
          />
        ) : (
          <p>This laptop does not hold the applicant’s contact details. The grants office holds them.</p>
        )}

        <h2>Project</h2>
        <SummaryList
          rows={[
            ['Fund', a.fundName],
            ['Area', a.areaName],
            ['In an Impact Area', yesNo(a.inImpactArea)],
            ['Starts', formatDate(a.startDate)],
            ['Ends', formatDate(a.endDate)],
            [
              'Summary',
              <span key="summary" className="prose">
                {a.summary}
              </span>,
            ],
            [
              'Sustainability',
              a.sustainability ? (
                <span key="sustainability" className="prose">
                  {a.sustainability}
                </span>
              ) : (
                'None given'
              ),
            ],
          ]}
        />

        <h2>Money</h2>
        <SummaryList
          rows={[
            [
              'Amount requested',
              <span key="amount" className="num">
                {formatPence(a.amountRequested)}
              </span>,
            ],
          ]}
        />
        <BudgetTable lines={a.budgetLines} className="detail-table" />

        <h2>Plan priorities</h2>
        {a.priorities.length > 0 ? (
          <ul className="detail-list">
            {a.priorities.map((p) => (
              <li key={p.id}>
                {p.code} — {p.title}
              </li>
            ))}
          </ul>
        ) : (
          <p>None chosen.</p>
        )}

        <h2>Beneficiaries</h2>
        <SummaryList
          rows={[
            [
              'Groups',
              <ul key="groups" className="detail-list">
                {a.beneficiaryGroups.map((g) => (
                  <li key={g}>{BENEFICIARY_GROUPS[g]}</li>
                ))}
              </ul>,
            ],
            [
              'Expected number',
              <span key="expected" className="num">
                {a.expectedBeneficiaries.toLocaleString('en-GB')}
              </span>,
            ],
          ]}
        />

        <h2>Outcomes</h2>
        <table className="detail-table">
          <caption className="visually-hidden">Outcomes and how each will be measured</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">How it will be measured</th>
            </tr>
          </thead>
          <tbody>
            {a.outcomes.map((o, i) => (
              <tr key={i}>
                <td>{o.outcome}</td>
                <td>{o.measure}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <HistorySection id={a.id} />
      </Page>
    </>
  );
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** A GOV.UK summary list: each value is React text or elements, never HTML from the data. */
