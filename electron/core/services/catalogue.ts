// Funds, areas and plans: the catalogue the rest of the register refers to.
import {
  ORGANISATION_TYPES,
  type Area,
  type Fund,
  type OfficerCheck,
  type OrganisationType,
  type Plan,
  type PlanInput,
  type Priority,
} from '../../../shared/domain/catalogue';
import { officerChecksOf, organisationTypesOf } from '../../../shared/domain/eligibility';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { officerOf, write, type CoreContext, type Handlers } from '../context';
import type { CoreKinds } from '../events/project';
import type { StoredEvent } from '../../../shared/events/event';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { canonicalJson } from '../../../shared/events/canonical';
import { SEED_AREAS, SEED_FUNDS, SEED_PLANS } from './catalogue-seed';
import { formatPence } from '../../../shared/domain/money';
import { changesBetween, describePlain, editableProjectors, type Editable, type EntityRecord } from '../merge/editable';
import { confirmEffects, fundChangeEffects } from './change-effects';

const FUND_LABELS: Record<string, string> = {
  name: 'Name',
  code: 'Code',
  source: 'Source of money',
  maxAwardPence: 'Maximum award',
  eligibility: 'Eligibility',
  minAwardPence: 'Minimum award',
  organisationTypes: 'Types of organisation allowed',
  officerChecks: 'Checks the officer confirms',
};
const AREA_LABELS: Record<string, string> = { name: 'Name', onsCode: 'ONS code', localAuthority: 'Local authority' };

/** A checklist as stored: null while it is as shipped, so a fund's row reads the same however it was reached. */
const asShippedOrJson = (value: unknown, shipped: unknown): string | null =>
  value === null || value === undefined || canonicalJson(value) === canonicalJson(shipped) ? null : canonicalJson(value);

