// Funds and areas as typed into the catalogue forms, and how they become what the core saves.
import type { FieldProblem } from '../../../shared/contract/result';
import { areaSchema, fundSchema, type Area, type Fund } from '../../../shared/domain/catalogue';
import { problemsFromZod } from '../../../shared/domain/application';
import { formatPence, parseMoney } from '../../../shared/domain/money';

export interface FundFormValues {
  name: string;
  code: string;
  source: string;
  maxAward: string;
  eligibility: string;
}

export function fundFormValues(fund: Fund): FundFormValues {
  return {
    name: fund.name,
    code: fund.code,
    source: fund.source,
    maxAward: fund.maxAwardPence === null ? '' : formatPence(fund.maxAwardPence).replace(/\.00$/, ''),
    eligibility: fund.eligibility,
  };
}

export const FUND_FIELD_IDS: Record<string, string> = {
  name: 'fund-name',
  code: 'fund-code',
  source: 'fund-source',
  maxAwardPence: 'fund-max-award',
  eligibility: 'fund-eligibility',
  id: 'fund-name',
};

export function checkFund(id: string, values: FundFormValues): { fund: Fund | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = values.maxAward.trim();
  let maxAwardPence: number | null = null;
  if (text) {
    const pence = parseMoney(text);
    if (pence === null)
      problems.push({
        field: 'maxAwardPence',
        message: 'Enter the maximum award in pounds, like £5,000, or leave it blank for no maximum',
      });
    else maxAwardPence = pence;
  }
  const parsed = fundSchema.safeParse({
    id,
    name: values.name,
    code: values.code,
    source: values.source,
    maxAwardPence,
    eligibility: values.eligibility,
  });
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.field));
    problems.push(...problemsFromZod(parsed.error).filter((p) => !already.has(p.field)));
  }
  const order = Object.keys(FUND_FIELD_IDS);
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
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
