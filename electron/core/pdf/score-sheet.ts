// Paper score sheets, for panels at a community hall with too few laptops: one application's key
// facts, then every criterion with its levels to tick and room for a comment, the gates, a
// declaration of interest to make before reading, and a signature. An officer types the completed
// sheets in afterwards. Plain data in, no database: the caller gathers it.
import type { Criterion, Gate } from '../../../shared/domain/rubric';
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { renderPdf, type Block } from './document';
import { oneLine } from './text';

export interface SheetApplication {
  reference: string;
  organisation: string;
  projectTitle: string;
  amountRequestedPence: number;
  summary: string;
  budgetLines: { item: string; amountPence: number }[];
  /** The Plan priorities it addresses, by name. */
  priorities: string[];
  outcomes: { outcome: string; measure: string }[];
  /** Beneficiary groups, by label. */
  beneficiaryGroups: string[];
  expectedBeneficiaries: number;
  area?: string;
  /** YYYY-MM-DD */
  startDate?: string;
  endDate?: string;
}

export interface SheetRubric {
  version: number;
  criteria: Criterion[];
  gates: Gate[];
  /** Names of the Plan priorities a criterion assesses, by id (ids without a name are left out). */
  priorityNames?: Record<string, string>;
}

export interface ScoreSheetInput {
  roundName: string;
  panelName: string;
  /** YYYY-MM-DD: the day the panel meets. */
  meetingDate?: string;
  /** The member the sheet is printed for; without one the sheet has a line for a name. */
  memberName?: string;
  application: SheetApplication;
  rubric: SheetRubric;
  /** When the PDF is made (ISO-8601 instant). */
  now: string;
}

const AUTHOR = 'Office of the West Midlands Police and Crime Commissioner';

export function scoreSheetPdf(input: ScoreSheetInput): Promise<Uint8Array> {
  const a = input.application;
  return renderPdf(
    {
      title: `Score sheet: ${a.reference} ${a.organisation}`,
      subject: `${input.roundName}, ${input.panelName}: paper score sheet`,
      author: AUTHOR,
      keywords: ['score sheet', input.roundName, input.panelName, a.reference],
      now: input.now,
    },
    scoreSheetBlocks(input),
  );
}

/** The blocks of one score sheet: a panel pack is a cover page and one of these per application. */
export function scoreSheetBlocks(input: Omit<ScoreSheetInput, 'now'>): Block[] {
  // Names and titles are one line wherever they appear, even if a line break got into one.
  const a = {
    ...input.application,
    organisation: oneLine(input.application.organisation),
    projectTitle: oneLine(input.application.projectTitle),
  };
  const { rubric } = input;
  const maxScale = Math.max(0, ...rubric.criteria.map((c) => c.scale));
  return [
    { kind: 'runningNote', text: `${a.reference} · Rubric version ${rubric.version}` },
    { kind: 'heading', level: 1, text: `Score sheet: ${a.reference}`, bookmark: true },
    { kind: 'paragraph', style: 'lead', text: `${a.organisation}: ${a.projectTitle}` },
    {
      kind: 'keyValues',
      rows: [
        ['Round', input.roundName],
        ['Panel', input.panelName],
        ...(input.meetingDate ? [['Panel meeting', formatDate(input.meetingDate)] as [string, string]] : []),
        ['Application', a.reference],
        ['Organisation', a.organisation],
        ['Project', a.projectTitle],
        ['Amount requested', formatPence(a.amountRequestedPence)],
        ...(input.memberName ? [['Panel member', input.memberName] as [string, string]] : []),
      ],
    },
    ...(input.memberName ? [] : [{ kind: 'fields', fields: [{ label: 'Your name (panel member)' }] } satisfies Block]),
    declaration(),
    { kind: 'heading', level: 2, text: 'Key facts' },
    ...keyFacts(a),
    { kind: 'heading', level: 2, text: 'How to score' },
    {
      kind: 'paragraph',
      text:
        `For each criterion tick one box: the level whose description fits the application best (0 is the lowest, ` +
        `${maxScale} the highest). A comment is required when you choose the lowest or the highest level. ` +
        `For each gate tick Pass or Fail: an application that fails a gate is not funded, whatever its score.`,
    },
    { kind: 'heading', level: 2, text: 'Criteria' },
    ...rubric.criteria.map((c, i) => criterionBlock(c, i + 1, rubric.priorityNames ?? {})),
    ...(rubric.gates.length > 0 ? [{ kind: 'heading', level: 2, text: 'Gates' } satisfies Block, ...rubric.gates.map(gateBlock)] : []),
    {
      kind: 'group',
      keepTogether: true,
      blocks: [
        { kind: 'heading', level: 2, text: 'Sign this sheet' },
        {
          kind: 'paragraph',
          text: 'I scored this application on my own, on what the application says, and have declared any interest above.',
        },
        { kind: 'fields', fields: [{ label: 'Signature', width: 2 }, { label: 'Date' }] },
        { kind: 'paragraph', style: 'small', text: `Rubric version ${rubric.version}. Hand this sheet to the panel’s officer.` },
      ],
    },
  ];
}

