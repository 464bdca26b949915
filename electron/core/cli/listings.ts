// `grantpanel list KIND`: applications, rounds, funds, areas, priorities, people, a round's screening. Each kind names its
// JSON fields one by one (so a field added to the contract never leaks into scripts unseen, and
// contact details never appear), its CSV cells and its table columns.
import { formatPence } from '../../../shared/domain/money';
import { formatDate } from '../../../shared/domain/dates';
import type { Area, Fund } from '../../../shared/domain/catalogue';
import type { ApplicationRow } from '../../../shared/contract/applications';
import type { RoundSummary } from '../../../shared/contract/rounds';
import type { PersonSummary } from '../../../shared/contract/people';
import type { ScreeningRow } from '../../../shared/contract/screening';
import { rolesText } from '../../../shared/domain/people';
import { STAGE_IDS, STAGES, type Stage } from '../../../shared/domain/stages';
import { Rejected, UsageError, count, stringOption, type Caller, type Command, type Invocation } from './command';
import { findRound, matchArea } from './lookups';
import { normalisedRankingListing, rankingListing, scoresListing } from './panel-listings';
import { FORMATS, csv, json, table, ukDay, type Column, type Format, type JsonRecord, type Scalar } from './output';

interface PriorityRow {
  id: string;
  planId: string;
  planName: string;
  code: string;
  title: string;
}

/** What the command line narrowed a list to, and who asks. */
export interface Scope {
  round: RoundSummary | null;
  area: Area | null;
  /** list applications --stage: only those at this stage. */
  stage: Stage | null;
  normalised: boolean;
  /** What the person signed in may do: some lists show only what they may read. */
  capabilities: readonly string[];
  personId: string | null;
  /** Said on stderr after the list: what it leaves out and why. */
  notes: string[];
}

export interface Listing<R> {
  /** Plural noun, as typed after "list". */
  kind: string;
  /** JSON keys and CSV header, in order. Stable: scripts depend on them. */
  fields: string[];
  load(call: Caller, scope: Scope): Promise<R[]>;
  record(row: R): JsonRecord;
  /** CSV cells; the JSON record when omitted (only flat records can do that). */
  csvCells?(row: R): Record<string, Scalar>;
  columns: Column<R>[];
  /** Under the table: totals and the like. */
  footer?(rows: R[]): string;
}

const PAGE = 500;

const applications: Listing<ApplicationRow> = {
  kind: 'applications',
  fields: [
    'id',
    'reference',
    'roundId',
    'roundName',
    'fundCode',
    'organisationName',
    'projectTitle',
    'areaId',
    'areaName',
    'amountRequested',
    'status',
    'receivedAt',
    'stage',
  ],
  async load(call, { round, stage }) {
    const rows: ApplicationRow[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await call('applications.list', {
        ...(round ? { roundId: round.id } : {}),
        ...(stage ? { stage } : {}),
        sort: 'reference',
        direction: 'asc',
        offset,
        limit: PAGE,
      });
      rows.push(...page.rows);
      if (page.rows.length < PAGE || rows.length >= page.total) return rows;
    }
  },
  record: (a) => ({
    id: a.id,
    reference: a.reference,
    roundId: a.roundId,
    roundName: a.roundName,
    fundCode: a.fundCode,
    organisationName: a.organisationName,
    projectTitle: a.projectTitle,
    areaId: a.areaId,
    areaName: a.areaName,
    amountRequested: a.amountRequested,
    status: a.status,
    receivedAt: a.receivedAt,
    stage: a.stage,
  }),
  columns: [
    { header: 'Reference', cell: (a) => a.reference },
    { header: 'Fund', cell: (a) => a.fundCode },
    { header: 'Organisation', cell: (a) => a.organisationName, max: 36 },
    { header: 'Project', cell: (a) => a.projectTitle, max: 40 },
    { header: 'Area', cell: (a) => a.areaName },
    { header: 'Requested', cell: (a) => formatPence(a.amountRequested), align: 'right' },
    { header: 'Status', cell: (a) => STAGES[a.stage] },
    { header: 'Received', cell: (a) => ukDay(a.receivedAt) },
  ],
  footer: (rows) => `${count(rows.length, 'application')}, ${formatPence(rows.reduce((s, a) => s + a.amountRequested, 0))} requested\n`,
};

