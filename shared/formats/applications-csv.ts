// The canonical applications CSV: one human-readable column per field, and how a cell's text
// becomes a field value. Used by the template, the import and the CLI alike.
import type { FieldProblem } from '../contract/result';
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES, type Area, type Priority } from '../domain/catalogue';
import { parseMoney } from '../domain/money';
import { parseDate } from '../domain/dates';
import type { ApplicationDraftInput } from '../domain/application';

export type ImportField = Exclude<keyof ApplicationDraftInput, 'roundId'>;

export interface Column {
  field: ImportField;
  header: string;
  required: boolean;
  hint: string;
  aliases: string[];
}

export const APPLICATION_COLUMNS: Column[] = [
  {
    field: 'reference',
    header: 'Applicant reference',
    required: false,
    hint: 'Your reference, like ACF-COV-0012; blank to number it',
    aliases: ['reference', 'ref', 'application reference', 'application id'],
  },
  {
    field: 'organisationName',
    header: 'Organisation name',
    required: true,
    hint: '',
    aliases: ['organisation', 'organization', 'group name', 'applicant', 'org name'],
  },
  {
    field: 'organisationType',
    header: 'Organisation type',
    required: true,
    hint: 'One of: ' + Object.values(ORGANISATION_TYPES).join('; '),
    aliases: ['type of organisation', 'org type', 'legal status'],
  },
  { field: 'charityNumber', header: 'Charity number', required: false, hint: '', aliases: ['registered charity number', 'charity no'] },
  { field: 'companyNumber', header: 'Company number', required: false, hint: '', aliases: ['company no', 'companies house number'] },
  {
    field: 'constituted',
    header: 'Constituted group',
    required: true,
    hint: 'Yes or No',
    aliases: ['constituted', 'properly constituted', 'has a constitution'],
  },
  {
    field: 'bankTwoSignatories',
    header: 'Bank account with two signatories',
    required: true,
    hint: 'Yes or No',
    aliases: ['bank account', 'two signatories', 'bank account two signatories'],
  },
  { field: 'contactName', header: 'Contact name', required: true, hint: '', aliases: ['contact', 'main contact', 'contact person'] },
  {
    field: 'contactEmail',
    header: 'Contact email',
    required: true,
    hint: '',
    aliases: ['email', 'e-mail', 'contact e-mail', 'email address'],
  },
  {
    field: 'contactPhone',
    header: 'Contact phone',
    required: false,
    hint: '',
    aliases: ['phone', 'telephone', 'contact telephone', 'phone number'],
  },
  {
    field: 'projectTitle',
    header: 'Project title',
    required: true,
    hint: '140 characters or fewer',
    aliases: ['project name', 'title', 'project'],
  },
  { field: 'summary', header: 'Project summary', required: true, hint: '', aliases: ['summary', 'description', 'project description'] },
  {
    field: 'areaId',
    header: 'Area',
    required: true,
    hint: 'Area name or ONS code, like Coventry or E08000026',
    aliases: ['npu', 'local authority', 'neighbourhood policing unit', 'area name'],
  },
  { field: 'inImpactArea', header: 'In an impact area', required: false, hint: 'Yes or No', aliases: ['impact area'] },
  {
    field: 'amountRequested',
    header: 'Amount requested',
    required: true,
    hint: 'In pounds, like £1,200.50',
    aliases: ['amount', 'grant requested', 'requested', 'amount requested (£)'],
  },
  {
    field: 'budgetLines',
    header: 'Budget lines',
    required: true,
    hint: 'Item: amount; Item: amount — like "Hall hire: £300; Leaflets: £200"',
    aliases: ['budget', 'budget breakdown', 'costs'],
  },
  { field: 'startDate', header: 'Start date', required: true, hint: 'Like 25/11/2026', aliases: ['project start', 'start'] },
  { field: 'endDate', header: 'End date', required: true, hint: 'Like 31/03/2027', aliases: ['project end', 'end'] },
  {
    field: 'priorityIds',
    header: 'Plan priorities',
    required: true,
    hint: 'Priority codes or titles separated by ;',
    aliases: ['priorities', 'police and crime plan priorities', 'plan priority'],
  },
  {
    field: 'beneficiaryGroups',
    header: 'Beneficiary groups',
    required: true,
    hint: 'Groups separated by ;',
    aliases: ['beneficiaries', 'who will benefit', 'target groups'],
  },
  {
    field: 'expectedBeneficiaries',
    header: 'Expected beneficiaries',
    required: true,
    hint: 'A whole number',
    aliases: ['number of beneficiaries', 'beneficiary numbers', 'expected numbers'],
  },
  {
    field: 'outcomes',
    header: 'Outcomes',
    required: true,
    hint: 'Outcome | how measured; … — like "Fewer ASB reports | Police data each quarter"',
    aliases: ['outcomes and measures', 'expected outcomes'],
  },
  { field: 'sustainability', header: 'Sustainability', required: false, hint: '', aliases: ['sustainability plan', 'after the grant'] },
  {
    field: 'receivedOn',
    header: 'Date received',
    required: false,
    hint: 'Like 20/11/2026; blank for the day of the import',
    aliases: ['received', 'received on', 'date of receipt', 'submitted', 'date submitted'],
  },
];

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * norm of a name the file is matched against (a catalogue label, an area, a priority): the same few
 * names on every row, normalised once. Never for the file's own cells, which would grow it.
 */