function declaration(): Block {
  return {
    kind: 'group',
    border: true,
    keepTogether: true,
    blocks: [
      { kind: 'heading', level: 2, text: 'Declaration of interest: before you read on' },
      {
        kind: 'choices',
        layout: 'column',
        options: [
          { mark: 'I have no interest in this application or the organisation.' },
          { mark: 'I have an interest. Its nature:', writeIn: true },
        ],
      },
      {
        kind: 'paragraph',
        style: 'small',
        text: 'If you have an interest, do not read or score the application: give this sheet to the chair, who records that you stood aside.',
      },
    ],
  };
}

function keyFacts(a: SheetApplication): Block[] {
  const total = a.budgetLines.reduce((sum, line) => sum + line.amountPence, 0);
  const dates = a.startDate && a.endDate ? `${formatDate(a.startDate)} to ${formatDate(a.endDate)}` : '';
  return [
    { kind: 'heading', level: 3, text: 'Summary' },
    { kind: 'paragraph', text: a.summary },
    {
      kind: 'keyValues',
      rows: [
        ...(a.area ? [['Area', a.area] as [string, string]] : []),
        ...(dates ? [['Project dates', dates] as [string, string]] : []),
        ['Beneficiaries', `${a.expectedBeneficiaries.toLocaleString('en-GB')} expected`],
        ['Who benefits', a.beneficiaryGroups.join(', ')],
      ],
    },
    { kind: 'heading', level: 3, text: 'Police and Crime Plan priorities' },
    a.priorities.length > 0 ? { kind: 'list', items: a.priorities } : { kind: 'paragraph', text: 'None chosen.' },
    { kind: 'heading', level: 3, text: 'Budget' },
    {
      kind: 'table',
      columns: [
        { header: 'Item', width: 4 },
        { header: 'Amount', width: 1, align: 'right' },
      ],
      rows: a.budgetLines.map((line) => [line.item, formatPence(line.amountPence)]),
      totals: ['Total of the budget lines', formatPence(total)],
    },
    { kind: 'heading', level: 3, text: 'Outcomes and how they will be measured' },
    {
      kind: 'table',
      columns: [
        { header: 'Outcome', width: 1 },
        { header: 'How it will be measured', width: 1 },
      ],
      rows: a.outcomes.map((o) => [o.outcome, o.measure]),
    },
  ];
}

function criterionBlock(c: Criterion, n: number, priorityNames: Record<string, string>): Block {
  const assesses = c.priorityIds.map((id) => priorityNames[id]).filter((name): name is string => !!name);
  return {
    kind: 'group',
    keepTogether: true,
    blocks: [
      { kind: 'heading', level: 3, text: `${n}. ${c.name} (weight ${c.weight})` },
      ...(c.guidance ? [{ kind: 'paragraph', style: 'muted', text: c.guidance } satisfies Block] : []),
      ...(assesses.length > 0 ? [{ kind: 'paragraph', style: 'small', text: `Assesses: ${assesses.join('; ')}` } satisfies Block] : []),
      {
        kind: 'choices',
        layout: 'column',
        label: `Tick one level, 0 to ${c.scale}`,
        options: c.descriptors.map((text, level) => ({ mark: String(level), text })),
      },
      { kind: 'lines', label: `Comment (required at 0 or ${c.scale})`, count: 3 },
    ],
  };
}

function gateBlock(g: Gate): Block {
  return {
    kind: 'group',
    keepTogether: true,
    blocks: [
      { kind: 'heading', level: 3, text: g.name },
      ...(g.guidance ? [{ kind: 'paragraph', style: 'muted', text: g.guidance } satisfies Block] : []),
      { kind: 'choices', layout: 'row', label: 'Tick one', options: [{ mark: 'Pass' }, { mark: 'Fail' }] },
      { kind: 'lines', label: 'If it fails, why', count: 2 },
    ],
  };
}
