// The Conflicts screen from the command line: `conflicts` lists what two laptops changed
// differently, with both versions, and `resolve-conflict` records a person's choice field by field.
import type { ConflictField, ConflictSummary, ConflictVersion } from '../../../shared/contract/conflicts';
import { versionMade } from '../../../shared/domain/conflict-versions';
import { formatInstant } from '../../../shared/domain/dates';
import { printable } from '../../../shared/domain/text';
import { Rejected, UsageError, count, listOption, rejectedFrom, stringOption, type Caller, type Command, type Invocation } from './command';
import { json, table, type JsonRecord } from './output';
import { CallRejected } from './session';

type Choice = 'kept' | 'incoming';

/** The first 12 hex digits: what the listing shows and resolve-conflict takes back. */
const shortId = (id: string) => id.slice(0, 12);
const fieldName = (f: ConflictField) => printable(f.label && f.label !== f.field ? `${f.field} (${f.label})` : f.field);
const what = (c: ConflictSummary) => printable(`${c.noun} ${c.label}`);

const version = (v: ConflictVersion): JsonRecord => ({ by: v.by, yours: v.yours, on: v.on, thisLaptop: v.thisLaptop, at: v.at });

/** Every field of the summary by name, so a contract addition never reaches scripts unseen. */
function record(c: ConflictSummary): JsonRecord {
  return {
    id: c.id,
    kind: c.kind,
    noun: c.noun,
    entityId: c.entityId,
    label: c.label,
    fields: c.fields.map((f) => ({ field: f.field, label: f.label, kept: f.kept, incoming: f.incoming })),
    versions: { kept: c.versions.kept && version(c.versions.kept), incoming: version(c.versions.incoming) },
    resolvedAt: c.resolvedAt,
    resolvedBy: c.resolvedBy,
  };
}

function describe(c: ConflictSummary): string {
  const fields = table(c.fields, [
    { header: 'Field', cell: fieldName },
    { header: 'In the register now', cell: (f) => f.kept, max: 60 },
    { header: 'Other version', cell: (f) => f.incoming, max: 60 },
  ]);
  return [
    `${shortId(c.id)}  ${what(c)}`,
    ...(c.resolvedAt
      ? []
      : [
          `  In the register now: ${c.versions.kept ? printable(versionMade(c.versions.kept)) : 'the version this laptop held'} (the earlier change, kept until a person chooses)`,
        ]),
    `  Other version: ${printable(versionMade(c.versions.incoming))}${c.resolvedAt ? '' : ' (not applied)'}`,
    ...(c.resolvedAt ? [`  Resolved by ${printable(c.resolvedBy ?? 'someone not yet known here')}, ${formatInstant(c.resolvedAt)}`] : []),
    ...fields
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  ].join('\n');
}

function render(open: number, conflicts: ConflictSummary[], all: boolean): string {
  const resolved = conflicts.length - conflicts.filter((c) => !c.resolvedAt).length;
  const head = `${count(open, 'open conflict')}${all ? `, ${count(resolved, 'resolved conflict')}` : ''}.`;
  if (conflicts.length === 0) return `${head}\n`;
  const example = conflicts.find((c) => !c.resolvedAt);
  return [
    head,
    '',
    conflicts.map(describe).join('\n\n'),
    '',
    ...(example
      ? [`Resolve one with: grantpanel resolve-conflict ${shortId(example.id)} --keep FIELD | --use FIELD (or --keep-all / --use-all)`, '']
      : []),
  ].join('\n');
}

