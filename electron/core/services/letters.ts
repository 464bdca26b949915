// Letters from the Chief Executive's decisions: an offer (with its acceptance slip) for an
// approved or amended decision, a decline letter for a declined one. Made by the core, so the app,
// the CLI and the tests make the same file. Only a standing decision whose signature holds gets a
// letter: nobody is told of a decision that was superseded or does not verify.
import type { ParsedInput } from '../../../shared/contract';
import { DomainError } from '../../../shared/contract/result';
import { DEFAULT_LETTER_TEMPLATE } from '../../../shared/domain/letters';
import type { CoreContext, Handlers } from '../context';
import { decisionsOf, signatureProblem } from '../decisions/decisions';
import { letterPdf } from '../pdf/letter';
import { getDetail } from './applications';
import { save } from './documents';
import { statement } from '../db/statements';

/** The letter a decision calls for, as PDF bytes, and the file name it is given. */
export async function letterFor(ctx: CoreContext, decisionId: string): Promise<{ name: string; pdf: Uint8Array }> {
  const row = statement<[string], { application_id: string }>(ctx.db, 'SELECT application_id FROM decisions WHERE id = ?').get(decisionId);
  if (!row) throw new DomainError('NOT_FOUND', 'That decision is not on this laptop');
  const d = decisionsOf(ctx.db, row.application_id).standing.find((s) => s.id === decisionId);
  if (!d) throw new DomainError('FORBIDDEN', 'A later decision supersedes this one: write the letter from the standing decision');
  if (signatureProblem(d)) throw new DomainError('FORBIDDEN', `The decision on ${d.reference} does not verify, so no letter is written`);
  const a = getDetail(ctx.db, d.applicationId, true);
  const declined = d.decision === 'decline';
  const pdf = await letterPdf({
    reference: d.reference,
    organisation: d.organisation,
    projectTitle: a.projectTitle,
    contactName: a.contactName ?? '',
    contactEmail: a.contactEmail ?? '',
    fundName: a.fundName,
    roundName: d.roundName,
    amountRequestedPence: a.amountRequested,
    amountPence: d.amountPence,
    declined,
    reason: d.reason,
    startDate: a.startDate,
    endDate: a.endDate,
    signerName: d.signerName,
    signedAt: d.signedAt,
    decisionId: d.id,
    template: DEFAULT_LETTER_TEMPLATE,
    now: ctx.now().toISOString(),
  });
  return { name: `${d.reference}-${declined ? 'decline' : 'offer'}.pdf`, pdf };
}

export const letterHandlers: Handlers<'letters.write'> = {
  'letters.write': async ({ decisionId, file }: ParsedInput<'letters.write'>, ctx) => {
    const { pdf } = await letterFor(ctx, decisionId);
    return save(ctx, file, 'pdf', pdf);
  },
};
