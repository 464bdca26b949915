// Declarations of interest: append-only. Each member declares for each application before reading
// it in full: no interest, or an interest and its nature. A later declaration supersedes those its
// author saw; all stay, and make the register of interests. Two standing declarations that
// disagree (a member declaring on two laptops) count as an interest until a newer one settles it.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { madeBy } from '../events/project';
import { appendOnly } from '../merge/append-only';
import { notOwners, type OwnerOnly } from '../merge/owner-only';
import { ignore } from '../people/vouching';
import type { StoredEvent } from '../../../shared/events/event';

export interface Declared {
  applicationId: string;
  memberId: string;
  interest: boolean;
  nature: string;
  supersedes: string[];
  fromPaper: boolean;
}

export const subjectOf = (applicationId: string, memberId: string) => `${applicationId}:${memberId}`;

/** A member's own, or typed in from their paper sheet by someone who manages panels. */
export const membersOwn: OwnerOnly<{ memberId: string; fromPaper: boolean }> = {
  owner: (p) => p.memberId,
  needs: 'score',
  onBehalf: (p, event, projection) => p.fromPaper && projection.can(event.actor, 'manage-panels'),
};

function keep(db: Db, d: Declared, event: StoredEvent): void {
  statement(
    db,
    'INSERT OR IGNORE INTO declarations (id, application_id, member_id, interest, nature, declared_at, typed_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(event.hash, d.applicationId, d.memberId, d.interest ? 1 : 0, d.nature, event.hlc, d.fromPaper ? event.actor : null);
}

const declare = appendOnly<Declared>(
  {
    kind: 'declaration',
    subject: (d) => subjectOf(d.applicationId, d.memberId),
    supersedes: (d) => d.supersedes,
    gist: (d) => (d.interest ? 'interest' : 'none'),
  },
  { stand: (db, d, event) => keep(db, d, event), raise: (db, d, event) => keep(db, d, event) },
);

export const declarationKind: CoreKinds['declaration'] = {
  projectors: {
    'interest.declared': madeBy('append-only', (db, event, projection) => {
      const why = notOwners(membersOwn, event, projection);
      if (why) return ignore(db, event, why);
      declare(db, event, projection);
    }),
  },
};

export interface Declaration {
  /** `undeclared` until the member says; `interest` also when two standing declarations disagree. */
  state: 'undeclared' | 'none' | 'interest';
  natures: string[];
  /** Standing declarations disagree: treated as an interest until a newer declaration settles it. */
  disputed: boolean;
  /** The standing declarations' ids: a new one supersedes them. */
  standing: string[];
}

export function declarationOf(db: Db, applicationId: string, memberId: string): Declaration {
  const rows = statement<[string, string], { id: string; interest: number; nature: string }>(
    db,
    `SELECT d.id, d.interest, d.nature FROM entries e JOIN declarations d ON d.id = e.id
     WHERE e.kind = 'declaration' AND e.subject = ? AND e.superseded_by IS NULL AND d.member_id = ?
     ORDER BY e.hlc, e.id`,
  ).all(subjectOf(applicationId, memberId), memberId);
  if (rows.length === 0) return { state: 'undeclared', natures: [], disputed: false, standing: [] };
  const interest = rows.some((r) => r.interest === 1);
  return {
    state: interest ? 'interest' : 'none',
    natures: rows.filter((r) => r.interest === 1).map((r) => r.nature),
    disputed: interest && rows.some((r) => r.interest === 0),
    standing: rows.map((r) => r.id),
  };
}

export interface RegisterEntry {
  id: string;
  applicationId: string;
  memberId: string;
  interest: boolean;
  nature: string;
  declaredAt: string;
  typedBy: string | null;
  standing: boolean;
}

/** Every declaration about these applications, standing or superseded: the register of interests. */
export function declarationsFor(db: Db, applicationIds: readonly string[]): RegisterEntry[] {
  const read = statement<
    [string],
    {
      id: string;
      application_id: string;
      member_id: string;
      interest: number;
      nature: string;
      declared_at: string;
      typed_by: string | null;
      superseded_by: string | null;
    }
  >(
    db,
    `SELECT d.*, e.superseded_by FROM declarations d
       LEFT JOIN entries e ON e.kind = 'declaration' AND e.subject = d.application_id || ':' || d.member_id AND e.id = d.id
     WHERE d.application_id = ? ORDER BY d.declared_at, d.id`,
  );
  return applicationIds.flatMap((a) =>
    read.all(a).map((r) => ({
      id: r.id,
      applicationId: r.application_id,
      memberId: r.member_id,
      interest: r.interest === 1,
      nature: r.nature,
      declaredAt: r.declared_at,
      typedBy: r.typed_by,
      standing: r.superseded_by === null,
    })),
  );
}
