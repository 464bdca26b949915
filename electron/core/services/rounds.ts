// Rounds: a fund, the plan it scores against, its dates, a budget per area, a status.
import { randomUUID } from 'node:crypto';
import type { Round } from '../../../shared/domain/catalogue';
import type { RoundSummary } from '../../../shared/contract/rounds';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import type { CoreKinds } from '../events/project';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { confirmEffects, roundChangeEffects } from './change-effects';
import { changesBetween, describePlain, editableProjectors, type Editable } from '../merge/editable';

function writeRound(db: Db, r: Round): void {
  statement(
    db,
    `INSERT OR REPLACE INTO rounds (id, fund_id, plan_id, name, opens, closes, status, spend_from, spend_by, total_pence, tolerance_percent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.fundId,
    r.planId,
    r.name,
    r.opens,
    r.closes,
    r.status,
    r.spendFrom ?? null,
    r.spendBy ?? null,
    r.totalPence ?? null,
    r.tolerancePercent ?? 0,
  );
  statement(db, 'DELETE FROM round_budgets WHERE round_id = ?').run(r.id);
  const insert = statement(db, 'INSERT INTO round_budgets (round_id, area_id, amount_pence) VALUES (?, ?, ?)');
  for (const b of r.budgets) insert.run(r.id, b.areaId, b.amountPence);
}

const ROUND_LABELS: Record<string, string> = {
  name: 'Name',
  fundId: 'Fund',
  planId: 'Police and Crime Plan',
  opens: 'Opens',
  closes: 'Closes',
  status: 'Status',
  spendFrom: 'Spend from',
  spendBy: 'Spend by',
  totalPence: 'Round total',
  tolerancePercent: 'Over-allocation tolerance',
};
const BUDGET = 'budget:';

const nameOf = (db: Db, table: 'funds' | 'plans' | 'areas', id: unknown) =>
  statement<[string], { name: string }>(db, `SELECT name FROM ${table} WHERE id = ?`).get(String(id))?.name ?? String(id);

export const rounds: Editable<Round, 'round'> = {
  kind: 'round',
  noun: 'round',
  fields: Object.keys(ROUND_LABELS),
  read: (db, id) => {
    const row = statement<[string], RoundRow>(db, 'SELECT * FROM rounds WHERE id = ?').get(id);
    return row && fromRow(db, row);
  },
  write: writeRound,
  label: (r) => r.name,
  fieldLabel: (db, field) =>
    field.startsWith(BUDGET) ? `Budget for ${nameOf(db, 'areas', field.slice(BUDGET.length))}` : (ROUND_LABELS[field] ?? field),
  describe: (db, field, value) => {
    if (field.startsWith(BUDGET)) return typeof value === 'number' ? formatPence(value) : 'No budget';
    if (field === 'fundId') return nameOf(db, 'funds', value);
    if (field === 'planId') return nameOf(db, 'plans', value);
    if (field === 'opens' || field === 'closes' || field === 'spendFrom' || field === 'spendBy')
      return typeof value === 'string' ? formatDate(value) : describePlain(value);
    if (field === 'totalPence') return typeof value === 'number' ? formatPence(value) : 'No round total';
    if (field === 'tolerancePercent') return `${typeof value === 'number' ? value : 0}%`;
    return describePlain(value);
  },
  // Budgets merge area by area: the office changing Coventry's while a panel changes Dudley's is no conflict.
  entries: {
    field: 'budgets',
    prefix: BUDGET,
    key: (b) => (b as Round['budgets'][number]).areaId,
    value: (b) => (b as Round['budgets'][number]).amountPence,
    make: (areaId, amountPence) => ({ areaId, amountPence: amountPence as number }),
  },
};

export const roundKind: CoreKinds['round'] = {
  editable: rounds,
  projectors: {
    ...editableProjectors(rounds),
    // Whole-record saves, written before field-by-field changes; still replayed from older logs.
    'round.saved': (db, e) => writeRound(db, e.payload as Round),
  },
};

interface RoundRow {
  id: string;
  fund_id: string;
  plan_id: string;
  name: string;
  opens: string;
  closes: string;
  status: Round['status'];
  spend_from: string | null;
  spend_by: string | null;
  total_pence: number | null;
  tolerance_percent: number;
}

/** Budgets in one order everywhere, so the same budgets never read as a change. */
const inAreaOrder = (budgets: Round['budgets']) => [...budgets].sort((a, b) => (a.areaId < b.areaId ? -1 : a.areaId > b.areaId ? 1 : 0));

function budgetsOf(db: Db, roundId: string): Round['budgets'] {
  return statement<[string], { area_id: string; amount_pence: number }>(
    db,
    'SELECT area_id, amount_pence FROM round_budgets WHERE round_id = ? ORDER BY area_id',
  )
    .all(roundId)
    .map((b) => ({ areaId: b.area_id, amountPence: b.amount_pence }));
}

function fromRow(db: Db, r: RoundRow): Round {
  return {
    id: r.id,
    fundId: r.fund_id,
    planId: r.plan_id,
    name: r.name,
    opens: r.opens,
    closes: r.closes,
    status: r.status,
    budgets: budgetsOf(db, r.id),
    spendFrom: r.spend_from,
    spendBy: r.spend_by,
    totalPence: r.total_pence,
    tolerancePercent: r.tolerance_percent,
  };
}

export function getRound(db: Db, id: string): Round {
  const row = statement<[string], RoundRow>(db, 'SELECT * FROM rounds WHERE id = ?').get(id);
  if (!row) throw new DomainError('NOT_FOUND', 'That round does not exist — choose a round from the list');
  return fromRow(db, row);
}

function checkReferences(db: Db, r: ParsedInput<'rounds.create'>, id?: string): void {
  const problems: FieldProblem[] = [];
  const same = statement<[string], { id: string; name: string }>(db, 'SELECT id, name FROM rounds WHERE lower(name) = lower(?)')
    .all(r.name)
    .find((x) => x.id !== id);
  if (same) problems.push({ field: 'name', message: `There is already a round called ${same.name} — give this one another name` });
  if (!statement(db, 'SELECT 1 FROM funds WHERE id = ?').get(r.fundId))
    problems.push({ field: 'fundId', message: 'Choose a fund from the list' });
  if (!statement(db, 'SELECT 1 FROM plans WHERE id = ?').get(r.planId))
    problems.push({ field: 'planId', message: 'Choose a Police and Crime Plan from the list' });
  r.budgets.forEach((b, i) => {
    if (!statement(db, 'SELECT 1 FROM areas WHERE id = ?').get(b.areaId))
      problems.push({ field: `budgets.${i}.areaId`, message: `"${b.areaId}" is not a known area` });
  });
  if (problems.length > 0) throw new DomainError('VALIDATION', 'The round has problems — check the fields below', problems);
}

export function createRound(ctx: CoreContext, input: ParsedInput<'rounds.create'>): Round {
  authorise(ctx, 'manage-catalogue');
  checkReferences(ctx.db, input);
  const round: Round = { id: randomUUID(), ...input, budgets: inAreaOrder(input.budgets) };
  write(ctx, () => ctx.log.append(ctx.person.id, 'round.added', `round:${round.id}`, round));
  return round;
}

export const roundHandlers: Handlers<'rounds.list' | 'rounds.create' | 'rounds.update'> = {
  'rounds.list': (_, ctx) => {
    authorise(ctx, 'read-register');
    const rows = statement<
      [],
      RoundRow & {
        fund_name: string;
        plan_name: string;
        application_count: number;
        withdrawn_count: number;
        requested: number | null;
        budget: number | null;
      }
    >(
      ctx.db,
      `SELECT r.*, f.name AS fund_name, p.name AS plan_name,
           (SELECT count(*) FROM applications a WHERE a.round_id = r.id AND a.status != 'withdrawn') AS application_count,
           (SELECT count(*) FROM applications a WHERE a.round_id = r.id AND a.status = 'withdrawn') AS withdrawn_count,
           (SELECT sum(amount_requested) FROM applications a WHERE a.round_id = r.id AND a.status != 'withdrawn') AS requested,
           (SELECT sum(amount_pence) FROM round_budgets b WHERE b.round_id = r.id) AS budget
         FROM rounds r LEFT JOIN funds f ON f.id = r.fund_id LEFT JOIN plans p ON p.id = r.plan_id
         ORDER BY r.opens DESC, r.name`,
    ).all();
    return rows.map((r): RoundSummary => ({
      ...fromRow(ctx.db, r),
      fundName: r.fund_name,
      planName: r.plan_name,
      applicationCount: r.application_count,
      withdrawnCount: r.withdrawn_count,
      requestedPence: r.requested ?? 0,
      budgetPence: r.budget ?? 0,
    }));
  },
  'rounds.create': (input, ctx) => createRound(ctx, input),
  'rounds.update': ({ id, changes, confirmed }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    const current = getRound(ctx.db, id);
    checkReferences(ctx.db, changes, id);
    confirmEffects(roundChangeEffects(ctx.db, current, changes), confirmed);
    const fieldChanges = changesBetween(rounds, current, { id, ...changes, budgets: inAreaOrder(changes.budgets) });
    if (Object.keys(fieldChanges).length > 0) {
      write(ctx, () => ctx.log.append(ctx.person.id, 'round.changed', `round:${id}`, { id, changes: fieldChanges }));
    }
    return getRound(ctx.db, id);
  },
};
