// Where a panel's applications stand: whose scores count for each (members of its panel who
// declared no interest, scoring the rubric's current version), who is absent and whose scores are
// excluded and why, the summary (mean, median, spread, gates), the chair's moderation, and the
// ranking with normalisation across the round. The arithmetic is shared/domain's; this only reads.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CountedMember, LeftOutMember, ModerationRow } from '../../../shared/contract/moderation';
import type { Panel } from '../../../shared/domain/panels';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { rankingScore, summariseApplication, weightedFraction } from '../../../shared/domain/scoring';
import {
  normaliseRound,
  rankApplications,
  type MemberTotal,
  type RankingEntry,
  type RoundNormalisation,
} from '../../../shared/domain/ranking';
import { applicationsOfPanel } from './panels';
import { roundScores, type MemberSheet, type RoundScores } from './round-scores';
import { moderationsOf } from './moderation';

type Standing = Omit<ModerationRow, 'mayModerate'>;

interface ApplicationRow {
  id: string;
  reference: string;
  organisation_name: string;
  project_title: string;
  amount_requested: number;
}

interface StandingDeclaration {
  member_id: string;
  interest: number;
  nature: string;
}

export interface PanelStandings {
  rows: Standing[];
  normalisation: RoundNormalisation;
  names: Map<string, string>;
}

function peopleNames(db: Db): Map<string, string> {
  return new Map(
    statement<[], { id: string; name: string }>(db, 'SELECT id, name FROM people')
      .all()
      .map((p) => [p.id, p.name]),
  );
}

/** Each application's standing declarations by member: an interest wins over a disagreeing "none". */
function declarationsOf(db: Db, applicationId: string): Map<string, { interest: boolean; natures: string[] }> {
  const rows = statement<[string], StandingDeclaration>(
    db,
    // CROSS JOIN keeps declarations first: each one's entry is then found by its primary key.
    `SELECT d.member_id, d.interest, d.nature FROM declarations d
       CROSS JOIN entries e ON e.kind = 'declaration' AND e.subject = d.application_id || ':' || d.member_id AND e.id = d.id
     WHERE d.application_id = ? AND e.superseded_by IS NULL`,
  ).all(applicationId);
  const byMember = new Map<string, { interest: boolean; natures: string[] }>();
  for (const r of rows) {
    const held = byMember.get(r.member_id) ?? { interest: false, natures: [] };
    if (r.interest === 1) byMember.set(r.member_id, { interest: true, natures: [...held.natures, r.nature] });
    else byMember.set(r.member_id, held);
  }
  return byMember;
}

/**
 * Every complete member total in the round that counts: normalisation standardises each member
 * against all of their own scoring, across every panel of the round.
 */
function roundTotals(
  rubric: RubricRecord,
  scores: RoundScores,
  declarationsOf: (applicationId: string) => Map<string, { interest: boolean; natures: string[] }>,
): MemberTotal[] {
  const totals: MemberTotal[] = [];
  for (const [applicationId, members] of scores) {
    const declared = declarationsOf(applicationId);
    for (const [memberId, sheet] of members) {
      if (declared.get(memberId)?.interest !== false) continue;
      const score = weightedFraction(rubric.criteria, sheet.levels);
      if (score) totals.push({ applicationId, memberId, score });
    }
  }
  return totals;
}

/** By name, then id: the same order on every laptop, even for two people of one name. */
const byName = (a: { name: string; memberId: string }, b: { name: string; memberId: string }) =>
  a.name.localeCompare(b.name, 'en-GB') || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);

