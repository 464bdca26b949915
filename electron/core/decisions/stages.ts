// Each application's stage (shared/domain/stages.ts), kept in `application_stages` so the register
// filters by stage through an index. Recomputed for one application whenever an event that can move
// it is projected — its own changes, a screening, a score submission, a moderation, a decision, an
// offer — from the tables those events have just written, so a rebuild gives the same rows.
import { NOTHING_YET, stageOf, type Stage, type StageFacts } from '../../../shared/domain/stages';
import type { Decision } from '../../../shared/domain/decisions';
import type { Recommendation } from '../../../shared/domain/panels';
import type { ScreeningResult } from '../../../shared/domain/eligibility';
import type { StoredEvent } from '../../../shared/events/event';
import type { Db } from '../db/open';
import { statement } from '../db/statements';

/** Event types that can move an application's stage, and where its id is in the event's entity. */
const MOVES = new Set([
  'application.received',
  'application.added',
  'application.changed',
  'application.reinstated',
  'application.withdrawn',
  'screening.recorded',
  'score.submitted',
  'moderation.recorded',
  'decision.signed',
  'offer.sent',
  'offer.accepted',
]);

/** The application an event may move: `<kind>:<application>[:<member>]`; a conflict settled on an application too. */
export function applicationMoved(event: Pick<StoredEvent, 'type' | 'entity'>): string | null {
  if (!MOVES.has(event.type) && !(event.type === 'conflict.resolved' && event.entity.startsWith('application:'))) return null;
  return event.entity.split(':')[1] ?? null;
}

interface FactsRow {
  status: string;
  round_id: string;
  screening: ScreeningResult | null;
  submitted: number;
  recommendation: Recommendation | null;
  decision_id: string | null;
  decision: Decision | null;
}

/**
 * The facts, one read: the latest standing moderation and decision (two standing only where two
 * laptops did not see each other's; the later then counts here, and both are raised for a person).
 */
const FACTS = `SELECT a.status, a.round_id,
    (SELECT result FROM screenings WHERE application_id = a.id) AS screening,
    EXISTS (SELECT 1 FROM score_submissions WHERE application_id = a.id) AS submitted,
    (SELECT json_extract(m.content, '$.recommendation') FROM moderations m
       JOIN entries e ON e.kind = 'moderation' AND e.subject = m.application_id AND e.id = m.id AND e.superseded_by IS NULL
     WHERE m.application_id = a.id ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1) AS recommendation,
    d.id AS decision_id, json_extract(d.content, '$.decision') AS decision
  FROM applications a
  LEFT JOIN decisions d ON d.id = (SELECT d2.id FROM decisions d2
       JOIN entries e ON e.kind = 'decision' AND e.subject = d2.application_id AND e.id = d2.id AND e.superseded_by IS NULL
     WHERE d2.application_id = a.id ORDER BY d2.signed_at DESC, d2.id DESC LIMIT 1)
  WHERE a.id = ?`;

/** An application's stage as the projections now hold it, or null when the register does not hold it. */
export function currentStage(db: Db, applicationId: string): { stage: Stage; roundId: string; decisionId: string | null } | null {
  const f = statement<[string], FactsRow>(db, FACTS).get(applicationId);
  if (!f) return null;
  const offer = f.decision_id
    ? statement<[string], { sent_on: string; accepted_on: string | null }>(
        db,
        'SELECT sent_on, accepted_on FROM offers WHERE decision_id = ?',
      ).get(f.decision_id)
    : undefined;
  const facts: StageFacts = {
    withdrawn: f.status === 'withdrawn',
    screening: f.screening,
    scoresSubmitted: f.submitted === 1,
    recommendation: f.recommendation,
    decision: f.decision_id && f.decision ? { id: f.decision_id, decision: f.decision } : null,
    offer: offer && f.decision_id ? { decisionId: f.decision_id, sentOn: offer.sent_on, acceptedOn: offer.accepted_on } : null,
  };
  return { stage: stageOf(facts), roundId: f.round_id, decisionId: facts.decision?.id ?? null };
}

/**
 * Nothing yet beyond the application itself — no screening, submission, moderation or decision —
 * as for nearly every application a CSV import or a bundle brings: its stage is its status, read
 * without the facts query (a fifth of a 20,000-row import's time otherwise).
 */
const BARE = `SELECT a.status, a.round_id FROM applications a WHERE a.id = @id
    AND NOT EXISTS (SELECT 1 FROM screenings WHERE application_id = @id)
    AND NOT EXISTS (SELECT 1 FROM score_submissions WHERE application_id = @id)
    AND NOT EXISTS (SELECT 1 FROM moderations WHERE application_id = @id)
    AND NOT EXISTS (SELECT 1 FROM decisions WHERE application_id = @id)`;

/** Recomputes one application's stage row; an application not held (a gap to arrive) has none. */
export function restage(db: Db, applicationId: string): void {
  const bare = statement<[{ id: string }], { status: string; round_id: string }>(db, BARE).get({ id: applicationId });
  const now = bare
    ? { stage: stageOf({ ...NOTHING_YET, withdrawn: bare.status === 'withdrawn' }), roundId: bare.round_id }
    : currentStage(db, applicationId);
  if (!now) {
    statement(db, 'DELETE FROM application_stages WHERE application_id = ?').run(applicationId);
    return;
  }
  statement(db, 'INSERT OR REPLACE INTO application_stages (application_id, round_id, stage) VALUES (?, ?, ?)').run(
    applicationId,
    now.roundId,
    now.stage,
  );
}

/** A laptop upgraded from before stages were kept: its register holds applications but no stages yet. */
export function stagesMissing(db: Db): boolean {
  return (
    statement(db, 'SELECT 1 FROM applications LIMIT 1').get() !== undefined &&
    statement(db, 'SELECT 1 FROM application_stages LIMIT 1').get() === undefined
  );
}
