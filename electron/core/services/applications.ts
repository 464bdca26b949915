// The applications register: receive, read, list (filtered, sorted, paged), withdraw, reinstate.
import { randomUUID } from 'node:crypto';
import {
  checkAgainstRound,
  checkReceivedOn,
  CONTACT_FIELDS,
  type Application,
  type ApplicationDraft,
  type ApplicationRecord,
  type RoundContext,
} from '../../../shared/domain/application';
import type { ApplicationDetail, ApplicationRow } from '../../../shared/contract/applications';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError } from '../../../shared/contract/result';
import { mayReadInFull } from '../panels/access';
import { authorise, can } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { CoreKinds } from '../events/project';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { listAreas, listFunds, listPlans } from './catalogue';
import { getRound } from './rounds';
import { holdPersonalData, personalData } from '../personal-data';
import { formatPence } from '../../../shared/domain/money';
import { STAGE_IDS, type Stage } from '../../../shared/domain/stages';
import { startOfUkDay, ukIsoDay } from '../../../shared/domain/dates';
import { canonicalJson } from '../../../shared/events/canonical';
import type { StoredEvent } from '../../../shared/events/event';
import { changesBetween, editableProjectors, type Editable } from '../merge/editable';
import { screeningOf } from './screening';
import { rulesAtReceipt, type RulesAtReceipt } from './rules-at-receipt';
import { APPLICATION_FIELD_LABELS, describeApplicationField } from './application-fields';
import { receivedRecord } from './received-record';

/**
 * Writes an application's row. Given the event whose payload is exactly `a` (an application.received
 * as it came), the row points at it instead of holding the same JSON again; otherwise it holds `a`.
 */
function writeApplication(db: Db, a: ApplicationRecord, receivedIn?: Pick<StoredEvent, 'deviceId' | 'seq'>): void {
  statement(
    db,
    `INSERT OR REPLACE INTO applications (id, reference, round_id, area_id, status, received_at, organisation_name, project_title, amount_requested, search_text, body, withdrawn_reason, contact_digest, received_device, received_seq)
     VALUES (@id, @reference, @roundId, @areaId, @status, @receivedAt, @organisationName, @projectTitle, @amountRequested, @searchText, @body, @withdrawnReason, @contactDigest, @receivedDevice, @receivedSeq)`,
  ).run({
    // Named one by one: a copy of the whole record (`...a`) cost more than the insert itself.
    id: a.id,
    reference: a.reference,
    roundId: a.roundId,
    areaId: a.areaId,
    status: a.status,
    receivedAt: receivedMoment(a),
    organisationName: a.organisationName,
    projectTitle: a.projectTitle,
    amountRequested: a.amountRequested,
    searchText: [a.reference, a.organisationName, a.projectTitle].join(' ').toLowerCase(),
    body: receivedIn ? null : canonicalJson(a),
    withdrawnReason: a.withdrawnReason,
    contactDigest: a.contactDigest,
    receivedDevice: receivedIn?.deviceId ?? null,
    receivedSeq: receivedIn?.seq ?? null,
  });
  statement(db, 'DELETE FROM application_priorities WHERE application_id = ?').run(a.id);
  const insert = statement(db, 'INSERT INTO application_priorities (application_id, priority_id) VALUES (?, ?)');
  for (const p of a.priorityIds) insert.run(a.id, p);
}

/**
 * When an application counts as received, for the register's order and its Received column: the
 * moment it was recorded, or where it was received on an earlier day (a paper form entered
 * later), the start of that day.
 */
function receivedMoment(a: Pick<ApplicationRecord, 'receivedAt' | 'receivedOn'>): string {
  return a.receivedOn && a.receivedOn !== ukIsoDay(a.receivedAt) ? startOfUkDay(a.receivedOn) : a.receivedAt;
}

/** An application's JSON: its row's body, or the payload of the event it points at. */
const BODY = 'coalesce(a.body, received.payload)';
const RECEIVED_IN = 'LEFT JOIN events received ON received.device_id = a.received_device AND received.seq = a.received_seq';

