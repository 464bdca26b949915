// The audit trail: the event log read newest first, a page at a time, filtered by person,
// application and kind of change. Each filter has a plan that reads only what it returns, never the
// whole log (test/core/query-plans.test.ts):
// - none: the clock-order index (events_in_order), walked back from the cursor;
// - a person: events_by_actor (actor, hlc, device_id, seq), walked back the same way; with a kind,
//   a bounded look back first, then the kind's range if it is small, else the person's walk;
// - an application: its entities through events_by_entity — `application:A` and the other kinds
//   filed under it exactly, declarations and scores (`score:A:<member>`) as prefix ranges — then
//   sorted: an application has tens of events whatever the log holds;
// - a kind of change: its prefix range on events_by_entity (`score:` up to `score;`), sorted.
// Pages are keyed by (hlc, device_id, seq), unique in the log, so no row shows twice or goes
// missing across pages, even where two laptops' clocks read the same.
import type { AuditCursor, AuditKind, AuditPage, AuditRow } from '../../../shared/contract/audit';
import { AUDIT_KINDS } from '../../../shared/contract/audit';
import { DomainError } from '../../../shared/contract/result';
import { can } from '../authorise';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { notApplied, signatureProblem, type SignedDecision } from '../decisions/decisions';
import { instant, personName } from '../merge/conflicts';
import { laptopName } from '../bundles/trust';
import { applicationHistory } from '../services/application-history';
import { describeEvent } from './describe';

interface EventRow {
  device_id: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity: string;
  payload: string;
  hash: string;
}

export interface TrailQuery {
  personId?: string;
  applicationId?: string;
  kind?: AuditKind;
  before?: AuditCursor;
  limit: number;
}

/** Kinds filed under the application's id alone, and those under `<kind>:<application>:<member>`. */
const OF_APPLICATION: readonly AuditKind[] = [
  'application',
  'screening',
  'panelAssignment',
  'moderation',
  'decision',
  'allocation',
  'offer',
];
const MEMBERS_OWN: readonly AuditKind[] = ['declaration', 'score'];

/** Before every event: the first page's cursor, so each filter is one statement, always a search. */
const NEWEST: AuditCursor = { hlc: '\uffff', deviceId: '', seq: 1 };

/** How far back in clock order a kind's page is first looked for (see eventsOf). */
const LOOK_BACK = 2000;
/** A kind with fewer changes than this is read in full and sorted rather than walking a person's every change. */
const SMALL_KIND = 20_000;

const COLUMNS = 'device_id, seq, hlc, actor, type, entity, payload, hash';
const OLDER = '(hlc, device_id, seq) < (@hlc, @deviceId, @seq)';
const NEWEST_FIRST = 'ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT @limit';

/** The entities of one application, as exact names and as prefix ranges, optionally of one kind only. */
function applicationEntities(applicationId: string, kind?: AuditKind): { exact: string[]; ranges: [string, string][] } {
  const wanted = (k: AuditKind) => kind === undefined || kind === k;
  return {
    exact: OF_APPLICATION.filter(wanted).map((k) => `${k}:${applicationId}`),
    ranges: MEMBERS_OWN.filter(wanted).map((k) => [`${k}:${applicationId}:`, `${k}:${applicationId};`]),
  };
}

