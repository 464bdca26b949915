// Funds, areas, plans and people: the catalogue the rest of the register refers to.
import type { Area, Fund, Plan } from '../../../shared/domain/catalogue';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers, type Person } from '../context';
import { project, registerProjection } from '../events/project';
import type { StoredEvent } from '../../../shared/events/event';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { SEED_AREAS, SEED_FUNDS, SEED_PLANS } from './catalogue-seed';

/**
 * Seeds fill only what is missing: a laptop set up today seeds the catalogue with today's clock,
 * and its seed must never undo an edit made earlier on another laptop.
 */
const seeded = (type: 'fund' | 'area' | 'plan', table: string) => (db: Db, e: StoredEvent) => {
  const id = (e.payload as { id: string }).id;
  if (statement(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) return;
  project(db, { ...e, type: `${type}.saved` });
};

registerProjection(['people', 'funds', 'areas', 'plans', 'priorities'], {
  'fund.seeded': seeded('fund', 'funds'),
  'area.seeded': seeded('area', 'areas'),
  'plan.seeded': seeded('plan', 'plans'),
  'person.added': (db, e) => {
    const p = e.payload as Person;
    statement(db, 'INSERT OR REPLACE INTO people (id, name, role) VALUES (?, ?, ?)').run(p.id, p.name, p.role);
  },
  'fund.saved': (db, e) => {
    const f = e.payload as Fund;
    statement(db, 'INSERT OR REPLACE INTO funds (id, name, code, source, max_award_pence, eligibility) VALUES (?, ?, ?, ?, ?, ?)').run(
      f.id,
      f.name,
      f.code,
      f.source,
      f.maxAwardPence,
      f.eligibility,
    );
  },
  'area.saved': (db, e) => {
    const a = e.payload as Area;
    statement(db, 'INSERT OR REPLACE INTO areas (id, name, ons_code, local_authority) VALUES (?, ?, ?, ?)').run(
      a.id,
      a.name,
      a.onsCode,
      a.localAuthority,
    );
  },
  'plan.saved': (db, e) => {
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
  },
});

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

export function listFunds(db: Db): Fund[] {
  return statement<[], FundRow>(db, 'SELECT * FROM funds ORDER BY name')
    .all()
    .map((r) => ({ id: r.id, name: r.name, code: r.code, source: r.source, maxAwardPence: r.max_award_pence, eligibility: r.eligibility }));
}

export function listAreas(db: Db): Area[] {
  return statement<[], { id: string; name: string; ons_code: string | null; local_authority: string }>(
    db,
    'SELECT * FROM areas ORDER BY name',
  )
    .all()
    .map((r) => ({ id: r.id, name: r.name, onsCode: r.ons_code, localAuthority: r.local_authority }));
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
  'catalogue.saveFund': ({ adding, ...fund }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    checkAddingOrChanging(ctx.db, 'funds', 'fund', fund.id, adding);
    write(ctx, () => ctx.log.append(ctx.person.id, 'fund.saved', `fund:${fund.id}`, fund));
    return fund;
  },
  'catalogue.saveArea': ({ adding, ...area }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    checkAddingOrChanging(ctx.db, 'areas', 'area', area.id, adding);
    write(ctx, () => ctx.log.append(ctx.person.id, 'area.saved', `area:${area.id}`, area));
    return area;
  },
};

function checkAddingOrChanging(db: Db, table: 'funds' | 'areas', noun: string, id: string, adding: boolean): void {
  const exists = statement(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  if (adding && exists)
    throw new DomainError('VALIDATION', `There is already a ${noun} with the id ${id}`, [
      { field: 'id', message: `There is already a ${noun} with the id ${id} — choose another name` },
    ]);
  if (!adding && !exists) throw new DomainError('NOT_FOUND', `There is no ${noun} with the id ${id} — it may have been removed`);
}
