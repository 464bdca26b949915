// The grants officer records that an approved application's offer letter was sent, and that its
// signed acceptance came back. Both are about the decision standing now: an offer under a decline,
// under a superseded decision, an acceptance before an offer, or a day still to come is refused with
// the field named, and nothing is written.
import type { OfferView } from '../../../shared/contract/offers';
import { DomainError } from '../../../shared/contract/result';
import { DECISIONS } from '../../../shared/domain/decisions';
import { formatDate, parseDate, ukIsoDay } from '../../../shared/domain/dates';
import { decisionOffers } from '../../../shared/domain/stages';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import { statement } from '../db/statements';
import { offerOf } from '../decisions/offers';
import { currentStage } from '../decisions/stages';
import { decisionsOf, type StandingDecision } from '../decisions/decisions';
import { personName } from '../merge/conflicts';

function applicationOf(ctx: CoreContext, id: string): { reference: string; status: string } {
  const a = statement<[string], { reference: string; status: string }>(
    ctx.db,
    'SELECT reference, status FROM applications WHERE id = ?',
  ).get(id);
  if (!a) throw new DomainError('NOT_FOUND', 'That application does not exist — choose one from the list');
  return a;
}

/** The decision standing now, the latest where two laptops both signed one. */
function standingDecision(ctx: CoreContext, applicationId: string): StandingDecision | null {
  const { standing } = decisionsOf(ctx.db, applicationId);
  return standing[standing.length - 1] ?? null;
}

export function offerView(ctx: CoreContext, applicationId: string): OfferView {
  const now = currentStage(ctx.db, applicationId);
  if (!now) throw new DomainError('NOT_FOUND', 'That application does not exist — choose one from the list');
  const d = standingDecision(ctx, applicationId);
  const offer = d ? offerOf(ctx.db, d.id) : undefined;
  return {
    stage: now.stage,
    decision: d ? { id: d.id, decision: d.decision, amountPence: d.amountPence, signedOn: ukIsoDay(d.signedAt) } : null,
    sentOn: offer?.sent_on ?? null,
    sentBy: offer ? personName(ctx.db, offer.sent_by) : null,
    acceptedOn: offer?.accepted_on ?? null,
    acceptedBy: offer?.accepted_by ? personName(ctx.db, offer.accepted_by) : null,
  };
}

/** The standing decision an offer may be recorded under: the one named, still standing, an approval. */
function offerableDecision(ctx: CoreContext, applicationId: string, decisionId: string): StandingDecision {
  const a = applicationOf(ctx, applicationId);
  if (a.status === 'withdrawn') throw new DomainError('FORBIDDEN', `${a.reference} was withdrawn, so no offer is recorded`);
  const d = standingDecision(ctx, applicationId);
  if (!d) throw new DomainError('FORBIDDEN', `${a.reference} has no decision yet: the Chief Executive decides before an offer is made`);
  if (d.id !== decisionId)
    throw new DomainError(
      'CONFLICT',
      `A later decision on ${a.reference} supersedes that one: check the decision standing now, then record again`,
    );
  if (!decisionOffers(d.decision))
    throw new DomainError('FORBIDDEN', `${a.reference} is ${DECISIONS[d.decision].toLowerCase()}, so there is no offer to record`);
  return d;
}

/** The day typed, read in UK order, on or after `from` and not after today; otherwise why, at the field. */
function dayOf(ctx: CoreContext, field: string, typed: string, what: string, from: { day: string; why: string }): string {
  const day = parseDate(typed);
  const problem = (message: string) => new DomainError('VALIDATION', message, [{ field, message }]);
  if (!day) throw problem(`Enter the date ${what} as a real date, like 25/11/2026`);
  const today = ukIsoDay(ctx.now());
  if (day > today) throw problem(`The date ${what} cannot be in the future: today is ${formatDate(today)}`);
  if (day < from.day) throw problem(`The date ${what} cannot be before ${from.why}, ${formatDate(from.day)}`);
  return day;
}

export const offerHandlers: Handlers<'offers.get' | 'offers.recordSent' | 'offers.recordAccepted'> = {
  'offers.get': ({ applicationId }, ctx) => offerView(ctx, applicationId),
  'offers.recordSent': ({ applicationId, decisionId, sentOn }, ctx) => {
    authorise(ctx, 'record-offers');
    const d = offerableDecision(ctx, applicationId, decisionId);
    const accepted = offerOf(ctx.db, d.id)?.accepted_on ?? null;
    const day = dayOf(ctx, 'sentOn', sentOn, 'the offer was sent', { day: ukIsoDay(d.signedAt), why: 'the decision was signed' });
    if (accepted && day > accepted) {
      const message = `The offer cannot have been sent after its acceptance came back, ${formatDate(accepted)}`;
      throw new DomainError('VALIDATION', message, [{ field: 'sentOn', message }]);
    }
    write(ctx, () => ctx.log.append(ctx.person.id, 'offer.sent', `offer:${applicationId}`, { applicationId, decisionId, sentOn: day }));
    return offerView(ctx, applicationId);
  },
  'offers.recordAccepted': ({ applicationId, decisionId, acceptedOn }, ctx) => {
    authorise(ctx, 'record-offers');
    const d = offerableDecision(ctx, applicationId, decisionId);
    const offer = offerOf(ctx.db, d.id);
    if (!offer) throw new DomainError('FORBIDDEN', 'Record that the offer was sent first: an acceptance comes back only after an offer');
    const day = dayOf(ctx, 'acceptedOn', acceptedOn, 'the signed acceptance came back', {
      day: offer.sent_on,
      why: 'the offer was sent',
    });
    write(ctx, () =>
      ctx.log.append(ctx.person.id, 'offer.accepted', `offer:${applicationId}`, { applicationId, decisionId, acceptedOn: day }),
    );
    return offerView(ctx, applicationId);
  },
};
