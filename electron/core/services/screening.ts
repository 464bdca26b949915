// Eligibility screening (issue 11): each application in a round checked against its fund's
// checklist. The automatic checks are made from the application; the officer answers the fund's
// own checks and may set aside a failed automatic check with a reason. Screenings are append-only:
// a later one supersedes those its author saw standing, and two laptops screening one application
// differently are raised for a person, who settles it by recording a screening over both.
import type { ParsedInput } from '../../../shared/contract';
import type { DisputedScreening, RoundScreening, ScreeningRow, ScreeningView } from '../../../shared/contract/screening';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import type { Fund, OrganisationType, Round } from '../../../shared/domain/catalogue';
import {
  automaticChecks,
  resultOf,
  sentenceFor,
  spendingWindow,
  type ScreenedCheck,
  type ScreenedFacts,
  type ScreeningResult,
  type ScreeningRules,
} from '../../../shared/domain/eligibility';
import type { StoredEvent } from '../../../shared/events/event';
import { screeningProblem, type ScreeningRecorded } from '../../../shared/events/records';
import { canonicalJson } from '../../../shared/events/canonical';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { eventFromRow, type EventRow } from '../events/log';
import { appendOnly, standingEntries } from '../merge/append-only';
import { instant, personName } from '../merge/conflicts';
import { laptopName } from '../bundles/trust';
import { listFunds } from './catalogue';
import { getRound } from './rounds';

/** What stands on one application: read by the rest of issue 11 (ineligible applications are not scored). */
export interface StandingScreening {
  result: ScreeningResult;
  toldApplicant: string;
  checks: ScreenedCheck[];
  /** Two laptops' screenings disagree: the earlier stays in effect until a person settles it. */
  disputed: boolean;
  eventId: string;
}

interface ScreeningRowDb {
  application_id: string;
  round_id: string;
  result: ScreeningResult;
  checks: string;
  told_applicant: string;
  event_id: string;
  screened_by: string;
  screened_device: string;
  screened_at: string;
  disputed: number;
}

export function screeningOf(db: Db, applicationId: string): StandingScreening | null {
  const r = statement<[string], ScreeningRowDb>(db, 'SELECT * FROM screenings WHERE application_id = ?').get(applicationId);
  return r
    ? {
        result: r.result,
        toldApplicant: r.told_applicant,
        checks: JSON.parse(r.checks) as ScreenedCheck[],
        disputed: r.disputed === 1,
        eventId: r.event_id,
      }
    : null;
}

/** Two screenings agree when they reach the same result for the same failing checks. */
const gist = (p: ScreeningRecorded) =>
  canonicalJson({
    result: p.result,
    failing: p.checks
      .filter((c) => !c.passed && c.overrideReason === null)
      .map((c) => c.id)
      .sort(),
  });

