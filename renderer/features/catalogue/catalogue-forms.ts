// Funds, areas and plans as typed into the catalogue forms, and how they become what the core saves.
import type { FieldProblem } from '../../../shared/contract/result';
import {
  areaSchema,
  fundSchema,
  planInputSchema,
  type Area,
  type Fund,
  type OrganisationType,
  type Plan,
  type PlanInput,
} from '../../../shared/domain/catalogue';
import { problemsFromZod } from '../../../shared/domain/application';
import { formatPence, parseMoney } from '../../../shared/domain/money';

export interface OfficerCheckRow {
  key: number;
  question: string;
  failSentence: string;
}

export interface FundFormValues {
  name: string;
  code: string;
  source: string;
  maxAward: string;
  eligibility: string;
  minAward: string;
  /** None ticked: every type of organisation. */
  organisationTypes: OrganisationType[];
  officerChecks: OfficerCheckRow[];
}

let nextCheckKey = 0;
export const emptyOfficerCheck = (): OfficerCheckRow => ({ key: ++nextCheckKey, question: '', failSentence: '' });

const typedPounds = (pence: number | null) => (pence === null ? '' : formatPence(pence).replace(/\.00$/, ''));

export function fundFormValues(fund: Fund): FundFormValues {
  return {
    name: fund.name,
    code: fund.code,
    source: fund.source,
    maxAward: typedPounds(fund.maxAwardPence),
    eligibility: fund.eligibility,
    minAward: typedPounds(fund.minAwardPence),
    organisationTypes: [...fund.organisationTypes],
    officerChecks: (fund.officerChecks ?? []).map((c) => ({ key: ++nextCheckKey, ...c })),
  };
}

export const FUND_FIELD_IDS: Record<string, string> = {
  name: 'fund-name',
  code: 'fund-code',
  source: 'fund-source',
  minAwardPence: 'fund-min-award',
  maxAwardPence: 'fund-max-award',
  eligibility: 'fund-eligibility',
  organisationTypes: 'fund-type-0',
  officerChecks: 'add-fund-check',
  id: 'fund-name',
};

/** Where a problem's link goes: a check's own field, or the fund field's. */
export function fundFieldId(field: string): string {
  const check = /^officerChecks\.(\d+)\.(question|failSentence)$/.exec(field);
  if (check) return `fund-check-${check[1]}-${check[2] === 'question' ? 'question' : 'sentence'}`;
  return FUND_FIELD_IDS[field] ?? 'fund-save';
}

export function checkFund(id: string, values: FundFormValues): { fund: Fund | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const pounds = (text: string, field: string, which: string, example: string): number | null => {
    if (!text.trim()) return null;
    const pence = parseMoney(text.trim());
    if (pence === null)
      problems.push({ field, message: `Enter the ${which} award in pounds, like ${example}, or leave it blank for no ${which}` });
    return pence;
  };
  const maxAwardPence = pounds(values.maxAward, 'maxAwardPence', 'maximum', '£5,000');
  const minAwardPence = pounds(values.minAward, 'minAwardPence', 'minimum', '£250');
  if (minAwardPence !== null && maxAwardPence !== null && minAwardPence > maxAwardPence)
    problems.push({
      field: 'minAwardPence',
      message: `Enter a minimum award of ${formatPence(maxAwardPence)} or less — the fund’s maximum`,
    });
  const parsed = fundSchema.safeParse({
    id,
    name: values.name,
    code: values.code,
    source: values.source,
    maxAwardPence,
    eligibility: values.eligibility,
    minAwardPence,
    organisationTypes: values.organisationTypes,
    officerChecks: values.officerChecks.map(({ question, failSentence }) => ({ question, failSentence })),
  });
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.field));
    problems.push(...problemsFromZod(parsed.error).filter((p) => !already.has(p.field)));
  }
  const order = Object.keys(FUND_FIELD_IDS);
  const rank = (field: string) => (field.startsWith('officerChecks.') ? order.indexOf('officerChecks') : order.indexOf(field));
  problems.sort((a, b) => rank(a.field) - rank(b.field));
  return { fund: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}

export interface AreaFormValues {
  name: string;
  onsCode: string;
  localAuthority: string;
}

export const AREA_FIELD_IDS: Record<string, string> = {
  name: 'area-name',
  id: 'area-name',
  onsCode: 'area-ons-code',
  localAuthority: 'area-local-authority',
};

