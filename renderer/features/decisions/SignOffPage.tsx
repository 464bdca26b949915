// /rounds/:id/sign-off — the Chief Executive's sign-off of one area of a round: the panels'
// recommended applications in rank order with what each is allocated and its decision, each
// decided on its own page, or every allocated one still undecided approved in one go — each its
// own decision, signed with the Chief Executive's key.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatPence } from '../../../shared/domain/money';
import { call } from '../../app/api';
import { useCatalogue } from '../../app/queries';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { SaveDocumentButton } from '../../components/SaveDocumentButton';
import { slug } from '../moderation/words';
import { ALLOCATION_READS, allocationQuery } from '../allocation/queries';
import { RankedApplication, RankedHeadings } from '../allocation/RankedApplication';
import { useMayCall } from '../session/session-cache';
import { decisionsQuery, decisionWords } from './DecisionSection';
import { readQuery } from '../../app/read-query';
import { SignOffPack } from './SignOffPack';
import '../allocation/allocation.css';
import './sign-off.css';
import { LetterBatch } from '../letters/LetterBatch';

const packQuery = readQuery('decisions.pack', ALLOCATION_READS);

function ApproveRest({ roundId, areaId, count }: { roundId: string; areaId: string; count: number }) {
  const [passphrase, setPassphrase] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  async function approve(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await call('decisions.approveRest', { roundId, areaId, passphrase }, { quiet: true });
    setBusy(false);
    setPassphrase('');
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'passphrase', message: result.error.message }]);
    setProblems([]);
    const { signed, left } = result.value;
    useNotifications
      .getState()
      .push(
        'success',
        `Signed ${signed} ${signed === 1 ? 'decision' : 'decisions'}${left.length ? `; decide ${left.join(', ')} on their pages` : ''}`,
      );
  }
  return (
    <form noValidate onSubmit={(e) => void approve(e)} aria-labelledby="approve-rest-heading" className="panel approve-rest">
      <h2 id="approve-rest-heading">Approve the rest</h2>
      <ErrorSummary problems={problems} idFor={() => 'approve-rest-passphrase'} />
      <p>
        Approves the {count} allocated {count === 1 ? 'application' : 'applications'} not yet decided, each at its allocated amount — with
        the panel’s or the officer’s reason where that is less than requested. Each is its own decision, signed with your key.
      </p>
      <TextField
        id="approve-rest-passphrase"
        label="Your passphrase, to sign"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        error={problems[0]?.message}
        onChange={setPassphrase}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Signing…' : `Approve ${count} at their allocated amounts`}
      </button>
    </form>
  );
}

export function SignOffPage() {
  const { id: roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const may = useMayCall();
  const { rounds } = useCatalogue();
  const round = rounds.find((r) => r.id === roundId);
  const areaId = search.get('area') ?? round?.budgets[0]?.areaId ?? '';
  const workspace = useQuery({ ...allocationQuery({ roundId, areaId }), enabled: areaId !== '' });
  const decisions = useQuery(decisionsQuery({ roundId }));
  const pack = useQuery({ ...packQuery({ roundId, areaId }), enabled: areaId !== '' });
  const view = workspace.data;
  const standing = new Map((decisions.data ?? []).filter((d) => !d.superseded).map((d) => [d.applicationId, d]));
  const rows = view?.rows ?? [];
  const undecided = rows.filter((r) => (r.allocatedPence ?? 0) > 0 && !standing.has(r.applicationId));
  return (
    <Page
      title={view ? `Sign-off: ${view.area.name}` : 'Sign-off'}
      lede={
        view ? `${view.round.name}: the panels’ recommended applications in rank order, each with its allocation and decision.` : undefined
      }
    >
      {(view?.areas.length ?? 0) > 1 ? (
        <SelectField
          id="sign-off-area"
          label="Area"
          className="narrow-20"
          value={areaId}
          options={(view?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v) => setSearch({ area: v })}
        />
      ) : null}
      {!view ? (
        <p role="status">{workspace.isError ? workspace.error.message : 'Loading the sign-off…'}</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to sign off in {view.area.name} yet</h2>
          <p>Applications appear here once a panel has recommended them and the grants officer has allocated them.</p>
        </div>
      ) : (
        <>
          <p className="allocation-total">
            {rows.length} recommended; {formatPence(view.allocatedPence)} allocated of the {formatPence(view.budgetPence ?? 0)} budget;{' '}
            {rows.length - rows.filter((r) => !standing.has(r.applicationId)).length} decided.
          </p>
          <div className="allocation-wrap sign-off">
            <table className="allocation-table">
              <caption className="visually-hidden">
                Recommended applications in {view.area.name}, in rank order, with their decisions
              </caption>
              <thead>
                <tr>
                  <RankedHeadings />
                  <th scope="col" className="money">
                    Allocated
                  </th>
                  <th scope="col" className="money">
                    Budget left after
                  </th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const d = standing.get(r.applicationId);
                  return (
                    <tr key={r.applicationId}>
                      <RankedApplication row={r} />
                      <td data-label="Allocated" className="money">
                        {r.allocatedPence === null ? <span className="muted">Not set</span> : formatPence(r.allocatedPence)}
                        {(r.reason ?? r.panelReason) ? (
                          <span className="cell-note allocation-reason">{r.reason ?? r.panelReason}</span>
                        ) : null}
                      </td>
                      <td data-label="Budget left after" className="money">
                        {r.allocatedPence === null ? <span className="muted">–</span> : formatPence(r.remainingPence)}
                      </td>
                      <td data-label="Decision">
                        {d ? (
                          <>
                            {decisionWords(d)}
                            <span className={`tag ${d.valid ? 'open' : 'withdrawn'}`}>
                              {d.valid ? 'Signed' : 'Signature does not verify'}
                            </span>
                          </>
                        ) : (
                          <span className="muted">Not decided</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pack.data ? (
            <SignOffPack rows={rows} pack={pack.data} budgetPence={view.budgetPence ?? 0} />
          ) : (
            <p role="status">{pack.isError ? pack.error.message : 'Loading the pack…'}</p>
          )}
          {rows.some((r) => standing.get(r.applicationId)?.valid) ? (
            <div className="button-row">
              <SaveDocumentButton
                purpose="pdf"
                fileName={`decision-notice-${slug(`${view.round.name} ${view.area.name}`)}.pdf`}
                write={(file) => call('documents.decisionNotice', { roundId, areaId, file })}
                label="Download the decision notice (PDF)"
                busyLabel="Making the notice…"
                saved="the decision notice"
              />
            </div>
          ) : null}
          <LetterBatch roundId={roundId} areaId={areaId} roundName={view.round.name} areaName={view.area.name} />
          {may('decisions.approveRest') && undecided.length > 0 ? (
            <ApproveRest roundId={roundId} areaId={areaId} count={undecided.length} />
          ) : null}
        </>
      )}
    </Page>
  );
}