const rounds: Listing<RoundSummary> = {
  kind: 'rounds',
  fields: [
    'id',
    'name',
    'fundId',
    'fundName',
    'planId',
    'planName',
    'opens',
    'closes',
    'status',
    'budgets',
    'budgetPence',
    'applicationCount',
    'requestedPence',
  ],
  load: (call) => call('rounds.list', {}),
  record: (r) => ({
    id: r.id,
    name: r.name,
    fundId: r.fundId,
    fundName: r.fundName,
    planId: r.planId,
    planName: r.planName,
    opens: r.opens,
    closes: r.closes,
    status: r.status,
    budgets: r.budgets.map((b) => ({ areaId: b.areaId, amountPence: b.amountPence })),
    budgetPence: r.budgetPence,
    applicationCount: r.applicationCount,
    requestedPence: r.requestedPence,
  }),
  csvCells: (r) => ({
    id: r.id,
    name: r.name,
    fundId: r.fundId,
    fundName: r.fundName,
    planId: r.planId,
    planName: r.planName,
    opens: r.opens,
    closes: r.closes,
    status: r.status,
    budgets: r.budgets.map((b) => `${b.areaId}=${b.amountPence}`).join(';'),
    budgetPence: r.budgetPence,
    applicationCount: r.applicationCount,
    requestedPence: r.requestedPence,
  }),
  columns: [
    { header: 'Name', cell: (r) => r.name, max: 44 },
    { header: 'Fund', cell: (r) => r.fundName, max: 30 },
    { header: 'Status', cell: (r) => r.status },
    { header: 'Opens', cell: (r) => formatDate(r.opens) },
    { header: 'Closes', cell: (r) => formatDate(r.closes) },
    { header: 'Applications', cell: (r) => r.applicationCount.toLocaleString('en-GB'), align: 'right' },
    { header: 'Requested', cell: (r) => formatPence(r.requestedPence), align: 'right' },
    { header: 'Budget', cell: (r) => formatPence(r.budgetPence), align: 'right' },
    { header: 'Id', cell: (r) => r.id },
  ],
};

const funds: Listing<Fund> = {
  kind: 'funds',
  fields: ['id', 'code', 'name', 'source', 'maxAwardPence', 'eligibility'],
  load: (call) => call('catalogue.funds', {}),
  record: (f) => ({ id: f.id, code: f.code, name: f.name, source: f.source, maxAwardPence: f.maxAwardPence, eligibility: f.eligibility }),
  columns: [
    { header: 'Code', cell: (f) => f.code },
    { header: 'Id', cell: (f) => f.id },
    { header: 'Name', cell: (f) => f.name, max: 40 },
    { header: 'Maximum award', cell: (f) => (f.maxAwardPence === null ? 'no maximum' : formatPence(f.maxAwardPence)), align: 'right' },
    { header: 'Source', cell: (f) => f.source, max: 50 },
  ],
};

const areas: Listing<Area> = {
  kind: 'areas',
  fields: ['id', 'name', 'onsCode', 'localAuthority'],
  load: (call) => call('catalogue.areas', {}),
  record: (a) => ({ id: a.id, name: a.name, onsCode: a.onsCode, localAuthority: a.localAuthority }),
  columns: [
    { header: 'Id', cell: (a) => a.id },
    { header: 'Name', cell: (a) => a.name },
    { header: 'ONS code', cell: (a) => a.onsCode ?? '' },
    { header: 'Local authority', cell: (a) => a.localAuthority },
  ],
};

const priorities: Listing<PriorityRow> = {
  kind: 'priorities',
  fields: ['id', 'planId', 'planName', 'code', 'title'],
  async load(call, { round }) {
    const plans = await call('catalogue.plans', {});
    return plans
      .filter((p) => !round || p.id === round.planId)
      .sort((a, b) => b.startYear - a.startYear)
      .flatMap((p) => p.priorities.map((x) => ({ id: x.id, planId: p.id, planName: p.name, code: x.code, title: x.title })));
  },
  record: (p) => ({ id: p.id, planId: p.planId, planName: p.planName, code: p.code, title: p.title }),
  columns: [
    { header: 'Plan', cell: (p) => p.planName },
    { header: 'Code', cell: (p) => p.code },
    { header: 'Title', cell: (p) => p.title },
    { header: 'Id', cell: (p) => p.id },
  ],
};