const funds: Editable<Fund, 'fund'> = {
  kind: 'fund',
  noun: 'fund',
  fields: Object.keys(FUND_LABELS),
  read: (db, id) => {
    const r = statement<[string], FundRow>(db, 'SELECT * FROM funds WHERE id = ?').get(id);
    return r && fundFromRow(r);
  },
  write: (db, f) => {
    // A seed or record from before screening lacks the checklist: stored as null, read as shipped.
    statement(
      db,
      `INSERT OR REPLACE INTO funds (id, name, code, source, max_award_pence, eligibility, min_award_pence, organisation_types, officer_checks)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.id,
      f.name,
      f.code,
      f.source,
      f.maxAwardPence,
      f.eligibility,
      f.minAwardPence ?? null,
      asShippedOrJson(f.organisationTypes, organisationTypesOf(f.id, null)),
      asShippedOrJson(f.officerChecks, officerChecksOf(f.id, null)),
    );
  },
  label: (f) => f.name,
  fieldLabel: (_, field) => FUND_LABELS[field] ?? field,
  describe: (_, field, value) => {
    if (field === 'maxAwardPence') return typeof value === 'number' ? formatPence(value) : 'No maximum';
    if (field === 'minAwardPence') return typeof value === 'number' ? formatPence(value) : 'No minimum';
    if (field === 'organisationTypes' && Array.isArray(value))
      return value.length === 0 ? 'Every type' : value.map((t) => ORGANISATION_TYPES[t as OrganisationType] ?? String(t)).join('; ');
    if (field === 'officerChecks' && Array.isArray(value))
      return value.length === 0 ? '(none)' : (value as OfficerCheck[]).map((c) => `${c.question} — “${c.failSentence}”`).join('\n');
    return describePlain(value);
  },
};

const areas: Editable<Area, 'area'> = {
  kind: 'area',
  noun: 'area',
  fields: Object.keys(AREA_LABELS),
  read: (db, id) => {
    const r = statement<[string], AreaRow>(db, 'SELECT * FROM areas WHERE id = ?').get(id);
    return r && areaFromRow(r);
  },
  write: (db, a) => {
    statement(db, 'INSERT OR REPLACE INTO areas (id, name, ons_code, local_authority) VALUES (?, ?, ?, ?)').run(
      a.id,
      a.name,
      a.onsCode,
      a.localAuthority,
    );
  },
  label: (a) => a.name,
  fieldLabel: (_, field) => AREA_LABELS[field] ?? field,
  describe: (_, __, value) => describePlain(value),
};

const PLAN_LABELS: Record<string, string> = { name: 'Name', startYear: 'First year', endYear: 'Last year', priorities: 'Priorities' };

interface PlanRow {
  id: string;
  name: string;
  start_year: number;
  end_year: number;
  sections: string;
}
interface PriorityRow {
  id: string;
  plan_id: string;
  code: string;
  title: string;
}

const planFromRow = (db: Db, p: PlanRow): Plan => ({
  id: p.id,
  name: p.name,
  startYear: p.start_year,
  endYear: p.end_year,
  sections: JSON.parse(p.sections) as Plan['sections'],
  priorities: statement<[string], PriorityRow>(db, 'SELECT * FROM priorities WHERE plan_id = ? AND in_plan = 1 ORDER BY position')
    .all(p.id)
    .map((x) => ({ id: x.id, planId: x.plan_id, code: x.code, title: x.title })),
});

/**
 * A plan as held: its priorities in order. A priority taken out of the plan keeps its row, marked
 * as out of the plan, for the applications that chose it (on this laptop or, unknown to it yet, on
 * another): it is not offered any more, but those applications keep their meaning. A priority id
 * that is another plan's is never moved to this one.
 */
const plans: Editable<Plan, 'plan'> = {
  kind: 'plan',
  noun: 'Police and Crime Plan',
  fields: Object.keys(PLAN_LABELS),
  read: (db, id) => {
    const r = statement<[string], PlanRow>(db, 'SELECT * FROM plans WHERE id = ?').get(id);
    return r && planFromRow(db, r);
  },
  write: (db, p) => {
    statement(db, 'INSERT OR REPLACE INTO plans (id, name, start_year, end_year, sections) VALUES (?, ?, ?, ?, ?)').run(
      p.id,
      p.name,
      p.startYear,
      p.endYear,
      JSON.stringify(p.sections),
    );
    const ours = p.priorities.filter((x) => x.id.startsWith(`${p.id}:`));
    const upsert = statement(
      db,
      `INSERT INTO priorities (id, plan_id, code, title, position, in_plan) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title, position = excluded.position, in_plan = 1
       WHERE priorities.plan_id = excluded.plan_id`,
    );
    ours.forEach((x, i) => upsert.run(x.id, p.id, x.code, x.title, i));
    statement(db, 'UPDATE priorities SET in_plan = 0 WHERE plan_id = ? AND id NOT IN (SELECT value FROM json_each(?))').run(
      p.id,
      JSON.stringify(ours.map((x) => x.id)),
    );
  },
  label: (p) => p.name,
  fieldLabel: (_, field) => PLAN_LABELS[field] ?? field,
  describe: (_, field, value) => {
    // One a line: two versions of a plan's list are read side by side.
    if (field === 'priorities' && Array.isArray(value)) return (value as Priority[]).map((x) => `${x.code} — ${x.title}`).join('\n');
    if (typeof value === 'number') return String(value); // a year: 2029, not 2,029
    return describePlain(value);
  },
};

/**
 * Seeds fill only what is missing: a laptop set up today seeds the catalogue with today's clock,
 * and its seed must never undo an edit made earlier on another laptop.
 */
const seeded =
  <T extends EntityRecord>(kind: Editable<T>) =>
  (db: Db, e: StoredEvent) => {
    const record = e.payload as T;
    if (!kind.read(db, record.id)) kind.write(db, record);
  };

// Whole-record saves (`*.saved`) were written before field-by-field changes; still replayed from older logs.
export const fundKind: CoreKinds['fund'] = {
  editable: funds,
  projectors: { ...editableProjectors(funds), 'fund.seeded': seeded(funds), 'fund.saved': (db, e) => funds.write(db, e.payload as Fund) },
};

export const areaKind: CoreKinds['area'] = {
  editable: areas,
  projectors: { ...editableProjectors(areas), 'area.seeded': seeded(areas), 'area.saved': (db, e) => areas.write(db, e.payload as Area) },
};

export const planKind: CoreKinds['plan'] = {
  editable: plans,
  projectors: { ...editableProjectors(plans), 'plan.seeded': seeded(plans), 'plan.saved': (db, e) => plans.write(db, e.payload as Plan) },
};

/**
 * First run: the seed catalogue, as events by the officer who will set this laptop up (a laptop
 * that joins an office instead receives the office's catalogue, which its seeds never override).
 */
export function seedIfEmpty(ctx: CoreContext): void {
  const seeded = statement(ctx.db, 'SELECT 1 FROM funds LIMIT 1').get();
  if (seeded) return;
  write(ctx, () => {
    const actor = officerOf(ctx.device.id);
    for (const f of SEED_FUNDS) ctx.log.append(actor, 'fund.seeded', `fund:${f.id}`, f);
    for (const a of SEED_AREAS) ctx.log.append(actor, 'area.seeded', `area:${a.id}`, a);
    for (const p of SEED_PLANS) ctx.log.append(actor, 'plan.seeded', `plan:${p.id}`, p);
  });
}

interface FundRow {
  id: string;
  name: string;
  code: string;
  source: string;
  max_award_pence: number | null;
  eligibility: string;
  min_award_pence: number | null;
  organisation_types: string | null;
  officer_checks: string | null;
}

interface AreaRow {
  id: string;
  name: string;
  ons_code: string | null;
  local_authority: string;
}

const fundFromRow = (r: FundRow): Fund => ({
  id: r.id,
  name: r.name,
  code: r.code,
  source: r.source,
  maxAwardPence: r.max_award_pence,
  eligibility: r.eligibility,
  minAwardPence: r.min_award_pence,
  organisationTypes: organisationTypesOf(
    r.id,
    r.organisation_types === null ? null : (JSON.parse(r.organisation_types) as OrganisationType[]),
  ),
  officerChecks: officerChecksOf(r.id, r.officer_checks === null ? null : (JSON.parse(r.officer_checks) as OfficerCheck[])),
});
const areaFromRow = (r: AreaRow): Area => ({ id: r.id, name: r.name, onsCode: r.ons_code, localAuthority: r.local_authority });

export function listFunds(db: Db): Fund[] {
  return statement<[], FundRow>(db, 'SELECT * FROM funds ORDER BY name').all().map(fundFromRow);
}

export function listAreas(db: Db): Area[] {
  return statement<[], AreaRow>(db, 'SELECT * FROM areas ORDER BY name').all().map(areaFromRow);
}

export function listPlans(db: Db): Plan[] {
  return statement<[], PlanRow>(db, 'SELECT * FROM plans ORDER BY start_year, name')
    .all()
    .map((p) => planFromRow(db, p));
}

/** How many applications chose each of a plan's priorities (withdrawn ones too: they keep their meaning). */
export function priorityUse(db: Db, planId: string): Record<string, number> {
  const rows = statement<[string], { id: string; n: number }>(
    db,
    'SELECT p.id, (SELECT count(*) FROM application_priorities ap WHERE ap.priority_id = p.id) AS n FROM priorities p WHERE p.plan_id = ? AND p.in_plan = 1',
  ).all(planId);
  return Object.fromEntries(rows.map((r) => [r.id, r.n]));
}

const applicationsWord = (n: number) => `${n.toLocaleString('en-GB')} application${n === 1 ? '' : 's'}`;

/**
 * A plan as saved: existing priorities keep their ids (so a reworded priority still means the same
 * on every application that chose it); a new one gets an id no priority has had. Taking out a
 * priority that applications chose is refused, naming how many.
 */
function savePlan(ctx: CoreContext, { adding, confirmed, ...input }: PlanInput): Plan {
  const current = plans.read(ctx.db, input.id);
  if (!adding && !current) throw new DomainError('NOT_FOUND', `There is no plan with the id ${input.id} — it may have been removed`);
  if (adding && current)
    throw new DomainError('VALIDATION', `There is already a plan with the id ${input.id}: ${current.name}`, [
      { field: 'startYear', message: `There is already a plan for these years (${current.name}) — change that one, or choose other years` },
    ]);
  const held = new Map((current?.priorities ?? []).map((x) => [x.id, x]));
  const problems: FieldProblem[] = [];
  input.priorities.forEach((x, i) => {
    if (x.id !== null && !held.has(x.id))
      problems.push({
        field: `priorities.${i}.code`,
        message: `${x.code} is no longer in this plan (it may have changed on another laptop) — reload the page and try again`,
      });
  });
  const kept = new Set(input.priorities.map((x) => x.id));
  const use = current ? priorityUse(ctx.db, current.id) : {};
  for (const x of current?.priorities ?? []) {
    const n = use[x.id] ?? 0;
    if (!kept.has(x.id) && n > 0)
      problems.push({
        field: 'priorities',
        message: `${x.code} — ${x.title} is chosen by ${applicationsWord(n)}, so it cannot be taken out of the plan. Keep it; you may reword it`,
      });
  }
  if (problems.length > 0)
    throw new DomainError(
      'VALIDATION',
      problems.length === 1 ? problems[0]!.message : `${problems.length} details need correcting — see the list below`,
      problems,
    );
  confirmEffects(rewordingEffects(input.priorities, held, use), confirmed);
  const taken = new Set<string>();
  const priorities: Priority[] = input.priorities.map((x) => {
    const id = x.id ?? newPriorityId(ctx.db, input.id, x.code, taken);
    taken.add(id);
    return { id, planId: input.id, code: x.code, title: x.title };
  });
  const plan: Plan = { ...input, sections: current?.sections ?? [], priorities };
  return save(ctx, plans, plan, adding);
}

/** Priorities applications chose, reworded: each application will show the new words. */
function rewordingEffects(next: PlanInput['priorities'], held: Map<string, Priority>, use: Record<string, number>): FieldProblem[] {
  return next.flatMap((x, i) => {
    const was = x.id === null ? undefined : held.get(x.id);
    const n = x.id === null ? 0 : (use[x.id] ?? 0);
    if (!was || n === 0 || (was.code === x.code && was.title === x.title)) return [];
    return [
      {
        field: `priorities.${i}.title`,
        message: `${applicationsWord(n)} chose ${was.code} — ${was.title}; ${n === 1 ? 'it' : 'each'} will show it as ${x.code} — ${x.title}.`,
      },
    ];
  });
}

/** `<plan id>:<code>`, or with -2, -3… if a priority (in the plan or out of it) ever had that id. */
function newPriorityId(db: Db, planId: string, code: string, taken: Set<string>): string {
  const base = `${planId}:${code.toUpperCase()}`;
  const used = statement<[string], { id: string }>(db, 'SELECT id FROM priorities WHERE id = ?');
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && !used.get(id)) return id;
  }
}

export const catalogueHandlers: Handlers<
  | 'catalogue.funds'
  | 'catalogue.areas'
  | 'catalogue.plans'
  | 'catalogue.priorityUse'
  | 'catalogue.saveFund'
  | 'catalogue.saveArea'
  | 'catalogue.savePlan'
> = {
  'catalogue.funds': (_, ctx) => {
    authorise(ctx, 'read-register');
    return listFunds(ctx.db);
  },
  'catalogue.areas': (_, ctx) => {
    authorise(ctx, 'read-register');
    return listAreas(ctx.db);
  },
  'catalogue.plans': (_, ctx) => {
    authorise(ctx, 'read-register');
    return listPlans(ctx.db);
  },
  'catalogue.saveFund': ({ adding, confirmed, ...fund }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    if (fund.minAwardPence !== null && fund.maxAwardPence !== null && fund.minAwardPence > fund.maxAwardPence)
      throw new DomainError('VALIDATION', 'The minimum award must not be more than the maximum', [
        { field: 'minAwardPence', message: `Enter a minimum award of ${formatPence(fund.maxAwardPence)} or less — the fund’s maximum` },
      ]);
    const current = adding ? undefined : funds.read(ctx.db, fund.id);
    // A caller that leaves the officer checks out keeps them as they are.
    const next = { ...fund, officerChecks: fund.officerChecks ?? current?.officerChecks ?? null };
    if (current) confirmEffects(fundChangeEffects(ctx.db, current, next), confirmed);
    return save(ctx, funds, next, adding);
  },
  'catalogue.saveArea': ({ adding, ...area }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    return save(ctx, areas, area, adding);
  },
  'catalogue.priorityUse': ({ planId }, ctx) => {
    authorise(ctx, 'read-register');
    return priorityUse(ctx.db, planId);
  },
  'catalogue.savePlan': (input, ctx) => {
    authorise(ctx, 'manage-catalogue');
    return savePlan(ctx, input);
  },
};

/** Adding refuses an id in use; changing records only the fields that differ, each with the value it replaces. */
function save<T extends EntityRecord>(ctx: CoreContext, kind: Editable<T>, record: T, adding: boolean): T {
  const current = kind.read(ctx.db, record.id);
  if (adding && current)
    throw new DomainError('VALIDATION', `There is already a ${kind.noun} with the id ${record.id}`, [
      { field: 'id', message: `There is already a ${kind.noun} with the id ${record.id} — choose another name` },
    ]);
  if (!adding && !current)
    throw new DomainError('NOT_FOUND', `There is no ${kind.noun} with the id ${record.id} — it may have been removed`);
  const entity = `${kind.kind}:${record.id}`;
  write(ctx, () => {
    if (!current) return ctx.log.append(ctx.person.id, `${kind.kind}.added`, entity, record);
    const changes = changesBetween(kind, current, record);
    if (Object.keys(changes).length > 0) ctx.log.append(ctx.person.id, `${kind.kind}.changed`, entity, { id: record.id, changes });
  });
  return kind.read(ctx.db, record.id) ?? record;
}
