// The decision notice for one area of a round: what the Chief Executive decided, for whom, how
// much and why, who signed and when, and the panel's declarations of interest — the form a Police
// and Crime Commissioner publishes. No applicant's contact details.
import { formatInstant } from '../../../shared/domain/dates';
import { DECISIONS, type Decision } from '../../../shared/domain/decisions';
import { formatPence } from '../../../shared/domain/money';
import { renderPdf, type Block } from './document';

export interface NoticeDecision {
  reference: string;
  organisation: string;
  projectTitle: string;
  decision: Decision;
  amountPence: number;
  requestedPence: number;
  reason: string;
  signerName: string;
  signedAt: string;
  /** The first 16 hex digits of the decision's id, by which its signature is found. */
  id: string;
}

export interface DecisionNoticeInput {
  roundName: string;
  areaName: string;
  decisions: NoticeDecision[];
  /** Applications in which a panel member declared an interest, and how many members did. */
  interests: { reference: string; members: number }[];
  now: string;
}

export function decisionNoticePdf(n: DecisionNoticeInput): Promise<Uint8Array> {
  const funded = n.decisions.filter((d) => d.decision !== 'decline');
  const total = funded.reduce((sum, d) => sum + d.amountPence, 0);
  const signers = [...new Set(n.decisions.map((d) => d.signerName))];
  const times = n.decisions.map((d) => d.signedAt).sort();
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Decision notice: ${n.roundName}, ${n.areaName}` },
    {
      kind: 'paragraph',
      style: 'lead',
      text: `The Chief Executive of the Office of the West Midlands Police and Crime Commissioner decided these ${n.decisions.length} applications on the Commissioner’s behalf: ${funded.length} funded, ${formatPence(total)} in all.`,
    },
    {
      kind: 'table',
      compact: true,
      columns: [
        { header: 'Reference', width: 1.8 },
        { header: 'Organisation and project', width: 2.7 },
        { header: 'Decision', width: 1.6 },
        { header: 'Amount', width: 1.1, align: 'right' },
        { header: 'Reason', width: 3 },
      ],
      rows: n.decisions.map((d) => [
        d.reference,
        `${d.organisation}: ${d.projectTitle}`,
        DECISIONS[d.decision],
        formatPence(d.amountPence),
        d.reason || (d.amountPence < d.requestedPence ? '' : 'As requested'),
      ]),
      totals: ['Total', '', '', formatPence(total), ''],
    },
    { kind: 'heading', level: 2, text: 'Declarations of interest' },
    {
      kind: 'paragraph',
      text: n.interests.length
        ? `Panel members who declared an interest took no part in scoring or moderating that application: ${n.interests
            .map((i) => `${i.reference} (${i.members} ${i.members === 1 ? 'member' : 'members'})`)
            .join('; ')}.`
        : 'No panel member declared an interest in any of these applications.',
    },
    { kind: 'heading', level: 2, text: 'Signed' },
    {
      kind: 'paragraph',
      text: `Signed by ${signers.join(' and ')}, ${[...new Set(times.map(formatInstant))].filter((t, i, all) => i === 0 || i === all.length - 1).join(' to ')}. Each decision is signed with the Chief Executive’s own key over its text; the Office shows anyone who asks the decision, its signature and the public key, which check with the standard minisign tool.`,
    },
    {
      kind: 'table',
      compact: true,
      columns: [
        { header: 'Reference', width: 1 },
        { header: 'Signed', width: 1.4 },
        { header: 'Decision', width: 1.6 },
      ],
      rows: n.decisions.map((d) => [d.reference, formatInstant(d.signedAt), d.id]),
    },
  ];
  return renderPdf(
    {
      title: `Decision notice ${n.roundName} ${n.areaName}`,
      author: 'Office of the West Midlands Police and Crime Commissioner',
      now: n.now,
    },
    blocks,
  );
}
