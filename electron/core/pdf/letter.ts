// Offer and decline letters, from the Chief Executive's signed decision: the offer with the reason
// for a reduced amount, the payments, the conditions of grant, what to report and by when, and an
// acceptance slip; the decline with its reason. The words beyond the decision are the fund's
// letter template's; all text is set as plain text, never read as markup.
import { formatDate, formatInstant } from '../../../shared/domain/dates';
import { paymentAmounts, reportDue, type LetterTemplate } from '../../../shared/domain/letters';
import { formatPence } from '../../../shared/domain/money';
import { renderPdf, type Block } from './document';

export interface LetterInput {
  reference: string;
  organisation: string;
  projectTitle: string;
  contactName: string;
  contactEmail: string;
  fundName: string;
  roundName: string;
  amountRequestedPence: number;
  /** Awarded; 0 when declined. */
  amountPence: number;
  declined: boolean;
  /** Why declined, or why less than requested. */
  reason: string;
  startDate: string;
  endDate: string;
  signerName: string;
  signedAt: string;
  /** The decision's id, by which its signature can be checked. */
  decisionId: string;
  template: LetterTemplate;
  /** ISO instant the letter is made: its date. */
  now: string;
}

const OFFICE = 'Office of the West Midlands Police and Crime Commissioner';

function heading(l: LetterInput, title: string): Block[] {
  return [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'keyValues',
      rows: [
        ['To', `${l.contactName}, ${l.organisation}`],
        ['Email', l.contactEmail],
        ['Date', formatDate(l.now.slice(0, 10))],
        ['Our reference', l.reference],
        ['Project', l.projectTitle],
        ['Round', l.roundName],
      ],
    },
    { kind: 'paragraph', text: `Dear ${l.contactName},` },
  ];
}

function signature(l: LetterInput): Block[] {
  return [
    { kind: 'paragraph', text: 'Yours sincerely,' },
    { kind: 'paragraph', style: 'strong', text: `${l.signerName}, ${l.template.signOff}` },
    {
      kind: 'paragraph',
      style: 'small',
      text: `The Chief Executive signed this decision digitally on ${formatInstant(l.signedAt)}. Decision ${l.decisionId.slice(0, 16)}; the ${OFFICE} can show its signature to anyone who asks.`,
    },
  ];
}

function offerBlocks(l: LetterInput): Block[] {
  const t = l.template;
  const amounts = paymentAmounts(l.amountPence, t.payments);
  const reduced = l.amountPence < l.amountRequestedPence;
  const due = reportDue(l.endDate, t.reportWeeksAfterEnd);
  return [
    ...heading(l, `Offer of grant: ${l.reference}`),
    {
      kind: 'paragraph',
      text: `I am pleased to offer ${l.organisation} a grant of ${formatPence(l.amountPence)} from the ${l.fundName} for “${l.projectTitle}”, running from ${formatDate(l.startDate)} to ${formatDate(l.endDate)}.`,
    },
    ...(reduced
      ? ([
          { kind: 'heading', level: 2, text: 'Why the grant is less than you asked for' },
          {
            kind: 'paragraph',
            text: `You asked for ${formatPence(l.amountRequestedPence)}. We are offering ${formatPence(l.amountPence)} because: ${l.reason}`,
          },
        ] satisfies Block[])
      : []),
    { kind: 'heading', level: 2, text: 'How the grant is paid' },
    {
      kind: 'table',
      columns: [
        { header: 'Payment', width: 3 },
        { header: 'Amount', width: 1, align: 'right' },
      ],
      rows: t.payments.map((p, i) => [`${p.percent}% ${p.when}`, formatPence(amounts[i] ?? 0)]),
      totals: ['Total', formatPence(l.amountPence)],
    },
    { kind: 'heading', level: 2, text: 'Conditions of grant' },
    { kind: 'list', numbered: true, items: t.conditions },
    { kind: 'heading', level: 2, text: 'Reporting back' },
    { kind: 'paragraph', text: t.monitoring },
    { kind: 'keyValues', rows: [['Report due by', formatDate(due)]] },
    ...signature(l),
    { kind: 'pageBreak' },
    {
      kind: 'group',
      border: true,
      keepTogether: true,
      blocks: [
        { kind: 'heading', level: 2, text: `Acceptance slip: ${l.reference}` },
        {
          kind: 'paragraph',
          text: `${l.organisation} accepts the grant of ${formatPence(l.amountPence)} for “${l.projectTitle}” on the conditions of grant in the ${OFFICE}’s letter of ${formatDate(l.now.slice(0, 10))}.`,
        },
        {
          kind: 'fields',
          fields: [
            { label: 'Name', width: 2 },
            { label: 'Position in the organisation', width: 2 },
          ],
        },
        { kind: 'fields', fields: [{ label: 'Signature', width: 2 }, { label: 'Date' }] },
        {
          kind: 'paragraph',
          style: 'small',
          text: `${t.acceptBy} Enclose a recent bank statement for the account the grant is paid into.`,
        },
      ],
    },
  ];
}

function declineBlocks(l: LetterInput): Block[] {
  return [
    ...heading(l, `Your application: ${l.reference}`),
    {
      kind: 'paragraph',
      text: `Thank you for applying to the ${l.fundName} for “${l.projectTitle}”. I am sorry to tell you that we cannot fund it this time.`,
    },
    { kind: 'heading', level: 2, text: 'Why' },
    { kind: 'paragraph', text: l.reason },
    { kind: 'paragraph', text: l.template.declineWording },
    ...signature(l),
  ];
}

/** The offer letter (and acceptance slip), or the decline letter. */
export function letterPdf(l: LetterInput): Promise<Uint8Array> {
  const title = l.declined ? `Your application ${l.reference}` : `Offer of grant ${l.reference}`;
  return renderPdf(
    { title, author: OFFICE, subject: `${l.fundName}: ${l.roundName}`, keywords: [l.reference], now: l.now },
    l.declined ? declineBlocks(l) : offerBlocks(l),
  );
}