function stand(db: Db, p: ScreeningRecorded, e: StoredEvent): void {
  // The application's own round: a screening cannot move it elsewhere. Not here yet (a gap still
  // to arrive): the rebuild that follows its arrival replays this in order.
  const app = statement<[string], { round_id: string }>(db, 'SELECT round_id FROM applications WHERE id = ?').get(p.applicationId);
  if (!app) return;
  statement(
    db,
    `INSERT OR REPLACE INTO screenings (application_id, round_id, result, checks, told_applicant, event_id, screened_by, screened_device, screened_at, disputed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(p.applicationId, app.round_id, p.result, canonicalJson(p.checks), p.toldApplicant, e.hash, e.actor, e.deviceId, e.hlc);
}

const screenings = appendOnly<ScreeningRecorded>(
  { kind: 'screening', subject: (p) => p.applicationId, supersedes: (p) => p.supersedes, gist },
  {
    stand: (db, p, e) => stand(db, p, e),
    // The screening in effect stays; the application is marked for a person to settle. If none was
    // in effect yet (the first arrived with this one), the earliest standing takes effect.
    raise: (db, p, e, _, standing) => {
      const held = statement<[string], { n: number }>(db, 'SELECT 1 AS n FROM screenings WHERE application_id = ?').get(p.applicationId);
      if (!held) {
        const first = standing[0];
        const event = first && screeningEvent(db, p.applicationId, first.id);
        if (event) stand(db, event.payload as ScreeningRecorded, event);
        else stand(db, p, e);
      }
      statement(db, 'UPDATE screenings SET disputed = 1 WHERE application_id = ?').run(p.applicationId);
    },
  },
);

export const screeningKind: CoreKinds['screening'] = { projectors: { 'screening.recorded': screenings } };

/** A screening's event, found through its application's entity (the log is indexed by entity, not hash). */
function screeningEvent(db: Db, applicationId: string, hash: string): StoredEvent | undefined {
  const r = statement<[string, string], EventRow>(db, 'SELECT * FROM events WHERE entity = ? AND hash = ?').get(
    `screening:${applicationId}`,
    hash,
  );
  return r && eventFromRow(r);
}

function view(ctx: CoreContext, e: StoredEvent): ScreeningView {
  const p = e.payload as ScreeningRecorded;
  return {
    id: e.hash,
    result: p.result,
    checks: p.checks,
    toldApplicant: p.toldApplicant,
    by: personName(ctx.db, e.actor),
    on: laptopName(ctx.db, ctx.device.id, e.deviceId),
    at: instant(e.hlc),
  };
}

function standingView(ctx: CoreContext, r: ScreeningRowDb): ScreeningView {
  return {
    id: r.event_id,
    result: r.result,
    checks: JSON.parse(r.checks) as ScreenedCheck[],
    toldApplicant: r.told_applicant,
    by: personName(ctx.db, r.screened_by),
    on: laptopName(ctx.db, ctx.device.id, r.screened_device),
    at: instant(r.screened_at),
  };
}

/** Every screening standing on a disputed application, oldest first. */
function disputedViews(ctx: CoreContext, applicationId: string): ScreeningView[] {
  return standingEntries(ctx.db, 'screening', applicationId).flatMap((s) => {
    const e = screeningEvent(ctx.db, applicationId, s.id);
    return e ? [view(ctx, e)] : [];
  });
}

function rulesOf(fund: Fund, round: Round): ScreeningRules {
  return {
    fundName: fund.name,
    minAwardPence: fund.minAwardPence,
    maxAwardPence: fund.maxAwardPence,
    organisationTypes: fund.organisationTypes,
    spendFrom: round.spendFrom ?? null,
    spendBy: round.spendBy ?? null,
  };
}

function fundOf(db: Db, round: Round): Fund {
  const fund = listFunds(db).find((f) => f.id === round.fundId);
  if (!fund) throw new DomainError('NOT_FOUND', `${round.name} refers to a fund that no longer exists`);
  return fund;
}

/** What the automatic checks read: from the row's body, or the event it points at. */
const FACTS = `SELECT a.id, a.reference, a.organisation_name, a.project_title, a.amount_requested, a.status, a.round_id,
  json_extract(coalesce(a.body, received.payload), '$.constituted') AS constituted,
  json_extract(coalesce(a.body, received.payload), '$.bankTwoSignatories') AS bank,
  json_extract(coalesce(a.body, received.payload), '$.organisationType') AS organisation_type,
  json_extract(coalesce(a.body, received.payload), '$.startDate') AS start_date,
  json_extract(coalesce(a.body, received.payload), '$.endDate') AS end_date
  FROM applications a LEFT JOIN events received ON received.device_id = a.received_device AND received.seq = a.received_seq`;

interface FactsRow {
  id: string;
  reference: string;
  organisation_name: string;
  project_title: string;
  amount_requested: number;
  status: string;
  round_id: string;
  constituted: number;
  bank: number;
  organisation_type: OrganisationType;
  start_date: string;
  end_date: string;
}

const factsOf = (r: FactsRow): ScreenedFacts => ({
  amountRequested: r.amount_requested,
  constituted: r.constituted === 1,
  bankTwoSignatories: r.bank === 1,
  organisationType: r.organisation_type,
  startDate: r.start_date,
  endDate: r.end_date,
});

export function roundScreening(ctx: CoreContext, roundId: string): RoundScreening {
  const round = getRound(ctx.db, roundId);
  const fund = fundOf(ctx.db, round);
  const rules = rulesOf(fund, round);
  const apps = statement<[string], FactsRow>(ctx.db, `${FACTS} WHERE a.round_id = ? AND a.status != 'withdrawn' ORDER BY a.reference`).all(
    roundId,
  );
  const held = new Map(
    statement<[string], ScreeningRowDb>(ctx.db, 'SELECT * FROM screenings WHERE round_id = ?')
      .all(roundId)
      .map((s) => [s.application_id, s]),
  );
  const rows = apps.map((a): ScreeningRow => {
    const s = held.get(a.id);
    return {
      applicationId: a.id,
      reference: a.reference,
      organisationName: a.organisation_name,
      projectTitle: a.project_title,
      amountRequested: a.amount_requested,
      automatic: automaticChecks(factsOf(a), rules),
      standing: s ? standingView(ctx, s) : null,
      disputed: s?.disputed ? disputedViews(ctx, a.id) : [],
    };
  });
  const screened = rows.filter((r) => r.standing);
  return {
    roundId: round.id,
    roundName: round.name,
    fundName: fund.name,
    spendingWindow: spendingWindow(rules),
    officerChecks: fund.officerChecks ?? [],
    rows,
    counts: {
      applications: rows.length,
      screened: screened.length,
      eligible: screened.filter((r) => r.standing?.result === 'eligible').length,
      ineligible: screened.filter((r) => r.standing?.result === 'ineligible').length,
      disputed: rows.filter((r) => r.disputed.length > 0).length,
    },
  };
}

export function recordScreening(ctx: CoreContext, input: ParsedInput<'screening.record'>): ScreeningView {
  authorise(ctx, 'manage-register');
  const app = statement<[string], FactsRow>(ctx.db, `${FACTS} WHERE a.id = ?`).get(input.applicationId);
  if (!app) throw new DomainError('NOT_FOUND', 'That application is not in the register — it may not have reached this laptop yet');
  if (app.status === 'withdrawn')
    throw new DomainError('CONFLICT', `${app.reference} was withdrawn — withdrawn applications are not screened`);
  const round = getRound(ctx.db, app.round_id);
  const fund = fundOf(ctx.db, round);
  const automatic = automaticChecks(factsOf(app), rulesOf(fund, round));
  const officerChecks = fund.officerChecks ?? [];
  const problems: FieldProblem[] = [];
  if (input.officerAnswers.length !== officerChecks.length)
    problems.push({
      field: 'officerAnswers',
      message: `Answer each of the ${fund.name}’s ${officerChecks.length} checks — the fund’s checklist may have changed; reload the page`,
    });
  const overrides = new Map<string, string>();
  input.overrides.forEach((o, i) => {
    const check = automatic.find((c) => c.check === o.check);
    if (check?.passed)
      problems.push({ field: `overrides.${i}.reason`, message: `${check.label} passed — only a check that failed can be set aside` });
    else if (overrides.has(o.check)) problems.push({ field: `overrides.${i}.check`, message: 'Set each check aside once' });
    overrides.set(o.check, o.reason);
  });
  const checks: ScreenedCheck[] = [
    ...automatic.map((c) => ({
      id: c.check,
      question: c.label,
      passed: c.passed,
      overrideReason: c.passed ? null : (overrides.get(c.check) ?? null),
      failSentence: c.failSentence,
    })),
    ...officerChecks.map((c, i) => ({
      id: `officer:${i}`,
      question: c.question,
      passed: input.officerAnswers[i] ?? false,
      overrideReason: null,
      failSentence: c.failSentence,
    })),
  ];
  const result = resultOf(checks);
  const toldApplicant = result === 'eligible' ? '' : (input.toldApplicant ?? sentenceFor(checks)).trim();
  if (result === 'ineligible' && toldApplicant === '')
    problems.push({ field: 'toldApplicant', message: 'Enter what the applicant will be told — why the application is not eligible' });
  if (problems.length > 0)
    throw new DomainError(
      'VALIDATION',
      problems.length === 1 ? problems[0]!.message : `${problems.length} things need correcting — see the list below`,
      problems,
    );
  const payload: ScreeningRecorded = {
    applicationId: app.id,
    // What its author sees standing now: every laptop's, so recording over a dispute settles it.
    supersedes: standingEntries(ctx.db, 'screening', app.id).map((s) => s.id),
    result,
    checks,
    toldApplicant,
  };
  const problem = screeningProblem(payload);
  if (problem) throw new Error(`A screening GrantPanel made is not valid: ${problem}`);
  const event = write(ctx, () => ctx.log.append(ctx.person.id, 'screening.recorded', `screening:${app.id}`, payload));
  return view(ctx, event);
}

export function disputedScreenings(db: Db): DisputedScreening[] {
  return statement<[], DisputedScreening>(
    db,
    `SELECT s.application_id AS applicationId, a.reference, a.organisation_name AS organisationName, r.id AS roundId, r.name AS roundName
       FROM screenings s JOIN applications a ON a.id = s.application_id JOIN rounds r ON r.id = s.round_id
       WHERE s.disputed = 1 ORDER BY a.reference LIMIT 500`,
  ).all();
}

export const screeningHandlers: Handlers<'screening.round' | 'screening.record' | 'screening.disputed'> = {
  'screening.disputed': (_, ctx) => {
    authorise(ctx, 'read-register');
    return disputedScreenings(ctx.db);
  },
  'screening.round': ({ roundId }, ctx) => {
    authorise(ctx, 'read-register');
    return roundScreening(ctx, roundId);
  },
  'screening.record': (input, ctx) => recordScreening(ctx, input),
};