interface PersonRow extends PersonSummary {
  areaNames: string[];
}

/** Whether and how a person can sign in here, in a grants officer's words. */
function personStatus(p: PersonSummary): string {
  if (!p.active) return 'deactivated';
  if (!p.canSignInHere) return 'active; cannot sign in on this laptop yet';
  if (p.mustChangePassphrase) return 'active; chooses a passphrase at first sign-in';
  return 'active';
}

const people: Listing<PersonRow> = {
  kind: 'people',
  fields: ['id', 'name', 'roles', 'areas', 'status', 'active', 'canSignInHere', 'mustChangePassphrase'],
  async load(call) {
    const [everyone, known] = await Promise.all([call('people.list', {}), call('catalogue.areas', {})]);
    const byId = new Map(known.map((a) => [a.id, a.name]));
    return everyone
      .map((p) => ({ ...p, areaNames: p.areas.map((id) => byId.get(id) ?? id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id));
  },
  record: (p) => ({
    id: p.id,
    name: p.name,
    roles: [...p.roles],
    areas: [...p.areas],
    status: personStatus(p),
    active: p.active,
    canSignInHere: p.canSignInHere,
    mustChangePassphrase: p.mustChangePassphrase,
  }),
  csvCells: (p) => ({
    id: p.id,
    name: p.name,
    roles: p.roles.join(';'),
    areas: p.areas.join(';'),
    status: personStatus(p),
    active: p.active,
    canSignInHere: p.canSignInHere,
    mustChangePassphrase: p.mustChangePassphrase,
  }),
  columns: [
    { header: 'Name', cell: (p) => p.name, max: 40 },
    { header: 'Roles', cell: (p) => rolesText(p.roles), max: 50 },
    { header: 'Areas', cell: (p) => (p.areaNames.length ? p.areaNames.join(', ') : 'every area'), max: 40 },
    { header: 'Status', cell: (p) => personStatus(p) },
    { header: 'Id', cell: (p) => p.id },
  ],
  footer: (rows) => `${count(rows.length, 'person', 'people')}, ${rows.filter((p) => p.active).length.toLocaleString('en-GB')} active\n`,
};

/** A round's eligibility screening: one row per application still in the running. */
const screening: Listing<ScreeningRow> = {
  kind: 'screening',
  fields: [
    'applicationId',
    'reference',
    'organisationName',
    'amountRequested',
    'automaticFails',
    'result',
    'disputed',
    'toldApplicant',
    'setAside',
    'screenedBy',
    'screenedAt',
  ],
  async load(call, { round }) {
    if (!round) throw new Rejected('list screening needs the round: --round ROUND (see grantpanel list rounds)');
    return (await call('screening.round', { roundId: round.id })).rows;
  },
  record: (r) => ({
    applicationId: r.applicationId,
    reference: r.reference,
    organisationName: r.organisationName,
    amountRequested: r.amountRequested,
    automaticFails: r.automatic.filter((a) => !a.passed).map((a) => a.check),
    result: r.standing?.result ?? null,
    disputed: r.disputed.length > 0,
    toldApplicant: r.standing?.toldApplicant ?? '',
    setAside: (r.standing?.checks ?? []).flatMap((c) => (c.overrideReason ? [`${c.question}: ${c.overrideReason}`] : [])),
    screenedBy: r.standing?.by ?? null,
    screenedAt: r.standing?.at ?? null,
  }),
  csvCells: (r) => {
    const record = screening.record(r);
    return {
      ...(record as Record<string, Scalar>),
      automaticFails: (record.automaticFails as string[]).join(';'),
      setAside: (record.setAside as string[]).join(';'),
    };
  },
  columns: [
    { header: 'Reference', cell: (r) => r.reference },
    { header: 'Organisation', cell: (r) => r.organisationName, max: 36 },
    { header: 'Requested', cell: (r) => formatPence(r.amountRequested), align: 'right' },
    {
      header: 'Checked from the application',
      cell: (r) => {
        const fails = r.automatic.filter((a) => !a.passed).map((a) => a.label);
        return fails.length ? `fails: ${fails.join('; ')}` : `all ${r.automatic.length} pass`;
      },
      max: 50,
    },
    {
      header: 'Result',
      cell: (r) =>
        r.disputed.length
          ? 'screened differently'
          : r.standing
            ? r.standing.result === 'eligible'
              ? 'eligible'
              : 'not eligible'
            : 'not screened',
    },
  ],
  footer: (rows) => {
    const screened = rows.filter((r) => r.standing).length;
    const eligible = rows.filter((r) => r.standing?.result === 'eligible').length;
    return `${screened.toLocaleString('en-GB')} of ${count(rows.length, 'application')} screened, ${eligible.toLocaleString('en-GB')} eligible\n`;
  },
};

const LISTINGS = [applications, rounds, funds, areas, priorities, people, screening, scoresListing, rankingListing] as Listing<unknown>[];
export const LIST_KINDS = LISTINGS.map((l) => l.kind);

/** Only these kinds take --round; screening, scores and ranking need it, and scores and ranking alone take --area. */
const ROUND_FILTERED = new Set(['applications', 'priorities', 'screening', 'scores', 'ranking']);
const ROUND_REQUIRED = new Set(['scores', 'ranking']);

function render<R>(listing: Listing<R>, rows: R[], format: Format): string {
  if (format === 'json') return json(rows.map(listing.record));
  if (format === 'csv')
    return csv(
      listing.fields,
      rows.map((r) => (listing.csvCells ? listing.csvCells(r) : (listing.record(r) as Record<string, Scalar>))),
    );
  if (rows.length === 0) return `No ${listing.kind} to list.\n`;
  return table(rows, listing.columns) + (listing.footer ? listing.footer(rows) : '');
}

/** Field names of every kind, in output order: what docs/cli.md documents. */
export const FIELDS: Record<string, string[]> = {
  ...Object.fromEntries(LISTINGS.map((l) => [l.kind, l.fields])),
  'ranking --normalised': normalisedRankingListing.fields,
};

export const listCommand: Command = {
  words: ['list'],
  synopsis: 'list applications|rounds|funds|areas|priorities|people|screening|scores|ranking',
  summary: 'List applications, rounds, funds, areas, priorities, people, or a round’s screening, scores or ranking',
  usage: [
    'grantpanel list applications [--round ROUND] [--stage STAGE] [--format table|json|csv]',
    'grantpanel list screening --round ROUND [--format table|json|csv]',
    'grantpanel list rounds|funds|areas|priorities|people [--format table|json|csv]',
    'grantpanel list scores --round ROUND [--area AREA] [--format table|json|csv]',
    'grantpanel list ranking --round ROUND [--area AREA] [--normalised] [--format table|json|csv]',
  ],
  options: {
    round: { type: 'string' },
    area: { type: 'string' },
    stage: { type: 'string' },
    normalised: { type: 'boolean' },
    format: { type: 'string' },
  },
  optionHelp: [
    [
      '--round ROUND',
      'Only this round (its id or exact name). For applications, for priorities (the round’s plan); screening, scores and ranking need it.',
    ],
    ['--area AREA', 'scores and ranking: only applications in this area (its id, name or ONS code).'],
    ['--stage STAGE', `applications: only those at this stage — ${STAGE_IDS.join(', ')}.`],
    ['--normalised', 'ranking: the normalised rank, z and the note where normalisation moves an application, beside the raw rank.'],
    ['--format FORMAT', 'table (default; £1,250.00 and 25 Nov 2026), json or csv (money in pence, dates YYYY-MM-DD).'],
  ],
  positionals: ['KIND'],
  notes: [
    'Applications are listed without contact details, in reference order, however many there are.',
    'Scores and rankings are read by a panel’s chair once they open moderation, and by grants officers,',
    'the Chief Executive and auditors: each panel of the round they may read, as the moderation screen shows it.',
    'CSV is UTF-8 with a byte-order mark; cells starting with = + - @, a tab or a carriage return get a leading apostrophe.',
    'JSON and CSV field names are stable: see docs/cli.md.',
  ],
  examples: [
    'grantpanel list rounds',
    'grantpanel list applications --round "Active Citizens Fund 2026–27 (demo)"',
    'grantpanel list applications --format csv > applications.csv',
    'grantpanel list applications --stage approved',
    'grantpanel list funds --format json',
    'grantpanel list screening --round "Active Citizens Fund 2026–27 (demo)"',
    'grantpanel --as "Priya Shah" list people',
    'grantpanel list scores --round "Active Citizens Fund 2026–27 (demo)" --area Coventry --format csv > scores.csv',
    'grantpanel list ranking --round "Active Citizens Fund 2026–27 (demo)" --normalised',
  ],
  check(values, positionals) {
    const kind = positionals[0] ?? '';
    if (!LIST_KINDS.includes(kind.toLowerCase()))
      throw new UsageError(`"${kind}" is not something grantpanel lists — choose one of: ${LIST_KINDS.join(', ')}`, listCommand);
    const format = (stringOption(values, 'format') ?? 'table').toLowerCase();
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be table, json or csv, not "${format}"`, listCommand);
    const k = kind.toLowerCase();
    if (stringOption(values, 'round') !== undefined && !ROUND_FILTERED.has(k))
      throw new UsageError('--round applies only to list applications, priorities, screening, scores and ranking', listCommand);
    if (k === 'screening' && stringOption(values, 'round') === undefined)
      throw new UsageError('list screening needs the round: --round ROUND (see grantpanel list rounds)', listCommand);
    if (stringOption(values, 'round') === undefined && ROUND_REQUIRED.has(k))
      throw new UsageError(`Missing --round: say which round's ${k} to list`, listCommand);
    if (stringOption(values, 'area') !== undefined && !ROUND_REQUIRED.has(k))
      throw new UsageError('--area applies only to list scores and list ranking', listCommand);
    const stage = stringOption(values, 'stage');
    if (stage !== undefined && k !== 'applications') throw new UsageError('--stage applies only to list applications', listCommand);
    if (stage !== undefined && !(STAGE_IDS as readonly string[]).includes(stage.toLowerCase()))
      throw new UsageError(`--stage must be one of ${STAGE_IDS.join(', ')}, not "${stage}"`, listCommand);
    if (values.normalised === true && k !== 'ranking') throw new UsageError('--normalised applies only to list ranking', listCommand);
  },
  async run({ values, positionals, call, io, signedIn }: Invocation) {
    const kind = (positionals[0] ?? '').toLowerCase();
    const normalised = values.normalised === true;
    const listing = kind === 'ranking' && normalised ? normalisedRankingListing : LISTINGS.find((l) => l.kind === kind);
    if (!listing) throw new UsageError(`"${kind}" is not something grantpanel lists`, listCommand);
    const format = (stringOption(values, 'format') ?? 'table').toLowerCase() as Format;
    const roundText = stringOption(values, 'round');
    let round: RoundSummary | null = null;
    if (roundText !== undefined) {
      const found = await findRound(call, roundText);
      if (!found.ok) throw new Rejected(found.problem);
      round = found.value;
    }
    const areaText = stringOption(values, 'area');
    let area: Area | null = null;
    if (areaText !== undefined) {
      const found = matchArea(await call('catalogue.areas', {}), areaText);
      if (!found.ok) throw new Rejected(found.problem);
      area = found.value;
    }
    const stage = (stringOption(values, 'stage')?.toLowerCase() ?? null) as Stage | null;
    const scope: Scope = {
      round,
      area,
      stage,
      normalised,
      capabilities: signedIn?.person.capabilities ?? [],
      personId: signedIn?.person.id ?? null,
      notes: [],
    };
    io.stdout(render(listing as Listing<unknown>, await listing.load(call, scope), format));
    if (scope.notes.length > 0)
      io.stderr(
        scope.notes
          .map(
            (n) => `${n}
`,
          )
          .join(''),
      );
  },
};
