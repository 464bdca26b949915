// The Chief Executive's decision on an application, and the exact text they sign. The text is
// canonical — the same fields in the same order, each on one line — so anyone holding the decision,
// its .minisig file and the Chief Executive's .pub file can check it with `minisign -V`.
import { formatPence } from './money';

export const DECISIONS = {
  approve: 'Approved',
  decline: 'Declined',
  amend: 'Approved at an amended amount',
} as const;
export type Decision = keyof typeof DECISIONS;
export const DECISION_IDS = Object.keys(DECISIONS) as [Decision, ...Decision[]];

/** What a decision says, every field of it signed. */
export interface DecisionFacts {
  applicationId: string;
  reference: string;
  organisation: string;
  roundId: string;
  roundName: string;
  decision: Decision;
  /** The amount awarded; 0 when declined. */
  amountPence: number;
  /** Why: required to decline or amend; "" otherwise. */
  reason: string;
  signerId: string;
  signerName: string;
  /** ISO instant. */
  signedAt: string;
}

/** One line: a backslash and a line break are written as \\ and \n, so no value can add a line. */
const line = (value: string) => value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');

/** The text the Chief Executive signs (UTF-8). Any change to any field changes it. */
export function decisionText(d: DecisionFacts): string {
  return [
    'GrantPanel decision, version 1',
    `Application: ${line(d.reference)} (${line(d.applicationId)})`,
    `Organisation: ${line(d.organisation)}`,
    `Round: ${line(d.roundName)} (${line(d.roundId)})`,
    `Decision: ${DECISIONS[d.decision]}`,
    `Amount: ${formatPence(d.amountPence)} (${d.amountPence} pence)`,
    `Reason: ${line(d.reason)}`,
    `Signed by: ${line(d.signerName)} (${line(d.signerId)})`,
    `Signed at: ${d.signedAt}`,
    '',
  ].join('\n');
}

/** The one line `minisign -V` shows beside a good signature. */
export function decisionComment(d: Pick<DecisionFacts, 'reference' | 'decision' | 'amountPence' | 'signedAt'>): string {
  return `GrantPanel decision: ${d.reference.replace(/[^\x20-\x7e]/g, '?')} ${d.decision} ${d.amountPence}p ${d.signedAt}`;
}