/** "Birmingham East" → "birmingham-east": an area's id, made once from its first name. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Checks an area; for a new one (id null) the id comes from the name and must not be taken. */
export function checkArea(id: string | null, values: AreaFormValues, existing: Area[]): { area: Area | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const areaId = id ?? slugFromName(values.name);
  const sameName = existing.find((a) => a.id !== id && a.name.trim().toLowerCase() === values.name.trim().toLowerCase());
  if (values.name.trim() && sameName) {
    problems.push({
      field: 'name',
      message: `There is already an area called ${sameName.name} — change that one, or use a different name`,
    });
  } else if (id === null && values.name.trim() && !areaId) {
    problems.push({ field: 'name', message: 'Use letters or digits in the area name, like Birmingham East' });
  } else if (id === null && existing.some((a) => a.id === areaId)) {
    problems.push({ field: 'name', message: `That name is too close to an existing area (${areaId}) — use a different name` });
  }
  const onsCode = values.onsCode.trim().toUpperCase();
  const parsed = areaSchema.safeParse({ id: areaId, name: values.name, onsCode: onsCode || null, localAuthority: values.localAuthority });
  if (!parsed.success) {
    const already = new Set(problems.map((p) => (p.field === 'id' ? 'name' : p.field)));
    for (const p of problemsFromZod(parsed.error)) {
      const field = p.field === 'id' ? 'name' : p.field;
      if (!already.has(field)) problems.push({ ...p, field });
      already.add(field);
    }
  }
  const order = ['name', 'onsCode', 'localAuthority'];
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { area: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}

export interface PriorityRowValues {
  /** For the repeating rows' React keys. */
  key: number;
  /** The priority's lasting id; null for one being added. */
  id: string | null;
  code: string;
  title: string;
}

export interface PlanFormValues {
  name: string;
  startYear: string;
  endYear: string;
  priorities: PriorityRowValues[];
}

let nextRowKey = 0;
export const emptyPriority = (): PriorityRowValues => ({ key: ++nextRowKey, id: null, code: '', title: '' });

export function planFormValues(plan: Plan | null): PlanFormValues {
  if (!plan) return { name: '', startYear: '', endYear: '', priorities: [emptyPriority()] };
  return {
    name: plan.name,
    startYear: String(plan.startYear),
    endYear: String(plan.endYear),
    priorities: plan.priorities.map((p) => ({ key: ++nextRowKey, id: p.id, code: p.code, title: p.title })),
  };
}

/** What the form holds, without the rows' keys: compared to tell whether anything changed. */
export const planFormGist = (v: PlanFormValues) =>
  JSON.stringify({ ...v, priorities: v.priorities.map(({ id, code, title }) => ({ id, code, title })) });

/** Where each problem's link in the error summary goes. */
export function planFieldId(field: string, values: PlanFormValues): string {
  if (field === 'name') return 'plan-name';
  if (field === 'startYear') return 'plan-start-year';
  if (field === 'endYear') return 'plan-end-year';
  const row = /^priorities\.(\d+)\.(code|title)$/.exec(field);
  if (row) return `plan-priority-${row[1]}-${row[2]}`;
  if (field.startsWith('priorities')) return values.priorities.length > 0 ? 'plan-priority-0-code' : 'add-plan-priority';
  return 'plan-save';
}

/** "pcp-2029-2033", as the shipped plans are named; "-2" and on if a plan for those years exists. */
export function newPlanId(startYear: number, endYear: number, existing: Plan[]): string {
  const base = `pcp-${startYear}-${endYear}`;
  const ids = new Set(existing.map((p) => p.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

const YEAR = /^\d{4}$/;

/** Checks a plan as typed; for a new one (plan null) the id comes from its years. */
export function checkPlan(
  plan: Plan | null,
  values: PlanFormValues,
  existing: Plan[],
): { plan: PlanInput | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const year = (text: string, field: 'startYear' | 'endYear', which: string, example: number): number | null => {
    if (YEAR.test(text.trim())) return Number(text.trim());
    problems.push({
      field,
      message: text.trim()
        ? `Enter the plan’s ${which} year as four digits, like ${example}`
        : `Enter the plan’s ${which} year, like ${example}`,
    });
    return null;
  };
  const startYear = year(values.startYear, 'startYear', 'first', 2029);
  const endYear = year(values.endYear, 'endYear', 'last', 2033);
  const parsed = planInputSchema.safeParse({
    id: plan?.id ?? newPlanId(startYear ?? 0, endYear ?? 0, existing),
    adding: plan === null,
    name: values.name,
    // A placeholder that passes, so the other fields are still checked; the year's own problem is listed.
    startYear: startYear ?? 2000,
    endYear: endYear ?? (startYear ?? 2000) + 1,
    priorities: values.priorities.map(({ id, code, title }) => ({ id, code, title })),
  });
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.field));
    for (const p of problemsFromZod(parsed.error)) if (!already.has(p.field)) problems.push(p);
  }
  const order = (field: string) => {
    const row = /^priorities\.(\d+)\.(code|title)$/.exec(field);
    if (row) return 10 + Number(row[1]) * 2 + (row[2] === 'title' ? 1 : 0);
    return ['name', 'startYear', 'endYear', 'priorities'].indexOf(field);
  };
  problems.sort((a, b) => order(a.field) - order(b.field));
  return { plan: problems.length === 0 && parsed.success ? parsed.data : null, problems };
}
