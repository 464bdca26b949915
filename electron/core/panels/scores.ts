// Scores: each member's own (owner-only). Projected in clock order, a member's latest score per
// criterion wins, whichever laptop they scored on; a submission says they have finished an
// application, after which they may see the others' scores. Who may see what is in access.ts.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { ownerOnly } from '../merge/owner-only';
import { membersOwn } from './declarations';

export interface ScoreEntered {
  applicationId: string;
  memberId: string;
  roundId: string;
  criterionId: string;
  level: number | null;
  comment: string;
  rubricVersion: number;
  rubricShape: string;
  fromPaper: boolean;
}

export interface ScoreSubmitted {
  applicationId: string;
  memberId: string;
  roundId: string;
  rubricVersion: number;
  fromPaper: boolean;
}

export const scoreKind: CoreKinds['score'] = {
  projectors: {
    'score.entered': ownerOnly<ScoreEntered>(membersOwn, (db, s, event) => {
      statement(
        db,
        `INSERT OR REPLACE INTO scores (application_id, member_id, criterion_id, round_id, rubric_version, rubric_shape, level, comment, entered_at, typed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.applicationId,
        s.memberId,
        s.criterionId,
        s.roundId,
        s.rubricVersion,
        s.rubricShape,
        s.level,
        s.comment,
        event.hlc,
        s.fromPaper ? event.actor : null,
      );
    }),
    'score.submitted': ownerOnly<ScoreSubmitted>(membersOwn, (db, s, event) => {
      statement(
        db,
        'INSERT OR REPLACE INTO score_submissions (application_id, member_id, round_id, rubric_version, submitted_at, typed_by) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(s.applicationId, s.memberId, s.roundId, s.rubricVersion, event.hlc, s.fromPaper ? event.actor : null);
    }),
  },
};

export interface ScoreRow {
  application_id: string;
  member_id: string;
  criterion_id: string;
  rubric_version: number;
  rubric_shape: string;
  level: number | null;
  comment: string;
  entered_at: string;
  typed_by: string | null;
}

/** Every member's scores for one application. */
export function scoresOf(db: Db, applicationId: string): ScoreRow[] {
  return statement<[string], ScoreRow>(db, 'SELECT * FROM scores WHERE application_id = ? ORDER BY member_id, criterion_id').all(
    applicationId,
  );
}

export function submittedBy(db: Db, applicationId: string): Map<string, { version: number; at: string }> {
  return new Map(
    statement<[string], { member_id: string; rubric_version: number; submitted_at: string }>(
      db,
      'SELECT member_id, rubric_version, submitted_at FROM score_submissions WHERE application_id = ?',
    )
      .all(applicationId)
      .map((r) => [r.member_id, { version: r.rubric_version, at: r.submitted_at }]),
  );
}