export function panelStandings(db: Db, panel: Panel, rubric: RubricRecord): PanelStandings {
  const names = peopleNames(db);
  const name = (id: string) => names.get(id) ?? id;
  const scores = roundScores(db, rubric);
  const declarations = new Map<string, Map<string, { interest: boolean; natures: string[] }>>();
  const declared = (applicationId: string) => {
    let found = declarations.get(applicationId);
    if (!found) declarations.set(applicationId, (found = declarationsOf(db, applicationId)));
    return found;
  };
  const normalisation = normaliseRound(roundTotals(rubric, scores, declared));
  const read = statement<[string], ApplicationRow>(
    db,
    'SELECT id, reference, organisation_name, project_title, amount_requested FROM applications WHERE id = ?',
  );
  // Who has submitted, for the whole round in one read.
  const submissions = new Map<string, Set<string>>();
  for (const r of statement<[string], { application_id: string; member_id: string }>(
    db,
    'SELECT application_id, member_id FROM score_submissions WHERE round_id = ?',
  ).all(panel.roundId)) {
    const held = submissions.get(r.application_id);
    if (held) held.add(r.member_id);
    else submissions.set(r.application_id, new Set([r.member_id]));
  }
  const standings = applicationsOfPanel(db, panel).flatMap((applicationId) => {
    const app = read.get(applicationId);
    if (!app) return [];
    const byMember = declared(applicationId);
    const entered = scores.get(applicationId) ?? new Map<string, MemberSheet>();
    const submitted = submissions.get(applicationId) ?? new Set<string>();
    const counted: CountedMember[] = [];
    const absent: LeftOutMember[] = [];
    const excluded: LeftOutMember[] = [];
    for (const memberId of panel.memberIds) {
      const declaration = byMember.get(memberId);
      const sheet = entered.get(memberId);
      if (declaration?.interest) {
        const reason = `Declared an interest: ${declaration.natures.join('; ')}`;
        absent.push({ memberId, name: name(memberId), reason });
        if (sheet?.entered)
          excluded.push({ memberId, name: name(memberId), reason: `${reason} (after scoring: their scores are not counted)` });
        continue;
      }
      if (!declaration) {
        absent.push({ memberId, name: name(memberId), reason: 'Has not declared' });
        continue;
      }
      if (sheet?.stale)
        excluded.push({ memberId, name: name(memberId), reason: 'Scored against another version of the rubric: to score again' });
      counted.push({
        memberId,
        name: name(memberId),
        submitted: submitted.has(memberId),
        typedBy: sheet?.typedBy ? name(sheet.typedBy) : null,
        levels: sheet?.levels ?? {},
        gates: sheet?.gates ?? {},
        comments: sheet?.comments ?? {},
      });
    }
    const summary = summariseApplication(
      rubric,
      counted.map((m) => ({ memberId: m.memberId, levels: m.levels, gates: m.gates })),
      panel.quorum,
    );
    const { standing, superseded } = moderationsOf(db, applicationId);
    const agreed = standing.length === 1 ? standing[0]! : null;
    const moderated = agreed && agreed.rubricVersion === rubric.version ? weightedFraction(rubric.criteria, agreed.levels) : null;
    const entry: RankingEntry = {
      applicationId,
      reference: app.reference,
      score: rankingScore(summary, moderated),
      gatesPassed: agreed ? rubric.gates.every((g) => agreed.gates[g.id] === 'pass') : summary.gatesPassed,
    };
    return [{ app, summary, counted, absent, excluded, standing, agreed, superseded, entry }];
  });
  const byId = new Map(standings.map((s) => [s.app.id, s]));
  // In the ranking's order: ranked best first, then excluded by a gate, then not ranked yet.
  const rows = rankApplications(
    rubric,
    standings.map((s) => s.entry),
    normalisation,
  ).map((ranking): Standing => {
    const s = byId.get(ranking.applicationId)!;
    return {
      id: s.app.id,
      reference: s.app.reference,
      organisationName: s.app.organisation_name,
      projectTitle: s.app.project_title,
      amountRequested: s.app.amount_requested,
      scores: s.summary,
      members: s.counted.sort(byName),
      absent: s.absent.sort(byName),
      excluded: s.excluded.sort(byName),
      moderation: s.agreed && { ...s.agreed, recordedBy: name(s.agreed.recordedBy) },
      disagreeing: s.standing.length > 1 ? s.standing.map((m) => ({ ...m, recordedBy: name(m.recordedBy) })) : [],
      superseded: s.superseded,
      ranking,
    };
  });
  return { rows, normalisation, names };
}