function eventsOf(ctx: CoreContext, q: TrailQuery): EventRow[] {
  const cursor = q.before ?? NEWEST;
  const params: Record<string, string | number> = { ...cursor, limit: q.limit + 1 };
  let sql: string;
  if (q.applicationId !== undefined) {
    const { exact, ranges } = applicationEntities(q.applicationId, q.kind);
    if (exact.length + ranges.length === 0) return [];
    const terms = [
      ...(exact.length ? [`entity IN (${exact.map((_, i) => `@e${i}`).join(', ')})`] : []),
      ...ranges.map((_, i) => `(entity >= @from${i} AND entity < @to${i})`),
    ];
    exact.forEach((e, i) => (params[`e${i}`] = e));
    ranges.forEach(([from, to], i) => ((params[`from${i}`] = from), (params[`to${i}`] = to)));
    // The clock-order index would serve the ORDER BY but read the whole log to find tens of rows.
    const person = q.personId === undefined ? '' : 'AND actor = @personId';
    sql = `SELECT ${COLUMNS} FROM events INDEXED BY events_by_entity WHERE (${terms.join(' OR ')}) ${person} AND ${OLDER} ${NEWEST_FIRST}`;
  } else if (q.personId !== undefined && q.kind !== undefined) {
    Object.assign(params, { personId: q.personId, from: `${q.kind}:`, to: `${q.kind};` });
    // A person and a kind: their last few thousand changes first; else whichever is smaller to
    // read in full — the kind's range if it is small, or every change the person made.
    const near = statement<[Record<string, string | number>], EventRow>(
      ctx.db,
      `SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM events INDEXED BY events_by_actor WHERE actor = @personId AND ${OLDER} ${NEWEST_FIRST.replace('@limit', '@stretch')})
        WHERE entity >= @from AND entity < @to ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT @limit`,
    ).all({ ...params, stretch: LOOK_BACK });
    if (near.length === q.limit + 1) return near;
    const small =
      statement<[Record<string, string | number>], { n: number }>(
        ctx.db,
        'SELECT count(*) AS n FROM (SELECT 1 FROM events INDEXED BY events_by_entity WHERE entity >= @from AND entity < @to LIMIT @cap)',
      ).get({ from: params.from as string, to: params.to as string, cap: SMALL_KIND })!.n < SMALL_KIND;
    sql = small
      ? `SELECT ${COLUMNS} FROM events INDEXED BY events_by_entity WHERE entity >= @from AND entity < @to AND actor = @personId AND ${OLDER} ${NEWEST_FIRST}`
      : `SELECT ${COLUMNS} FROM events INDEXED BY events_by_actor WHERE actor = @personId AND entity >= @from AND entity < @to AND ${OLDER} ${NEWEST_FIRST}`;
  } else if (q.personId !== undefined) {
    sql = `SELECT ${COLUMNS} FROM events INDEXED BY events_by_actor WHERE actor = @personId AND ${OLDER} ${NEWEST_FIRST}`;
  } else if (q.kind !== undefined) {
    Object.assign(params, { from: `${q.kind}:`, to: `${q.kind};` });
    // A common kind (scores are most of a log) fills a page from the last few thousand changes; a
    // rare one has few rows to sort. So: look back a bounded stretch in clock order first, and only
    // if that does not fill the page, read the kind's whole range (then small) and sort it.
    const near = statement<[Record<string, string | number>], EventRow>(
      ctx.db,
      `SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM events INDEXED BY events_in_order WHERE ${OLDER} ${NEWEST_FIRST.replace('@limit', '@stretch')})
        WHERE entity >= @from AND entity < @to ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT @limit`,
    ).all({ ...params, stretch: LOOK_BACK });
    if (near.length === q.limit + 1) return near;
    sql = `SELECT ${COLUMNS} FROM events INDEXED BY events_by_entity WHERE entity >= @from AND entity < @to AND ${OLDER} ${NEWEST_FIRST}`;
  } else {
    sql = `SELECT ${COLUMNS} FROM events INDEXED BY events_in_order WHERE ${OLDER} ${NEWEST_FIRST}`;
  }
  if (q.personId !== undefined) params.personId = q.personId;
  return statement<[Record<string, string | number>], EventRow>(ctx.db, sql).all(params);
}

const KIND_IDS = new Set(Object.keys(AUDIT_KINDS));
const kindOf = (entity: string): AuditKind | null => {
  const prefix = entity.slice(0, entity.indexOf(':'));
  return KIND_IDS.has(prefix) ? (prefix as AuditKind) : null;
};

/** The application an entity is about: `score:A:M` → A. */
function applicationIdOf(entity: string, kind: AuditKind | null): string | null {
  if (kind === null || !(OF_APPLICATION.includes(kind) || MEMBERS_OWN.includes(kind))) return null;
  return entity.split(':')[1] ?? null;
}

