// The Chief Executive decides: approve, decline (with a reason) or amend the amount (with a
// reason). Each decision is signed at that moment with their own key, opened by the passphrase
// they type, over the canonical decision text; the event carries the facts, the key and the
// signature, so every laptop — and anyone with `minisign` — can check it.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { ParsedInput } from '../../../shared/contract';
import type { DecisionFiles, DecisionView } from '../../../shared/contract/decisions';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { decisionComment, decisionText, type DecisionFacts } from '../../../shared/domain/decisions';
import { formatPence } from '../../../shared/domain/money';
import { write, type CoreContext, type Handlers } from '../context';
import { minisignPublicKeyFile, signMinisign } from '../crypto/minisign';
import { statement } from '../db/statements';
import { decisionsOf, signatureProblem, type SignedDecision } from '../decisions/decisions';
import { checkNotWaiting, clearFailures, recordFailure } from '../people/attempts';
import { openCredential } from '../people/credentials';
import { credentialOf, readPerson } from '../people/records';
import { rawPublicKey } from '../people/vouching';
import { workspace } from '../allocation/workspace';
import { declarationsFor } from '../panels/declarations';
import { decisionNoticePdf } from '../pdf/decision-notice';
import { getDetail } from './applications';
import { save } from './documents';
import { screeningOf } from './screening';

interface ApplicationFacts {
  id: string;
  reference: string;
  organisation_name: string;
  round_id: string;
  round_name: string;
  status: string;
  amount_requested: number;
}

function applicationFacts(ctx: CoreContext, id: string): ApplicationFacts {
  const a = statement<[string], ApplicationFacts>(
    ctx.db,
    `SELECT a.id, a.reference, a.organisation_name, a.round_id, r.name AS round_name, a.status, a.amount_requested
       FROM applications a JOIN rounds r ON r.id = a.round_id WHERE a.id = ?`,
  ).get(id);
  if (!a) throw new DomainError('NOT_FOUND', 'That application does not exist — choose one from the list');
  if (a.status === 'withdrawn') throw new DomainError('FORBIDDEN', `${a.reference} was withdrawn, so it is not decided`);
  return a;
}

/** Why the application cannot be awarded a grant (only one screened eligible can), or null. */
function notAwardable(ctx: CoreContext, a: ApplicationFacts): string | null {
  const screening = screeningOf(ctx.db, a.id);
  if (!screening) return `${a.reference} has not been screened yet: only an application screened eligible can be awarded a grant`;
  if (screening.disputed) return `Two laptops screened ${a.reference} differently: settle its screening before awarding it a grant`;
  if (screening.result === 'ineligible')
    return `${a.reference} was screened ineligible, so it cannot be awarded a grant — it can be declined`;
  return null;
}

function problemsOf(ctx: CoreContext, input: ParsedInput<'decisions.sign'>, a: ApplicationFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const requested = a.amount_requested;
  const unawardable = input.decision === 'decline' ? null : notAwardable(ctx, a);
  if (unawardable) problems.push({ field: 'decision', message: unawardable });
  else if (input.decision !== 'decline') {
    if (input.amountPence === null || input.amountPence === 0)
      problems.push({ field: 'amountPence', message: 'Enter the amount awarded, more than £0' });
    else if (input.amountPence > requested)
      problems.push({ field: 'amountPence', message: `The amount cannot be more than the ${formatPence(requested)} requested` });
  }
  if (input.decision !== 'approve' && !input.reason)
    problems.push({
      field: 'reason',
      message: input.decision === 'decline' ? 'Enter why the application is declined' : 'Enter why the amount is amended',
    });
  return problems;
}

/** Opens the signer's key with the passphrase typed now; a wrong one counts, as at sign-in. */
interface SignersKey {
  secretKey: Uint8Array;
  publicKey: string;
  name: string;
}

