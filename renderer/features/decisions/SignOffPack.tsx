// The sign-off pack, read below the rank-order table: for each recommended application what the
// Chief Executive weighs before signing — eligibility, the panel's scores, comments and
// recommendation, the budget effect — then the register of interests.
import { Link } from 'react-router';
import type { AllocationRow } from '../../../shared/contract/allocation';
import type { PackEntry, SignOffPack as Pack } from '../../../shared/contract/decisions';
import type { ReportApplication } from '../../../shared/contract/documents';
import { formatInstant } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { RECOMMENDATIONS } from '../../../shared/domain/panels';
import { SummaryList } from '../../components/SummaryList';
import { Tag } from '../../components/Tag';

function eligibility(e: PackEntry['eligibility']) {
  if (!e) return <Tag status="unscreened" />;
  if (e.disputed) return <Tag status="disputed" />;
  return (
    <>
      <Tag status={e.result} />
      {e.result === 'ineligible' ? <span className="cell-note">{e.toldApplicant}</span> : null}
    </>
  );
}

function recommendation(r: ReportApplication) {
  if (!r.recommendation) return <span className="muted">Not yet moderated</span>;
  const amount = r.recommendation === 'fund-lower' && r.amountPence !== null ? `: ${formatPence(r.amountPence)}` : '';
  return (
    <>
      {RECOMMENDATIONS[r.recommendation]}
      {amount}
      {r.reason ? <span className="cell-note">{r.reason}</span> : null}
    </>
  );
}

function budgetEffect(row: AllocationRow, budgetPence: number) {
  if (row.allocatedPence === null) return <span className="muted">Not allocated yet</span>;
  return `${formatPence(row.allocatedPence)} allocated; ${formatPence(row.runningPence)} of the ${formatPence(budgetPence)} budget taken by this and those ranked above it, ${formatPence(row.remainingPence)} left`;
}

function PanelFindings({ report }: { report: ReportApplication }) {
  return (
    <>
      {report.moderated.length > 0 ? (
        <div className="table-wrap">
          <table className="pack-criteria">
            <caption>Moderated scores</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Level</th>
                <th scope="col">Chair’s rationale</th>
              </tr>
            </thead>
            <tbody>
              {report.moderated.map((m) => (
                <tr key={m.criterion}>
                  <th scope="row">{m.criterion}</th>
                  <td data-label="Level">{m.level}</td>
                  <td data-label="Rationale">{m.rationale || <span className="muted">Agrees with the members</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.comments.length > 0 ? (
        <>
          <h4>Members’ comments</h4>
          <ul className="pack-comments">
            {report.comments.map((c, i) => (
              <li key={i}>
                <strong>{c.criterion}</strong>, {c.member}: {c.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function PackApplication({ row, entry, budgetPence }: { row: AllocationRow; entry: PackEntry | undefined; budgetPence: number }) {
  const report = entry?.report ?? null;
  const headingId = `pack-${row.applicationId}`;
  return (
    <section className="pack-entry" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {row.rankText ? `${row.rankText}. ` : ''}
        <Link to={`/applications/${encodeURIComponent(row.applicationId)}`}>{row.reference}</Link> — {row.organisationName}
      </h3>
      <p className="cell-note">{row.projectTitle}</p>
      <SummaryList
        rows={[
          ['Eligibility', eligibility(entry?.eligibility ?? null)],
          ['Panel', entry?.panelName ?? <span className="muted">Not assigned to a panel</span>],
          [
            'Moderated score',
            report?.scoreText ? (
              `${report.scoreText} (${report.bandLabel}); members’ mean ${report.meanText}, median ${report.medianText}`
            ) : (
              <span className="muted">Not scored</span>
            ),
          ],
          [
            'Normalised rank',
            report?.normalisedRankText ? `${report.normalisedRankText}${report.shiftText ? ` — ${report.shiftText}` : ''}` : '—',
          ],
          ['Quorum', report?.quorumText ?? '—'],
          ['Spread', report?.spreadText ?? 'Members broadly agree'],
          ['Recommendation', report ? recommendation(report) : '—'],
          ['Budget effect', budgetEffect(row, budgetPence)],
          ['Took no part', report?.absent.length ? report.absent.join('; ') : 'Every member took part'],
        ]}
      />
      {report ? <PanelFindings report={report} /> : null}
    </section>
  );
}

export function SignOffPack({ rows, pack, budgetPence }: { rows: AllocationRow[]; pack: Pack; budgetPence: number }) {
  const entries = new Map(pack.entries.map((e) => [e.applicationId, e]));
  return (
    <section aria-labelledby="pack-heading" className="sign-off-pack">
      <h2 id="pack-heading">The pack</h2>
      {rows.map((r) => (
        <PackApplication key={r.applicationId} row={r} entry={entries.get(r.applicationId)} budgetPence={budgetPence} />
      ))}
      <h2 id="interests-heading">Register of interests</h2>
      {pack.interests.length === 0 ? (
        <p>No member declared an interest in these applications.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="interests-heading">
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Member</th>
                <th scope="col">Interest</th>
                <th scope="col">Declared</th>
              </tr>
            </thead>
            <tbody>
              {pack.interests.map((i) => (
                <tr key={`${i.applicationId}-${i.member}-${i.declaredAt}`}>
                  <th scope="row">{i.reference}</th>
                  <td data-label="Member">{i.member}</td>
                  <td data-label="Interest">
                    {i.nature}
                    {i.standing ? null : <span className="cell-note">Superseded by a later declaration</span>}
                  </td>
                  <td data-label="Declared">
                    {formatInstant(i.declaredAt)}
                    {i.typedBy ? <span className="cell-note">Typed from paper by {i.typedBy}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>Members with an interest took no part in scoring or moderating that application, and their absence is recorded above.</p>
    </section>
  );
}
