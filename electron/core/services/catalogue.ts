// Funds, areas, plans and people: the catalogue the rest of the register refers to.
import type { Area, Fund, Plan } from '../../../shared/domain/catalogue';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers, type Person } from '../context';
import type { CoreKinds, Projector } from '../events/project';
import type { StoredEvent } from '../../../shared/events/event';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { SEED_AREAS, SEED_FUNDS, SEED_PLANS } from './catalogue-seed';
import { formatPence } from '../../../shared/domain/money';
import { changesBetween, describePlain, editableProjectors, type Editable, type EntityRecord } from '../merge/editable';
import { ownerOnly } from '../merge/owner-only';
import { confirmEffects, fundChangeEffects } from './change-effects';

const FUND_LABELS: Record<string, string> = {
  name: 'Name',
  code: 'Code',
  source: 'Source of money',
  maxAwardPence: 'Maximum award',
  eligibility: 'Eligibility',
};
const AREA_LABELS: Record<string, string> = { name: 'Name', onsCode: 'ONS code', localAuthority: 'Local authority' };

const funds: Editable<Fund, 'fund'> = {
  kind: 'fund',
  noun: 'fund',
  fields: Object.keys(FUND_LABELS),
  read: (db, id) => {
    const r = statement<[string], FundRow>(db, 'SELECT * FROM funds WHERE id = ?').get(id);
    return r && fundFromRow(r);
  },
  write: (db, f) => {
    statement(db, 'INSERT OR REPLACE INTO funds (id, name, code, source, max_award_pence, eligibility) VALUES (?, ?, ?, ?, ?, ?)').run(
      f.id,
      f.name,
      f.code,
      f.source,
      f.maxAwardPence,
      f.eligibility,
    );
  },
  label: (f) => f.name,
  fieldLabel: (_, field) => FUND_LABELS[field] ?? field,
  describe: (_, field, value) =>
    field === 'maxAwardPence' ? (typeof value === 'number' ? formatPence(value) : 'No maximum') : describePlain(value),
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

const planSaved: Projector = (db, e) => {
  const p = e.payload as Plan;
  statement(db, 'INSERT OR REPLACE INTO plans (id, name, start_year, end_year, sections) VALUES (?, ?, ?, ?, ?)').run(
    p.id,
    p.name,
    p.startYear,
    p.endYear,
    JSON.stringify(p.sections),
  );
  statement(db, 'DELETE FROM priorities WHERE plan_id = ?').run(p.id);
  const insert = statement(db, 'INSERT INTO priorities (id, plan_id, code, title, position) VALUES (?, ?, ?, ?, ?)');
  p.priorities.forEach((x, i) => insert.run(x.id, p.id, x.code, x.title, i));
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
  projectors: {
    'plan.seeded': (db, e, projection) => {
      if (!statement(db, 'SELECT 1 FROM plans WHERE id = ?').get((e.payload as Plan).id)) planSaved(db, e, projection);
    },
    'plan.saved': planSaved,
  },
};

/** A person's own record: only that person writes it (the owner-only rule). */
export const personKind: CoreKinds['person'] = {
  projectors: {
    'person.added': ownerOnly<Person>(
      (p) => p.id,
      (db, p) => statement(db, 'INSERT OR REPLACE INTO people (id, name, role) VALUES (?, ?, ?)').run(p.id, p.name, p.role),
    ),
  },
};

/** First run: the device's person and the seed catalogue, as events. */
export function seedIfEmpty(ctx: CoreContext): void {
  const seeded = statement(ctx.db, 'SELECT 1 FROM funds LIMIT 1').get();
  const known = statement(ctx.db, 'SELECT 1 FROM people WHERE id = ?').get(ctx.person.id);
  if (seeded && known) return;
  write(ctx, () => {
    const actor = ctx.person.id;
    if (!known) ctx.log.append(actor, 'person.added', `person:${ctx.person.id}`, ctx.person);
    if (seeded) return;
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
});
const areaFromRow = (r: AreaRow): Area => ({ id: r.id, name: r.name, onsCode: r.ons_code, localAuthority: r.local_authority });

export function listFunds(db: Db): Fund[] {
  return statement<[], FundRow>(db, 'SELECT * FROM funds ORDER BY name').all().map(fundFromRow);
}

export function listAreas(db: Db): Area[] {
  return statement<[], AreaRow>(db, 'SELECT * FROM areas ORDER BY name').all().map(areaFromRow);
}

export function listPlans(db: Db): Plan[] {
  const plans = statement<[], { id: string; name: string; start_year: number; end_year: number; sections: string }>(
    db,
    'SELECT * FROM plans ORDER BY start_year',
  ).all();
  const priorities = statement<[string], { id: string; plan_id: string; code: string; title: string }>(
    db,
    'SELECT * FROM priorities WHERE plan_id = ? ORDER BY position',
  );
  return plans.map((p) => ({
    id: p.id,
    name: p.name,
    startYear: p.start_year,
    endYear: p.end_year,
    sections: JSON.parse(p.sections) as Plan['sections'],
    priorities: priorities.all(p.id).map((x) => ({ id: x.id, planId: x.plan_id, code: x.code, title: x.title })),
  }));
}

export const catalogueHandlers: Handlers<
  'catalogue.funds' | 'catalogue.areas' | 'catalogue.plans' | 'catalogue.saveFund' | 'catalogue.saveArea'
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
    const current = adding ? undefined : funds.read(ctx.db, fund.id);
    if (current) confirmEffects(fundChangeEffects(ctx.db, current, fund), confirmed);
    return save(ctx, funds, fund, adding);
  },
  'catalogue.saveArea': ({ adding, ...area }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    return save(ctx, areas, area, adding);
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
