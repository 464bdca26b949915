// What a change to a round or a fund would do to applications already received, said before it is
// saved. Nothing is renumbered or re-judged: the effects are told so a person can confirm or back off.
import type { Fund, Round } from '../../../shared/domain/catalogue';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { formatPence } from '../../../shared/domain/money';
import type { Db } from '../db/open';
import { statement } from '../db/statements';

const applications = (n: number) => (n === 1 ? '1 application' : `${n.toLocaleString('en-GB')} applications`);
const asks = (n: number) => (n === 1 ? 'asks' : 'ask');

const nameOf = (db: Db, table: 'funds' | 'plans' | 'areas', id: string) =>
  statement<[string], { name: string }>(db, `SELECT name FROM ${table} WHERE id = ?`).get(id)?.name ?? id;

/** Refuses a change with effects until a person has confirmed it. */
export function confirmEffects(effects: FieldProblem[], confirmed: boolean): void {
  if (effects.length > 0 && !confirmed)
    throw new DomainError(
      'NEEDS_CONFIRMATION',
      'This change affects applications already in the register — check what it will do, then confirm',
      effects,
    );
}

function inRound(db: Db, roundId: string, where = '1', ...params: (string | number)[]): number {
  return (
    statement<(string | number)[], { n: number }>(db, `SELECT count(*) AS n FROM applications WHERE round_id = ? AND ${where}`).get(
      roundId,
      ...params,
    )?.n ?? 0
  );
}

/** A round's new fund, plan or budgets, as they touch the applications already in it. */
export function roundChangeEffects(db: Db, current: Round, next: Omit<Round, 'id'>): FieldProblem[] {
  const held = inRound(db, current.id);
  if (held === 0) return [];
  const effects: FieldProblem[] = [];
  if (next.fundId !== current.fundId) {
    const to = statement<[string], { name: string; code: string; max_award_pence: number | null }>(
      db,
      'SELECT name, code, max_award_pence FROM funds WHERE id = ?',
    ).get(next.fundId);
    let message =
      `${applications(held)} in this round will move from the ${nameOf(db, 'funds', current.fundId)} to the ${to?.name ?? next.fundId}. ` +
      `Their references stay as they are; new applications' references will begin ${to?.code ?? next.fundId}.`;
    const over =
      to?.max_award_pence == null ? 0 : inRound(db, current.id, "status != 'withdrawn' AND amount_requested > ?", to.max_award_pence);
    if (over > 0 && to?.max_award_pence != null)
      message += ` ${applications(over)} ${asks(over)} for more than its maximum of ${formatPence(to.max_award_pence)}; each keeps the rules it was received under.`;
    effects.push({ field: 'fundId', message });
  }
  if (next.planId !== current.planId) {
    effects.push({
      field: 'planId',
      message: `${applications(held)} in this round chose priorities from the ${nameOf(db, 'plans', current.planId)}. They keep them; new applications choose from the ${nameOf(db, 'plans', next.planId)}.`,
    });
  }
  // An area losing its budget: only where the round still has budgets (no budgets means any area).
  if (next.budgets.length > 0) {
    const kept = new Set(next.budgets.map((b) => b.areaId));
    for (const { areaId } of current.budgets.filter((b) => !kept.has(b.areaId))) {
      const n = inRound(db, current.id, 'area_id = ?', areaId);
      if (n > 0)
        effects.push({
          field: `budget:${areaId}`,
          message: `${applications(n)} in ${nameOf(db, 'areas', areaId)} would be left in an area with no budget in this round.`,
        });
    }
  }
  return effects;
}

function inFund(db: Db, fundId: string, where = '1', ...params: (string | number)[]): number {
  return (
    statement<(string | number)[], { n: number }>(
      db,
      `SELECT count(*) AS n FROM applications WHERE round_id IN (SELECT id FROM rounds WHERE fund_id = ?) AND ${where}`,
    ).get(fundId, ...params)?.n ?? 0
  );
}

/** A fund's new code or lower maximum, as they touch the applications already received in its rounds. */
export function fundChangeEffects(db: Db, current: Fund, next: Fund): FieldProblem[] {
  const effects: FieldProblem[] = [];
  if (next.code !== current.code) {
    const held = inFund(db, current.id);
    if (held > 0)
      effects.push({
        field: 'code',
        message: `${applications(held)} ${held === 1 ? 'keeps its' : 'keep their'} ${current.code} ${held === 1 ? 'reference' : 'references'}; new applications' references will begin ${next.code}.`,
      });
  }
  const lowered = next.maxAwardPence !== null && (current.maxAwardPence === null || next.maxAwardPence < current.maxAwardPence);
  if (lowered && next.maxAwardPence !== null) {
    const over = inFund(db, current.id, "status != 'withdrawn' AND amount_requested > ?", next.maxAwardPence);
    if (over > 0)
      effects.push({
        field: 'maxAwardPence',
        message: `${applications(over)} ${asks(over)} for more than the new maximum of ${formatPence(next.maxAwardPence)}. Each keeps the rules it was received under, and says so on its page.`,
      });
  }
  return effects;
}