function readApplication(db: Db, id: string): ApplicationRecord | undefined {
  const row = statement<[string], { body: string; status: ApplicationRecord['status']; withdrawn_reason: string | null }>(
    db,
    `SELECT ${BODY} AS body, a.status, a.withdrawn_reason FROM applications a ${RECEIVED_IN} WHERE a.id = ?`,
  ).get(id);
  if (!row) return undefined;
  const record = JSON.parse(row.body) as ApplicationRecord;
  // Records from before the date received was asked for were received the day they were recorded.
  record.receivedOn ??= ukIsoDay(record.receivedAt);
  return { ...record, status: row.status, withdrawnReason: row.withdrawn_reason };
}

export const applications: Editable<ApplicationRecord, 'application'> = {
  kind: 'application',
  noun: 'application',
  fields: Object.keys(APPLICATION_FIELD_LABELS),
  personalFields: ['contactDigest'],
  read: readApplication,
  write: writeApplication,
  label: (a) => `${a.reference} ${a.organisationName}`,
  fieldLabel: (_, field) => APPLICATION_FIELD_LABELS[field as keyof typeof APPLICATION_FIELD_LABELS] ?? field,
  describe: describeApplicationField,
};

export const applicationKind: CoreKinds['application'] = {
  editable: applications,
  projectors: {
    ...editableProjectors(applications),
    'application.received': (db, e) => {
      const record = e.payload as ApplicationRecord;
      // Two laptops can number different applications alike. Projections run in clock order, so the
      // earlier keeps the reference everywhere and the later is marked with its laptop, the same on
      // every laptop.
      const taken = statement<[string, string], { id: string }>(db, 'SELECT id FROM applications WHERE reference = ? AND id != ?').get(
        record.reference,
        record.id,
      );
      if (taken) writeApplication(db, { ...record, reference: `${record.reference}-${e.deviceId.slice(0, 4).toUpperCase()}` });
      else writeApplication(db, record, e);
    },
    // Back to received, the reason for withdrawal cleared (the log keeps it). Only a withdrawn
    // application is reinstated: replayed in clock order, a second reinstatement, or one arriving
    // after a later withdrawal's change, finds the same status on every laptop and does the same.
    'application.reinstated': (db, e) => {
      const { id } = e.payload as { id: string };
      const a = readApplication(db, id);
      if (a?.status === 'withdrawn') writeApplication(db, { ...a, status: 'received', withdrawnReason: null });
    },
    // Written before withdrawal became a field change; still replayed from older logs.
    'application.withdrawn': (db, e) => {
      const { id, reason } = e.payload as { id: string; reason: string };
      const a = readApplication(db, id);
      if (a) writeApplication(db, { ...a, status: 'withdrawn', withdrawnReason: reason });
    },
  },
};

/** The round's rules with the fund as it was when the application was received. */
function asReceived(db: Db, applicationId: string, rc: RoundContext): RoundContext {
  const then = rulesAtReceipt(db, applicationId);
  if (!then) return rc;
  return { ...rc, fund: { ...rc.fund, name: then.fundName, maxAwardPence: then.maxAwardPence }, fundAsReceived: true };
}

export function roundContext(db: Db, roundId: string): RoundContext {
  const round = getRound(db, roundId);
  const fund = listFunds(db).find((f) => f.id === round.fundId);
  const plan = listPlans(db).find((p) => p.id === round.planId);
  if (!fund || !plan) throw new DomainError('NOT_FOUND', `${round.name} refers to a fund or plan that no longer exists`);
  return { round, fund, plan, areas: listAreas(db) };
}

/** The next free reference for a fund and year: ACF-2026-0001. */
export function nextReference(db: Db, fundCode: string, year: number): string {
  return referenceNumbers(db, fundCode, year)();
}

