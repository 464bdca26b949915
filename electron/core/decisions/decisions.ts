// Decisions: the Chief Executive's, each signed with their own key in the minisign format over the
// canonical decision text (shared/domain/decisions.ts). Never edited: a later decision supersedes
// the earlier ones its signer saw, and all stay. Checked twice:
// - as a bundle is read, the signature must verify over the text with the key it names, or the
//   bundle is refused (`signatureProblem`): a forged or altered decision never enters the log;
// - as it is projected, in clock order, that key must be one the signer held and the signer must
//   be a Chief Executive as the log then stood; otherwise it is kept, counted and not applied.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../../shared/events/canonical';
import type { StoredEvent } from '../../../shared/events/event';
import { decisionText, type DecisionFacts } from '../../../shared/domain/decisions';
import { verifyMinisign } from '../crypto/minisign';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { madeBy, type CoreKinds } from '../events/project';
import { appendOnly } from '../merge/append-only';
import { actorCan } from '../people/records';
import { ignore } from '../people/vouching';

export interface SignedDecision extends DecisionFacts {
  /** The signer's minisign public key, as on their .pub file's second line. */
  publicKey: string;
  /** The .minisig file's text. */
  signature: string;
  supersedes: string[];
}

/** Why a decision's signature does not hold over its text, or null when it does. */
export function signatureProblem(d: SignedDecision): string | null {
  try {
    verifyMinisign({ publicKeyBase64: d.publicKey, message: utf8ToBytes(decisionText(d)), signature: d.signature });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The refusal of a bundle carrying a decision whose signature does not verify; null for any other event. */
export function forgedDecision(type: string, payload: unknown): string | null {
  if (type !== 'decision.signed') return null;
  const d = payload as SignedDecision;
  const why = signatureProblem(d);
  return why ? `the decision on ${d.reference} is not signed by the key it names: ${why}` : null;
}

/** Why this decision does not stand as the log is at the event, or null. */
function notTheChiefExecutive(db: Db, d: SignedDecision, event: Pick<StoredEvent, 'actor' | 'hlc'>): string | null {
  if (event.actor !== d.signerId) return 'a decision written by someone other than its signer';
  const key = statement<[string, string], { from_hlc: string }>(
    db,
    'SELECT from_hlc FROM person_keys WHERE person_id = ? AND public_key = ?',
  ).get(d.signerId, d.publicKey);
  if (!key || key.from_hlc > event.hlc) return 'a decision signed with a key its signer did not hold';
  if (!actorCan(db, d.signerId, 'sign-decisions')) return 'a decision signed by someone who is not a Chief Executive';
  return null;
}

/**
 * Why a decision in the log does not stand, if it does not: it was not applied when projected
 * (no row in `decisions`). The reason is told as the log stands now, which is how it was then
 * unless the signer's roles or keys changed since.
 */
export function notApplied(db: Db, d: SignedDecision, event: { hash: string; actor: string; hlc: string }): string | null {
  if (statement<[string], { id: string }>(db, 'SELECT id FROM decisions WHERE id = ?').get(event.hash)) return null;
  return notTheChiefExecutive(db, d, event) ?? 'it was not applied when the log was replayed';
}

function keep(db: Db, d: SignedDecision, event: StoredEvent): void {
  const { supersedes, ...content } = d;
  void supersedes;
  statement(db, 'INSERT OR IGNORE INTO decisions (id, application_id, content, signed_at, signed_by) VALUES (?, ?, ?, ?, ?)').run(
    event.hash,
    d.applicationId,
    canonicalJson(content),
    d.signedAt,
    d.signerId,
  );
}

const record = appendOnly<SignedDecision>(
  {
    kind: 'decision',
    subject: (d) => d.applicationId,
    supersedes: (d) => d.supersedes,
    gist: (d) => canonicalJson([d.decision, d.amountPence, d.reason]),
  },
  { stand: (db, d, event) => keep(db, d, event), raise: (db, d, event) => keep(db, d, event) },
);

export const decisionKind: CoreKinds['decision'] = {
  projectors: {
    'decision.signed': madeBy('append-only', (db, event, projection) => {
      const d = event.payload as SignedDecision;
      const why = notTheChiefExecutive(db, d, event) ?? signatureProblem(d);
      if (why) return ignore(db, event, why);
      record(db, event, projection);
    }),
  },
};

export interface StandingDecision extends SignedDecision {
  id: string;
}

/** An application's standing decisions (two only where two signed without seeing each other), and how many were superseded. */
export function decisionsOf(db: Db, applicationId: string): { standing: StandingDecision[]; superseded: number } {
  const rows = statement<[string], { id: string; content: string; superseded_by: string | null }>(
    db,
    `SELECT d.id, d.content, e.superseded_by FROM decisions d
       LEFT JOIN entries e ON e.kind = 'decision' AND e.subject = d.application_id AND e.id = d.id
     WHERE d.application_id = ? ORDER BY d.signed_at, d.id`,
  ).all(applicationId);
  const standing = rows
    .filter((r) => r.superseded_by === null)
    .map((r) => ({ id: r.id, supersedes: [], ...(JSON.parse(r.content) as Omit<SignedDecision, 'supersedes'>) }));
  return { standing, superseded: rows.length - standing.length };
}