const knownNames = new Map<string, string>();
function normKnown(name: string): string {
  let n = knownNames.get(name);
  if (n === undefined) knownNames.set(name, (n = norm(name)));
  return n;
}

/** A suggested mapping from a file's headers to fields: exact headers first, then known aliases. */
export function suggestMapping(headers: string[]): Record<string, ImportField | null> {
  const mapping: Record<string, ImportField | null> = {};
  const taken = new Set<ImportField>();
  for (const header of headers) {
    const h = norm(header);
    const column = APPLICATION_COLUMNS.find((c) => !taken.has(c.field) && (norm(c.header) === h || c.aliases.some((a) => norm(a) === h)));
    mapping[header] = column ? column.field : null;
    if (column) taken.add(column.field);
  }
  return mapping;
}

/** The same header set gives the same signature, whatever the column order or case. */
export function headerSignature(headers: string[]): string {
  return headers.map(norm).sort().join('|');
}

export interface Lookups {
  areas: Area[];
  priorities: Priority[];
}

function yesNo(text: string): boolean | null {
  const t = norm(text);
  if (['yes', 'y', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'false', '0', ''].includes(t)) return false;
  return null;
}

/** For each list of labels, its keys by their normalised key and label (the first key listed wins), built once. */
const labelIndexes = new WeakMap<object, Map<string, string>>();

function byLabel<K extends string>(labels: Record<K, string>, text: string): K | null {
  let index = labelIndexes.get(labels);
  if (!index) {
    index = new Map();
    for (const [key, label] of Object.entries(labels) as [K, string][]) {
      for (const name of [norm(key), norm(label)]) if (!index.has(name)) index.set(name, key);
    }
    labelIndexes.set(labels, index);
  }
  return (index.get(norm(text)) as K | undefined) ?? null;
}

const list = (text: string) =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Turns one row's cells (by field) into a draft application. Problems name the column as the
 * file headed it, so a grants officer can find it in their spreadsheet.
 */