/**
 * Numbers references for a fund and year, one after another, in one transaction: the highest held
 * is found once (reading every reference of that fund and year), then counted on, stepping over
 * any taken since — so numbering 20,000 imported applications is not 20,000 such reads.
 */
export function referenceNumbers(db: Db, fundCode: string, year: number): () => string {
  const prefix = `${fundCode}-${year}-`;
  const glob = `${prefix.replace(/[*?[]/g, (c) => `[${c}]`)}[0-9]*`;
  let n =
    statement<[{ start: number; glob: string }], { n: number | null }>(
      db,
      'SELECT max(CAST(substr(reference, @start) AS INTEGER)) AS n FROM applications WHERE reference GLOB @glob',
    ).get({ start: prefix.length + 1, glob })?.n ?? 0;
  return () => {
    let reference: string;
    do reference = `${prefix}${String(++n).padStart(4, '0')}`;
    while (referenceExists(db, reference));
    return reference;
  };
}

export function referenceExists(db: Db, reference: string): boolean {
  return statement(db, 'SELECT 1 FROM applications WHERE reference = ?').get(reference) !== undefined;
}

/** Appends an application.received event, its contact details held beside it; call inside write(). */
export function receive(ctx: CoreContext, draft: ApplicationDraft, receivedAt: string): Pick<Application, 'id' | 'reference'> {
  const id = randomUUID();
  const { contactName, contactEmail, contactPhone, ...fields } = draft;
  // In key order, so its canonical text needs no sorted copy.
  const contactDigest = holdPersonalData(ctx.db, { contactEmail, contactName, contactPhone });
  const receivedOn = fields.receivedOn ?? ukIsoDay(receivedAt);
  const record = receivedRecord(fields, { id, receivedAt, receivedOn, contactDigest });
  ctx.log.append(ctx.person.id, 'application.received', `application:${id}`, record);
  return { id, reference: draft.reference };
}

/** A panel member reads an application in full only on its panel, having declared no interest (panels/access.ts). */
export function mustMayReadInFull(ctx: CoreContext, id: string): void {
  if (!mayReadInFull(ctx.db, ctx.person, id))
    throw new DomainError(
      'FORBIDDEN',
      `${ctx.person.name} reads an application in full from their panel, after declaring whether they have an interest in it`,
    );
}

/** `personal`: whether the reader may see the applicant's contact details; otherwise they are blank. */
export function getDetail(db: Db, id: string, personal: boolean): ApplicationDetail {
  const row = statement<
    [string],
    {
      body: string;
      status: Application['status'];
      withdrawn_reason: string | null;
      round_name: string;
      fund_name: string;
      area_name: string;
      plan_id: string;
      stage: Stage | null;
    }
  >(
    db,
    `SELECT ${BODY} AS body, a.status, a.withdrawn_reason, r.name AS round_name, f.name AS fund_name, ar.name AS area_name, r.plan_id, st.stage
       FROM applications a JOIN rounds r ON r.id = a.round_id LEFT JOIN funds f ON f.id = r.fund_id LEFT JOIN areas ar ON ar.id = a.area_id
       LEFT JOIN application_stages st ON st.application_id = a.id
       ${RECEIVED_IN} WHERE a.id = ?`,
  ).get(id);
  if (!row) throw new DomainError('NOT_FOUND', 'That application does not exist');
  const { contactDigest, ...body } = JSON.parse(row.body) as ApplicationRecord;
  body.receivedOn ??= ukIsoDay(body.receivedAt);
  const contact = personal ? personalData(db, contactDigest) : null;
  const contactFields = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, contact?.[f] ?? ''])) as Pick<
    Application,
    (typeof CONTACT_FIELDS)[number]
  >;
  const then = rulesAtReceipt(db, id);
  const priorities = statement<[string], { id: string; code: string; title: string }>(
    db,
    'SELECT p.id, p.code, p.title FROM application_priorities ap JOIN priorities p ON p.id = ap.priority_id WHERE ap.application_id = ? ORDER BY p.position',
  ).all(id);
  return {
    ...body,
    ...contactFields,
    contactHeld: contact !== null,
    contactHidden: !personal,
    status: row.status,
    stage: row.stage ?? (row.status === 'withdrawn' ? 'withdrawn' : 'received'),
    withdrawnReason: row.withdrawn_reason,
    roundName: row.round_name,
    fundName: row.fund_name ?? '',
    areaName: row.area_name ?? '',
    priorities,
    openConflicts:
      statement<[string], { n: number }>(
        db,
        "SELECT count(*) AS n FROM conflicts WHERE kind = 'application' AND entity_id = ? AND resolved_at IS NULL",
      ).get(id)?.n ?? 0,
    receivedUnder: then && { fundName: then.fundName, maxAwardPence: then.maxAwardPence },
    rulesNotice: rulesNotice(db, then, body.amountRequested, body.roundId),
    screening: screeningSummary(db, id),
  };
}