async function signersKey(ctx: CoreContext, passphrase: string): Promise<SignersKey> {
  const person = readPerson(ctx.db, ctx.person.id);
  const credential = credentialOf(ctx.db, ctx.person.id);
  if (!person || !credential) throw new DomainError('FORBIDDEN', 'You have no signing key on this laptop: sign in with a passphrase first');
  checkNotWaiting(ctx, person.id, person.name);
  const secretKey = await openCredential(ctx, credential, person.name, passphrase);
  if (!secretKey) {
    recordFailure(ctx, person.id);
    throw new DomainError('VALIDATION', 'That passphrase is not right', [{ field: 'passphrase', message: 'That passphrase is not right' }]);
  }
  clearFailures(ctx, person.id);
  return { secretKey, publicKey: credential.public_key, name: person.name };
}

function viewOf(d: SignedDecision & { id: string }, superseded: boolean, areaId: string): DecisionView {
  const { publicKey, signature, supersedes, ...facts } = d;
  void [publicKey, signature, supersedes];
  return { ...facts, id: d.id, valid: signatureProblem(d) === null, superseded, areaId };
}

function allDecisions(
  ctx: CoreContext,
  where: string,
  arg: string,
): (SignedDecision & { id: string; superseded: boolean; areaId: string })[] {
  return statement<[string], { id: string; content: string; superseded_by: string | null; area_id: string }>(
    ctx.db,
    `SELECT d.id, d.content, e.superseded_by, a.area_id FROM decisions d
       JOIN applications a ON a.id = d.application_id
       LEFT JOIN entries e ON e.kind = 'decision' AND e.subject = d.application_id AND e.id = d.id
     WHERE ${where} ORDER BY d.signed_at, d.id`,
  )
    .all(arg)
    .map((r) => ({
      ...(JSON.parse(r.content) as SignedDecision),
      supersedes: [],
      id: r.id,
      superseded: r.superseded_by !== null,
      areaId: r.area_id,
    }));
}

/** The decision signed with the opened key, ready to append: its facts, the key, the signature, what it supersedes. */
function signed(
  ctx: CoreContext,
  a: ApplicationFacts,
  key: SignersKey,
  choice: Pick<DecisionFacts, 'decision' | 'amountPence' | 'reason'>,
) {
  const facts: DecisionFacts = {
    applicationId: a.id,
    reference: a.reference,
    organisation: a.organisation_name,
    roundId: a.round_id,
    roundName: a.round_name,
    ...choice,
    signerId: ctx.person.id,
    signerName: key.name,
    signedAt: ctx.now().toISOString(),
  };
  const signature = signMinisign({
    secretKey: key.secretKey,
    message: utf8ToBytes(decisionText(facts)),
    trustedComment: decisionComment(facts),
    untrustedComment: `GrantPanel decision signed by ${key.name.replace(/[^\x20-\x7e]/g, '?')}`,
  });
  const supersedes = decisionsOf(ctx.db, a.id).standing.map((d) => d.id);
  return { ...facts, publicKey: key.publicKey, signature, supersedes } satisfies SignedDecision;
}

const append = (ctx: CoreContext, d: SignedDecision) => ctx.log.append(ctx.person.id, 'decision.signed', `decision:${d.applicationId}`, d);

/** The decision notice of an area: its standing decisions that verify, and the panel's interests. */
async function decisionNotice(ctx: CoreContext, roundId: string, areaId: string): Promise<Uint8Array> {
  const standing = allDecisions(ctx, 'a.round_id = ?', roundId).filter((d) => !d.superseded && d.areaId === areaId && !signatureProblem(d));
  if (standing.length === 0) throw new DomainError('NOT_FOUND', 'No decisions in this area yet: there is nothing to give notice of');
  const title = (id: string) => getDetail(ctx.db, id, false).projectTitle;
  const requested = (id: string) => applicationFacts(ctx, id).amount_requested;
  const interested = new Map<string, Set<string>>();
  for (const e of declarationsFor(
    ctx.db,
    standing.map((d) => d.applicationId),
  ))
    if (e.interest && e.standing) interested.set(e.applicationId, (interested.get(e.applicationId) ?? new Set()).add(e.memberId));
  return decisionNoticePdf({
    roundName: standing[0]!.roundName,
    areaName: statement<[string], { name: string }>(ctx.db, 'SELECT name FROM areas WHERE id = ?').get(areaId)?.name ?? areaId,
    decisions: standing.map((d) => ({
      reference: d.reference,
      organisation: d.organisation,
      projectTitle: title(d.applicationId),
      decision: d.decision,
      amountPence: d.amountPence,
      requestedPence: requested(d.applicationId),
      reason: d.reason,
      signerName: d.signerName,
      signedAt: d.signedAt,
      id: d.id.slice(0, 16),
    })),
    interests: standing
      .filter((d) => interested.has(d.applicationId))
      .map((d) => ({ reference: d.reference, members: interested.get(d.applicationId)!.size })),
    now: ctx.now().toISOString(),
  });
}