export function draftFromCells(
  cells: Partial<Record<ImportField, string>>,
  header: (field: ImportField) => string,
  lookups: Lookups,
): { draft: Omit<ApplicationDraftInput, 'roundId'>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: ImportField, message: string) => problems.push({ field: header(field), message });
  const cell = (field: ImportField) => (cells[field] ?? '').trim();
  const draft: Record<string, unknown> = {};

  for (const field of [
    'reference',
    'organisationName',
    'charityNumber',
    'companyNumber',
    'contactName',
    'contactEmail',
    'contactPhone',
    'projectTitle',
    'summary',
    'sustainability',
  ] as const) {
    draft[field] = cell(field);
  }

  const orgType = byLabel(ORGANISATION_TYPES, cell('organisationType'));
  if (orgType) draft.organisationType = orgType;
  else
    problem(
      'organisationType',
      cell('organisationType') ? `"${cell('organisationType')}" is not a known organisation type` : 'Enter the organisation type',
    );

  for (const field of ['constituted', 'bankTwoSignatories', 'inImpactArea'] as const) {
    const value = yesNo(cell(field));
    if (value === null) problem(field, 'Enter Yes or No');
    else draft[field] = value;
  }

  const areaText = norm(cell('areaId'));
  const area = lookups.areas.find(
    (a) => normKnown(a.name) === areaText || normKnown(a.id) === areaText || (a.onsCode && normKnown(a.onsCode) === areaText),
  );
  if (area) draft.areaId = area.id;
  else problem('areaId', cell('areaId') ? `"${cell('areaId')}" is not a known area — use an area name or ONS code` : 'Enter the area');

  const amount = parseMoney(cell('amountRequested'));
  if (amount === null)
    problem('amountRequested', cell('amountRequested') ? 'Enter the amount in pounds, like £1,200.50' : 'Enter the amount requested');
  else draft.amountRequested = amount;

  const lines = list(cell('budgetLines')).map((entry) => {
    const at = entry.lastIndexOf(':');
    return { item: at < 0 ? entry : entry.slice(0, at).trim(), amount: at < 0 ? null : parseMoney(entry.slice(at + 1)) };
  });
  if (lines.some((l) => l.amount === null)) problem('budgetLines', 'Write each budget line as "Item: £amount", separated by ;');
  else draft.budgetLines = lines;

  if (cell('receivedOn')) {
    const value = parseDate(cell('receivedOn'));
    if (value === null) problem('receivedOn', `"${cell('receivedOn')}" is not a date — use a date like 20/11/2026`);
    else draft.receivedOn = value;
  }

  for (const field of ['startDate', 'endDate'] as const) {
    const value = parseDate(cell(field));
    if (value === null)
      problem(
        field,
        cell(field)
          ? `"${cell(field)}" is not a date — use a date like 25/11/2026`
          : `Enter the ${field === 'startDate' ? 'start' : 'end'} date`,
      );
    else draft[field] = value;
  }

  const priorityIds: string[] = [];
  for (const name of list(cell('priorityIds'))) {
    const wanted = norm(name);
    const p = lookups.priorities.find((x) => normKnown(x.code) === wanted || normKnown(x.title) === wanted);
    if (!p) problem('priorityIds', `"${name}" is not a priority of this round's plan`);
    else if (priorityIds.includes(p.id)) problem('priorityIds', `"${name}" is listed twice — name each priority once`);
    else priorityIds.push(p.id);
  }
  draft.priorityIds = priorityIds;

  const groups: string[] = [];
  for (const name of list(cell('beneficiaryGroups'))) {
    const g = byLabel(BENEFICIARY_GROUPS, name);
    if (g) groups.push(g);
    else problem('beneficiaryGroups', `"${name}" is not a known beneficiary group`);
  }
  draft.beneficiaryGroups = groups;

  const expected = cell('expectedBeneficiaries').replace(/,/g, '');
  if (/^\d+$/.test(expected)) draft.expectedBeneficiaries = Number(expected);
  else problem('expectedBeneficiaries', 'Enter the expected number of beneficiaries as a whole number');

  draft.outcomes = list(cell('outcomes')).map((entry) => {
    const [outcome = '', ...rest] = entry.split('|');
    return { outcome: outcome.trim(), measure: rest.join('|').trim() };
  });

  return { draft: draft as Omit<ApplicationDraftInput, 'roundId'>, problems };
}
