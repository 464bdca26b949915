// Finding a fund, plan, area or round by what a person types: its id, code or name, in any
// case. Every lookup reads through the contract, so it is authorised like the app's lists.
import { planInForce, type Area, type Fund, type Plan } from '../../../shared/domain/catalogue';
import type { RoundSummary } from '../../../shared/contract/rounds';
import type { Caller } from './command';

const same = (a: string | null | undefined, b: string) =>
  a !== null && a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The one match, or a sentence saying why there is none. */
export type Found<T> = { ok: true; value: T } | { ok: false; problem: string };

function one<T>(matches: T[], what: string, text: string, listCommand: string, by: string): Found<T> {
  if (matches.length === 1) return { ok: true, value: matches[0] as T };
  if (matches.length === 0) return { ok: false, problem: `No ${what} is called "${text}" — list them with: grantpanel ${listCommand}` };
  return { ok: false, problem: `${matches.length} ${what}s match "${text}" — use the ${by} (grantpanel ${listCommand})` };
}

export function matchFund(funds: Fund[], text: string): Found<Fund> {
  const byId = funds.filter((f) => same(f.id, text) || same(f.code, text));
  return one(byId.length ? byId : funds.filter((f) => same(f.name, text)), 'fund', text, 'list funds', 'fund id');
}

export function matchPlan(plans: Plan[], text: string): Found<Plan> {
  const byId = plans.filter((p) => same(p.id, text));
  return one(byId.length ? byId : plans.filter((p) => same(p.name, text)), 'Police and Crime Plan', text, 'list priorities', 'plan id');
}

/** The newest plan: the one that starts latest. */
/** The plan a new round scores against by default: the one in force this year. */
export function planForNewRound(plans: Plan[], year = new Date().getFullYear()): Plan | undefined {
  return planInForce(plans, year);
}

export function matchArea(areas: Area[], text: string): Found<Area> {
  const byId = areas.filter((a) => same(a.id, text) || same(a.onsCode, text));
  return one(byId.length ? byId : areas.filter((a) => same(a.name, text)), 'area', text, 'list areas', 'area id');
}

export function matchRound(rounds: RoundSummary[], text: string): Found<RoundSummary> {
  const byId = rounds.filter((r) => r.id === text.trim());
  return one(byId.length ? byId : rounds.filter((r) => same(r.name, text)), 'round', text, 'list rounds', 'round id');
}

/** The round named by --round, read through rounds.list. */
export async function findRound(call: Caller, text: string): Promise<Found<RoundSummary>> {
  return matchRound(await call('rounds.list', {}), text);
}