function screeningSummary(db: Db, id: string): ApplicationDetail['screening'] {
  const s = screeningOf(db, id);
  if (!s) return null;
  return {
    result: s.result,
    toldApplicant: s.toldApplicant,
    setAside: s.checks.flatMap((c) => (c.overrideReason ? [{ question: c.question, reason: c.overrideReason }] : [])),
    disputed: s.disputed,
  };
}

/** Says so where an application asks for more than its fund allows today, and why that stands. */
function rulesNotice(db: Db, then: RulesAtReceipt | null, amount: number, roundId: string): string | null {
  const now = roundContext(db, roundId).fund;
  if (now.maxAwardPence === null || amount <= now.maxAwardPence) return null;
  const today = `This application asks for ${formatPence(amount)}, more than the ${now.name}'s maximum of ${formatPence(now.maxAwardPence)} today.`;
  if (!then || (then.maxAwardPence !== null && amount > then.maxAwardPence)) return today;
  const limit = then.maxAwardPence === null ? 'had no maximum' : `allowed up to ${formatPence(then.maxAwardPence)}`;
  return `${today} When it was received, the ${then.fundName} ${limit}; it is judged by the rules as they were then.`;
}

const SORT_COLUMNS: Record<ParsedInput<'applications.list'>['sort'], string> = {
  receivedAt: 'a.received_at',
  reference: 'a.reference',
  organisationName: 'a.organisation_name COLLATE NOCASE',
  projectTitle: 'a.project_title COLLATE NOCASE',
  areaName: 'ar.name',
  amountRequested: 'a.amount_requested',
  // In the order of the commissioning cycle, not the alphabet's.
  status: `(SELECT CASE st.stage ${STAGE_IDS.map((id, i) => `WHEN '${id}' THEN ${i}`).join(' ')} END FROM application_stages st WHERE st.application_id = a.id)`,
};

