// The offer of an approved application (issue 12, "Statuses"): the grants officer records the day
// the offer letter was sent, then the day the signed acceptance came back. Each is about the
// decision standing now, named so a decision signed meanwhile on another laptop is not offered by mistake.
import { z } from 'zod';
import type { Decision } from '../domain/decisions';
import type { Stage } from '../domain/stages';
import { method } from './method';

const applicationId = z.string('Choose an application').min(1, 'Choose an application').max(100);
const decisionId = z.string().regex(/^[0-9a-f]{64}$/, 'That is not a decision');
/** As typed: 25/11/2026, 25 Nov 2026 or 2026-11-25; the core reads it and names the field if it cannot. */
const day = (missing: string) => z.string(missing).trim().min(1, missing).max(40, 'Enter a date, like 25/11/2026');

export interface OfferView {
  stage: Stage;
  /** The decision standing now, or null when none is signed. */
  decision: { id: string; decision: Decision; amountPence: number; signedOn: string } | null;
  /** Sent and accepted days under that decision; null where not recorded. */
  sentOn: string | null;
  sentBy: string | null;
  acceptedOn: string | null;
  acceptedBy: string | null;
}

export const offers = {
  'offers.get': method<OfferView>()(z.object({ applicationId })),
  'offers.recordSent': method<OfferView>()(z.object({ applicationId, decisionId, sentOn: day('Enter the date the offer was sent') })),
  'offers.recordAccepted': method<OfferView>()(
    z.object({ applicationId, decisionId, acceptedOn: day('Enter the date the signed acceptance came back') }),
  ),
};
