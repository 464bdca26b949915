// Who may do what with one application on a panel, decided in the core: a member reads it in full
// only after declaring no interest; a member with an interest neither scores it nor sees its scores;
// a member sees others' scores only after submitting their own, or once the chair opens moderation.
// Officers, the Chief Executive and auditors (read-scores) see everything and score nothing.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { DomainError } from '../../../shared/contract/result';
import { can } from '../authorise';
import type { Person } from '../context';
import type { Panel } from '../../../shared/domain/panels';
import { panelOf, readPanel } from './panels';
import { declarationOf, type Declaration } from './declarations';
import { moderationOpen } from './moderation';

export interface Seat {
  panel: Panel;
  /** Sits on the panel and may score (their role allows it). */
  member: boolean;
  /** Chairs the panel and may moderate. */
  chair: boolean;
  declaration: Declaration;
  submitted: boolean;
  /** The chair has opened moderation: members see each other's scores, and scoring is closed. */
  moderationOpen: boolean;
}

/** The application's panel, and where this person sits on it. NOT_FOUND/FORBIDDEN when they have no business with it. */
export function seatOf(db: Db, person: Person, applicationId: string): Seat {
  const status = statement<[string], { status: string }>(db, 'SELECT status FROM applications WHERE id = ?').get(applicationId)?.status;
  if (!status) throw new DomainError('NOT_FOUND', 'That application does not exist');
  const panelId = panelOf(db, applicationId);
  const panel = panelId ? readPanel(db, panelId) : undefined;
  if (!panel) throw new DomainError('NOT_FOUND', 'No panel scores this application yet — a grants officer assigns it to one');
  const onPanel = panel.memberIds.includes(person.id);
  const member = onPanel && can(person, 'score');
  const chair = panel.chairId === person.id && can(person, 'moderate');
  if (!member && !chair && !can(person, 'read-scores')) {
    throw new DomainError('FORBIDDEN', `${person.name} does not sit on ${panel.name}, which scores this application`);
  }
  return {
    panel,
    member,
    chair,
    declaration: declarationOf(db, applicationId, person.id),
    submitted: !!statement(db, 'SELECT 1 FROM score_submissions WHERE application_id = ? AND member_id = ?').get(applicationId, person.id),
    moderationOpen: moderationOpen(db, panel.id),
  };
}

/** A member who has not declared, or declared an interest, may not read the application in full or score it. */
export function mustHaveDeclaredNone(person: Person, seat: Seat): void {
  if (seat.declaration.state === 'undeclared')
    throw new DomainError('FORBIDDEN', 'Declare whether you have an interest in this application before you read it in full or score it');
  if (seat.declaration.state === 'interest')
    throw new DomainError(
      'FORBIDDEN',
      seat.declaration.disputed
        ? `${person.name}’s declarations for this application disagree; until one is made that settles it, it counts as an interest`
        : `${person.name} declared an interest in this application, so may not score it or see its scores`,
    );
}

/**
 * Whether a person may read this application in full: anyone who manages the register or reads
 * every panel's scores, and a member of its panel who has declared no interest.
 */
export function mayReadInFull(db: Db, person: Person, applicationId: string): boolean {
  if (can(person, 'manage-register') || can(person, 'read-scores') || !can(person, 'score')) return true;
  const panelId = panelOf(db, applicationId);
  const panel = panelId ? readPanel(db, panelId) : undefined;
  if (!panel || !panel.memberIds.includes(person.id)) return false;
  return declarationOf(db, applicationId, person.id).state === 'none';
}

/**
 * Whether this person may see the other members' scores and comments on the application: once they
 * have submitted their own (a chair who scores too, likewise) or the chair has opened moderation,
 * or if they score nothing themselves
 * and may read every panel's scores.
 */
export function seesOthers(person: Person, seat: Seat): boolean {
  if (!seat.member) return can(person, 'read-scores');
  return seat.declaration.state === 'none' && (seat.submitted || seat.moderationOpen);
}
