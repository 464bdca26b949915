// Offers as every laptop projects them: the day the offer letter of a standing approval was sent,
// then the day its signed acceptance came back, one row per decision. Only the standing decision's
// offer moves the stage (decisions/stages.ts): a later decision takes the application back to it.
// A lying laptop's offer under a decision the log does not hold, under a decline, dated after it
// was recorded, or an acceptance with no offer before it, is ignored and counted like any change
// beyond its author (people/vouching.ts already ignores one by someone who may not record offers).
import type { StoredEvent } from '../../../shared/events/event';
import type { OfferAccepted, OfferSent } from '../../../shared/events/records';
import { ukIsoDay } from '../../../shared/domain/dates';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { instant } from '../merge/conflicts';
import { ignore } from '../people/vouching';

/** The decision an offer is made under, as this laptop holds it: its application and what it decided. */
export function decisionOffered(db: Db, decisionId: string): { applicationId: string; decision: string } | undefined {
  return statement<[string], { applicationId: string; decision: string }>(
    db,
    "SELECT application_id AS applicationId, json_extract(content, '$.decision') AS decision FROM decisions WHERE id = ?",
  ).get(decisionId);
}

export interface OfferRow {
  decision_id: string;
  application_id: string;
  sent_on: string;
  sent_at: string;
  sent_by: string;
  accepted_on: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
}

export function offerOf(db: Db, decisionId: string): OfferRow | undefined {
  return statement<[string], OfferRow>(db, 'SELECT * FROM offers WHERE decision_id = ?').get(decisionId);
}

/** Why an offer's decision does not allow it, or null. */
function notOfferable(db: Db, p: { applicationId: string; decisionId: string }): string | null {
  const d = decisionOffered(db, p.decisionId);
  if (!d || d.applicationId !== p.applicationId) return 'an offer under a decision this laptop does not hold';
  if (d.decision === 'decline') return 'an offer under a decision to decline';
  return null;
}

/** A day after the day its author's clock recorded it: a date in the future, as they wrote it. */
const afterItsDay = (day: string, event: StoredEvent) => day > ukIsoDay(instant(event.hlc));

export const offerKind: CoreKinds['offer'] = {
  projectors: {
    // Recorded again (a date corrected): the latest in clock order stands; an acceptance stays.
    'offer.sent': (db, event) => {
      const p = event.payload as OfferSent;
      const why = notOfferable(db, p) ?? (afterItsDay(p.sentOn, event) ? 'an offer dated after the day it was recorded' : null);
      if (why) return ignore(db, event, why);
      const accepted = offerOf(db, p.decisionId)?.accepted_on;
      if (accepted && accepted < p.sentOn) return ignore(db, event, 'an offer dated after its acceptance');
      statement(
        db,
        `INSERT INTO offers (decision_id, application_id, sent_on, sent_at, sent_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (decision_id) DO UPDATE SET sent_on = excluded.sent_on, sent_at = excluded.sent_at, sent_by = excluded.sent_by`,
      ).run(p.decisionId, p.applicationId, p.sentOn, event.hlc, event.actor);
    },
    'offer.accepted': (db, event) => {
      const p = event.payload as OfferAccepted;
      const offer = offerOf(db, p.decisionId);
      const why =
        notOfferable(db, p) ??
        (!offer || offer.application_id !== p.applicationId ? 'an acceptance recorded before any offer' : null) ??
        (offer && p.acceptedOn < offer.sent_on ? 'an acceptance dated before its offer was sent' : null) ??
        (afterItsDay(p.acceptedOn, event) ? 'an acceptance dated after the day it was recorded' : null);
      if (why) return ignore(db, event, why);
      statement(db, 'UPDATE offers SET accepted_on = ?, accepted_at = ?, accepted_by = ? WHERE decision_id = ?').run(
        p.acceptedOn,
        event.hlc,
        event.actor,
        p.decisionId,
      );
    },
  },
};