export const decisionHandlers: Handlers<
  'decisions.sign' | 'decisions.approveRest' | 'decisions.list' | 'decisions.files' | 'documents.decisionNotice'
> = {
  'documents.decisionNotice': async ({ roundId, areaId, file }, ctx) => save(ctx, file, 'pdf', await decisionNotice(ctx, roundId, areaId)),
  'decisions.sign': async (input, ctx) => {
    const a = applicationFacts(ctx, input.applicationId);
    const problems = problemsOf(ctx, input, a);
    if (problems.length > 0) throw new DomainError('VALIDATION', 'The decision has problems — check the fields below', problems);
    const key = await signersKey(ctx, input.passphrase);
    let decision: SignedDecision;
    try {
      decision = signed(ctx, a, key, {
        decision: input.decision,
        amountPence: input.decision === 'decline' ? 0 : (input.amountPence ?? 0),
        reason: input.reason,
      });
    } finally {
      key.secretKey.fill(0);
    }
    const event = write(ctx, () => append(ctx, decision));
    const areaId =
      statement<[string], { area_id: string }>(ctx.db, 'SELECT area_id FROM applications WHERE id = ?').get(a.id)?.area_id ?? '';
    return viewOf({ ...decision, id: event.hash }, false, areaId);
  },
  /**
   * Every allocated application of the area not yet decided, signed in one go: approved where it is
   * allocated all it asked, else at the allocated amount with the allocation's (or the panel's)
   * reason. One without a reason for a lower amount, or not screened eligible, is left for the
   * Chief Executive to decide on its page.
   */
  'decisions.approveRest': async ({ roundId, areaId, passphrase }, ctx) => {
    const ws = workspace(ctx.db, roundId, areaId, false);
    const rest = ws.rows.filter((r) => (r.allocatedPence ?? 0) > 0 && decisionsOf(ctx.db, r.applicationId).standing.length === 0);
    const withReason = rest.filter(
      (r) =>
        (r.allocatedPence === r.requestedPence || (r.reason ?? r.panelReason)) &&
        !notAwardable(ctx, applicationFacts(ctx, r.applicationId)),
    );
    if (withReason.length === 0)
      throw new DomainError('VALIDATION', 'Nothing is left to approve in this area: every allocated application is decided');
    const key = await signersKey(ctx, passphrase);
    let decisions: SignedDecision[];
    try {
      decisions = withReason.map((r) => {
        const full = r.allocatedPence === r.requestedPence;
        return signed(ctx, applicationFacts(ctx, r.applicationId), key, {
          decision: full ? 'approve' : 'amend',
          amountPence: r.allocatedPence ?? 0,
          reason: full ? '' : (r.reason ?? r.panelReason ?? ''),
        });
      });
    } finally {
      key.secretKey.fill(0);
    }
    write(ctx, () => decisions.forEach((d) => append(ctx, d)));
    return {
      signed: decisions.length,
      left: rest.filter((r) => !withReason.includes(r)).map((r) => r.reference),
    };
  },
  'decisions.list': ({ roundId }, ctx) => allDecisions(ctx, 'a.round_id = ?', roundId).map((d) => viewOf(d, d.superseded, d.areaId)),
  'decisions.files': ({ id }, ctx) => {
    const [d] = allDecisions(ctx, 'd.id = ?', id);
    if (!d) throw new DomainError('NOT_FOUND', 'That decision is not on this laptop');
    return {
      text: decisionText(d),
      signature: d.signature,
      publicKeyFile: minisignPublicKeyFile(rawPublicKey(d.publicKey), `GrantPanel: ${d.signerName}`),
      name: `${d.reference}-decision`,
    } satisfies DecisionFiles;
  },
};