export function listApplications(db: Db, q: ParsedInput<'applications.list'>): { total: number; rows: ApplicationRow[] } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (q.roundId) {
    where.push('a.round_id = @roundId');
    params.roundId = q.roundId;
  }
  if (q.fundId) {
    where.push('a.round_id IN (SELECT id FROM rounds WHERE fund_id = @fundId)');
    params.fundId = q.fundId;
  }
  if (q.areaId) {
    where.push('a.area_id = @areaId');
    params.areaId = q.areaId;
  }
  if (q.status) {
    where.push('a.status = @status');
    params.status = q.status;
  }
  if (q.priorityId) {
    where.push('a.id IN (SELECT application_id FROM application_priorities WHERE priority_id = @priorityId)');
    params.priorityId = q.priorityId;
  }
  if (q.search) {
    // LIKE with the user's text escaped, so % and _ are searched for literally.
    where.push("a.search_text LIKE @search ESCAPE '\\'");
    params.search = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  // A stage is found through its index first (a few hundred of 20,000), each looked up by id:
  // CROSS JOIN keeps the stages as the outer loop, so no filter by stage reads every application.
  let from = 'applications a';
  if (q.stage) {
    from = 'application_stages st CROSS JOIN applications a ON a.id = st.application_id';
    where.unshift(q.roundId ? 'st.stage = @stage AND st.round_id = @roundId' : 'st.stage = @stage');
    params.stage = q.stage;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Counting needs no joins beyond the stage's: every other filter is on the applications table itself.
  const total = (statement(db, `SELECT count(*) AS n FROM ${from} ${filter}`).get(params) as { n: number }).n;
  // Reference is unique, so it settles ties in an order a person can follow.
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const order = q.sort === 'reference' ? `a.reference ${dir}` : `${SORT_COLUMNS[q.sort]} ${dir}, a.reference ${dir}`;
  // The page's ids are found first, sorting only their keys, and only those 100 rows are joined
  // to their round, fund and area: sorting whole joined rows made a sort by organisation or
  // amount, or an area's rows, 2-5 times slower at 20,000 applications. CROSS JOIN keeps the page
  // as the outer loop: with the limit a bound parameter, SQLite would otherwise scan every
  // application and look each up in the page.
  const byArea = q.sort === 'areaName' ? 'LEFT JOIN areas ar ON ar.id = a.area_id' : '';
  const rows = statement(
    db,
    `SELECT a.id, a.reference, a.round_id AS roundId, r.name AS roundName, f.code AS fundCode, a.organisation_name AS organisationName,
         a.project_title AS projectTitle, a.area_id AS areaId, ar.name AS areaName, a.amount_requested AS amountRequested, a.status, a.received_at AS receivedAt,
         s.result AS screening, coalesce(stage.stage, 'received') AS stage
       FROM (SELECT a.id FROM ${from} ${byArea} ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
       CROSS JOIN applications a ON a.id = page.id JOIN rounds r ON r.id = a.round_id LEFT JOIN funds f ON f.id = r.fund_id
       LEFT JOIN areas ar ON ar.id = a.area_id LEFT JOIN screenings s ON s.application_id = a.id
       LEFT JOIN application_stages stage ON stage.application_id = a.id
       ORDER BY ${order}`,
  ).all({ ...params, limit: q.limit, offset: q.offset }) as ApplicationRow[];
  return { total, rows };
}

/** Records the fields that differ from what this laptop holds, each with the value it replaces. */
function change(ctx: CoreContext, id: string, next: Partial<ApplicationRecord>): void {
  const current = readApplication(ctx.db, id);
  if (!current) throw new DomainError('NOT_FOUND', 'That application does not exist');
  const changes = changesBetween(applications, current, next);
  if (Object.keys(changes).length === 0) return;
  write(ctx, () => ctx.log.append(ctx.person.id, 'application.changed', `application:${id}`, { id, changes }));
}

export const applicationHandlers: Handlers<
  | 'applications.list'
  | 'applications.get'
  | 'applications.create'
  | 'applications.withdraw'
  | 'applications.reinstate'
  | 'applications.update'
> = {
  'applications.list': (q, ctx) => {
    authorise(ctx, 'read-register');
    return listApplications(ctx.db, q);
  },
  'applications.get': ({ id }, ctx) => {
    mustMayReadInFull(ctx, id);
    return getDetail(ctx.db, id, can(ctx.person, 'read-personal-data'));
  },
  'applications.create': (draft, ctx) => {
    authorise(ctx, 'manage-register');
    const rc = roundContext(ctx.db, draft.roundId);
    const now = ctx.now();
    const problems = [...checkAgainstRound(draft, rc), ...checkReceivedOn(draft.receivedOn, ukIsoDay(now))];
    if (draft.reference && referenceExists(ctx.db, draft.reference)) {
      problems.push({
        field: 'reference',
        message: `Applicant reference ${draft.reference} is already in the register — use another or leave it blank`,
      });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', 'The application has problems — check the fields below', problems);
    const application = write(ctx, () => {
      const reference = draft.reference || nextReference(ctx.db, rc.fund.code, now.getUTCFullYear());
      return receive(ctx, { ...draft, reference }, now.toISOString());
    });
    return { id: application.id, reference: application.reference };
  },
  'applications.withdraw': ({ id, reason }, ctx) => {
    authorise(ctx, 'manage-register');
    const current = getDetail(ctx.db, id, can(ctx.person, 'read-personal-data'));
    if (current.status === 'withdrawn') throw new DomainError('CONFLICT', `${current.reference} is already withdrawn`);
    change(ctx, id, { status: 'withdrawn', withdrawnReason: reason });
    return getDetail(ctx.db, id, can(ctx.person, 'read-personal-data'));
  },
  'applications.reinstate': ({ id, reason }, ctx) => {
    authorise(ctx, 'manage-register');
    const current = readApplication(ctx.db, id);
    if (!current) throw new DomainError('NOT_FOUND', 'That application does not exist');
    if (current.status !== 'withdrawn')
      throw new DomainError('CONFLICT', `${current.reference} is not withdrawn, so there is nothing to reinstate`);
    write(ctx, () => ctx.log.append(ctx.person.id, 'application.reinstated', `application:${id}`, { id, reason }));
    return getDetail(ctx.db, id, can(ctx.person, 'read-personal-data'));
  },
  'applications.update': ({ id, application: edit }, ctx) => {
    authorise(ctx, 'manage-register');
    const current = readApplication(ctx.db, id);
    if (!current) throw new DomainError('NOT_FOUND', 'That application does not exist');
    // An edit that does not give the date received keeps it.
    const draft = { ...edit, receivedOn: edit.receivedOn ?? current.receivedOn };
    if (current.status === 'withdrawn')
      throw new DomainError('CONFLICT', `${current.reference} is withdrawn, so it can no longer be changed`);
    // The round's rules apply to what this edit changes, as they were when the application was
    // received: a title is corrected, and an amount judged, whatever the fund's maximum is now.
    const changed = (['amountRequested', 'areaId', 'priorityIds', 'receivedOn'] as const).filter(
      (f) => canonicalJson(draft[f]) !== canonicalJson(current[f]),
    );
    // A priority it already holds stays valid, even one since taken out of the plan: only those newly chosen are checked.
    const newlyChosen = draft.priorityIds.filter((p) => !current.priorityIds.includes(p));
    const problems = [
      ...checkAgainstRound(
        Object.fromEntries(changed.map((f) => [f, f === 'priorityIds' ? newlyChosen : draft[f]])),
        asReceived(ctx.db, id, roundContext(ctx.db, current.roundId)),
      ),
      ...(changed.includes('receivedOn') ? checkReceivedOn(draft.receivedOn, ukIsoDay(ctx.now())) : []),
    ];
    if (draft.roundId !== current.roundId)
      problems.push({ field: 'roundId', message: 'An application stays in the round it was received in' });
    if (draft.reference !== current.reference) problems.push({ field: 'reference', message: 'An application keeps its reference' });
    const { contactName, contactEmail, contactPhone, ...rest } = draft;
    const contact = { contactName, contactEmail, contactPhone };
    const held = personalData(ctx.db, current.contactDigest);
    // Blank contact details keep the ones this laptop does not hold; where it holds them, they are required.
    const keepUnheld = held === null && CONTACT_FIELDS.every((f) => contact[f] === '');
    if (!keepUnheld) {
      if (!contactName) problems.push({ field: 'contactName', message: 'Enter the contact name' });
      if (!contactEmail) problems.push({ field: 'contactEmail', message: 'Enter the contact email address' });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', 'The application has problems — check the fields below', problems);
    write(ctx, () => {
      const sameContact = keepUnheld || (held !== null && CONTACT_FIELDS.every((f) => held[f] === contact[f]));
      const contactDigest = sameContact ? current.contactDigest : holdPersonalData(ctx.db, contact);
      change(ctx, id, { ...rest, contactDigest });
    });
    return getDetail(ctx.db, id, can(ctx.person, 'read-personal-data'));
  },
};