/** One page of the trail, newest first, and the cursor for the next. */
export function trailPage(ctx: CoreContext, q: TrailQuery): AuditPage {
  const found = eventsOf(ctx, q);
  const events = found.slice(0, q.limit);
  const personal = can(ctx.person, 'read-personal-data');
  const applications = new Map<string, AuditRow['application']>();
  const histories = new Map<string, Map<string, string[]>>();
  const applicationOf = (id: string) => {
    if (!applications.has(id)) {
      const a = statement<[string], { id: string; reference: string; organisation: string }>(
        ctx.db,
        'SELECT id, reference, organisation_name AS organisation FROM applications WHERE id = ?',
      ).get(id);
      applications.set(id, a ?? null);
    }
    return applications.get(id) ?? null;
  };
  // An application's own events are described as its history describes them: read once a page.
  const historyLines = (id: string, eventId: string): string[] | undefined => {
    if (!histories.has(id)) {
      const history = applicationOf(id) ? applicationHistory(ctx, id, personal) : { entries: [] };
      histories.set(id, new Map(history.entries.map((e) => [e.id, e.lines])));
    }
    return histories.get(id)?.get(eventId);
  };
  const rows = events.map((e): AuditRow => {
    const id = `${e.device_id}:${e.seq}`;
    const kind = kindOf(e.entity);
    const applicationId = applicationIdOf(e.entity, kind);
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const what =
      (kind === 'application' && applicationId !== null ? historyLines(applicationId, id) : undefined) ??
      describeEvent(ctx.db, e.type, payload, kind ? AUDIT_KINDS[kind].toLowerCase() : 'record');
    let signature: AuditRow['signature'] = null;
    if (e.type === 'decision.signed') {
      const d = payload as unknown as SignedDecision;
      const problem = signatureProblem(d) ?? notApplied(ctx.db, d, e);
      signature = { valid: problem === null, problem };
    }
    return {
      id,
      at: instant(e.hlc),
      by: personName(ctx.db, e.actor),
      personId: e.actor,
      on: laptopName(ctx.db, ctx.device.id, e.device_id),
      thisLaptop: e.device_id === ctx.device.id,
      kind,
      kindNoun: kind ? AUDIT_KINDS[kind] : e.type,
      what,
      application: applicationId ? applicationOf(applicationId) : null,
      signature,
    };
  });
  const last = events[events.length - 1];
  return { rows, next: found.length > q.limit && last ? { hlc: last.hlc, deviceId: last.device_id, seq: last.seq } : null };
}

/** The filters as given, checked: a person, application or reference that does not exist is a mistake to say, not an empty page. */
export function checkedQuery(ctx: CoreContext, input: TrailQuery & { reference?: string | undefined }): TrailQuery {
  const q: TrailQuery = { ...input };
  if (q.personId !== undefined && !statement<[string], { id: string }>(ctx.db, 'SELECT id FROM people WHERE id = ?').get(q.personId))
    throw new DomainError('VALIDATION', 'Choose a person from the list', [{ field: 'personId', message: 'Choose a person from the list' }]);
  if (
    q.applicationId !== undefined &&
    !statement<[string], { id: string }>(ctx.db, 'SELECT id FROM applications WHERE id = ?').get(q.applicationId)
  )
    throw new DomainError('VALIDATION', 'That application does not exist', [
      { field: 'applicationId', message: 'Choose an application from the register' },
    ]);
  const reference = input.reference?.trim();
  if (reference) {
    const byReference = statement<[string], { id: string }>(ctx.db, 'SELECT id FROM applications WHERE reference = ?');
    const found = byReference.get(reference) ?? byReference.get(reference.toUpperCase());
    if (!found) {
      const message = `No application has the reference ${reference} — check it against the register`;
      throw new DomainError('VALIDATION', message, [{ field: 'reference', message }]);
    }
    if (q.applicationId !== undefined && q.applicationId !== found.id) {
      const message = `${reference} is not the application chosen — give one or the other`;
      throw new DomainError('VALIDATION', message, [{ field: 'reference', message }]);
    }
    q.applicationId = found.id;
  }
  delete (q as { reference?: string }).reference;
  return q;
}