export const conflictsCommand: Command = {
  words: ['conflicts'],
  synopsis: 'conflicts [--all]',
  summary: 'List the conflicts two laptops’ changes made, with both versions of each field',
  usage: ['grantpanel conflicts [--all] [--format table|json]'],
  options: { all: { type: 'boolean' }, format: { type: 'string' } },
  optionHelp: [
    ['--all', 'Resolved conflicts too, after the open ones'],
    ['--format FORMAT', 'table (default: each conflict with its fields) or json (the full conflicts, ids in full)'],
  ],
  positionals: [],
  notes: [
    'Each conflict shows a short id (give it to resolve-conflict), the record, who made each version on which laptop',
    'and when (the earlier is in the register until a person chooses), and each field by name with both versions.',
    'Long values are cut short with …; --format json shows them whole.',
  ],
  examples: ['grantpanel conflicts', 'grantpanel conflicts --all --format json'],
  check(values) {
    const format = (stringOption(values, 'format') ?? 'table').toLowerCase();
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not "${format}"`, conflictsCommand);
  },
  async run({ values, call, io }: Invocation) {
    const all = values.all === true;
    const { open, conflicts } = await call('conflicts.list', { includeResolved: all });
    const format = (stringOption(values, 'format') ?? 'table').toLowerCase();
    io.stdout(format === 'json' ? json(conflicts.map(record)) : render(open, conflicts, all));
  },
};

/** The conflict an id or a prefix of one (8 hex digits or more) names; null for a full id not listed. */
async function findConflict(call: Caller, id: string): Promise<ConflictSummary | null> {
  const { conflicts } = await call('conflicts.list', { includeResolved: true });
  const matches = conflicts.filter((c) => c.id.startsWith(id));
  if (matches.length === 1) return matches[0] ?? null;
  if (matches.length > 1)
    throw new Rejected(`${matches.length} conflicts have ids starting ${id} — give more of the id (grantpanel conflicts --all)`);
  if (id.length === 64) return null; // the core says why
  throw new Rejected(`No conflict on this laptop has an id starting ${id} — list them with: grantpanel conflicts --all`);
}

/** The choices the options make for this conflict; a field is matched by name or label, any case. */
function choicesFor(values: Invocation['values'], conflict: ConflictSummary | null): Record<string, Choice> {
  const fields = conflict?.fields ?? [];
  const all: Choice | null = values['keep-all'] === true ? 'kept' : values['use-all'] === true ? 'incoming' : null;
  if (all) return Object.fromEntries(fields.map((f) => [f.field, all]));
  const named = (text: string) =>
    fields.find((f) => [f.field, f.label].some((n) => n.toLowerCase() === text.trim().toLowerCase()))?.field ?? text.trim();
  const choices: Record<string, Choice> = {};
  for (const [option, choice] of [
    ['keep', 'kept'],
    ['use', 'incoming'],
  ] as const) {
    for (const text of listOption(values, option)) {
      const field = named(text);
      if (choices[field] && choices[field] !== choice)
        throw new UsageError(`${field} is given both --keep and --use: choose one version`, resolveConflictCommand);
      choices[field] = choice;
    }
  }
  return choices;
}

function decided(before: ConflictSummary, after: ConflictSummary, choices: Record<string, Choice>): string[] {
  return before.fields.map((f) => {
    const now = printable(after.fields.find((a) => a.field === f.field)?.kept ?? f.kept);
    return choices[f.field] === 'incoming'
      ? `  ${fieldName(f)}: used the other version, ${now} (was ${printable(f.kept)})`
      : `  ${fieldName(f)}: kept ${now} (not ${printable(f.incoming)})`;
  });
}

export const resolveConflictCommand: Command = {
  words: ['resolve-conflict'],
  synopsis: 'resolve-conflict ID (--keep FIELD | --use FIELD)…',
  summary: 'Resolve a conflict: for each field, keep the version in the register or use the other version',
  usage: ['grantpanel resolve-conflict ID (--keep FIELD | --use FIELD)…', 'grantpanel resolve-conflict ID --keep-all | --use-all'],
  options: {
    keep: { type: 'string', multiple: true },
    use: { type: 'string', multiple: true },
    'keep-all': { type: 'boolean' },
    'use-all': { type: 'boolean' },
  },
  optionHelp: [
    ['--keep FIELD', 'Keep the version in the register now for this field; repeat for each field'],
    ['--use FIELD', 'Use the other version for this field instead; repeat for each field'],
    ['--keep-all', 'Keep the version in the register for every field in conflict'],
    ['--use-all', 'Use the other version for every field in conflict'],
  ],
  positionals: ['ID'],
  notes: [
    'ID is the id "grantpanel conflicts" shows, or the first 8 or more characters of it.',
    'FIELD is the field’s name as listed (maxAwardPence), or its label ("Maximum award"). Every field in conflict needs a choice.',
    'The decision is recorded as a change that travels to every laptop in the next bundle.',
    'Exit 1 with the reason when it is refused (a field without a choice, already resolved); then nothing was written.',
  ],
  examples: [
    'grantpanel resolve-conflict 3f9a1c0b7d2e --use maxAwardPence',
    'grantpanel resolve-conflict 3f9a1c0b7d2e --keep name --use eligibility',
    'grantpanel resolve-conflict 3f9a1c0b7d2e --keep-all',
  ],
  check(values, positionals) {
    const id = (positionals[0] ?? '').trim().toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(id))
      throw new UsageError(
        `"${positionals[0] ?? ''}" is not a conflict id: give at least its first 8 characters (0–9, a–f)`,
        resolveConflictCommand,
      );
    const fieldByField = listOption(values, 'keep').length + listOption(values, 'use').length > 0;
    const alls = [values['keep-all'], values['use-all']].filter((v) => v === true).length;
    if (alls > 1) throw new UsageError('Give --keep-all or --use-all, not both', resolveConflictCommand);
    if (alls === 1 && fieldByField)
      throw new UsageError('Give --keep-all or --use-all on its own, or choose field by field', resolveConflictCommand);
    if (alls === 0 && !fieldByField)
      throw new UsageError(
        'Choose a version: --keep FIELD or --use FIELD for each field, or --keep-all or --use-all',
        resolveConflictCommand,
      );
  },
  async run({ values, positionals, call, io }: Invocation) {
    const id = (positionals[0] ?? '').trim().toLowerCase();
    const conflict = await findConflict(call, id);
    const choices = choicesFor(values, conflict);
    const names = new Map(conflict?.fields.map((f) => [f.field, fieldName(f)]));
    let resolved: ConflictSummary;
    try {
      resolved = await call('conflicts.resolve', { id: conflict?.id ?? id, choices });
    } catch (error) {
      if (error instanceof CallRejected) throw rejectedFrom(error.error, (f) => names.get(f) ?? f);
      throw error;
    }
    io.stdout(
      [
        `Resolved the conflict on ${what(resolved)} (${shortId(resolved.id)}).`,
        ...decided(conflict ?? resolved, resolved, choices),
        'The decision travels to the other laptops in the next bundle.',
      ].join('\n') + '\n',
    );
  },
};
