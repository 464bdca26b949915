// `grantpanel decisions --round R [--format table|json|csv]`: the Chief Executive's decisions on a
// round, each signature checked again; `grantpanel export-key --person NAME --out FILE.pub`: a
// person's public key as a minisign .pub file, for anyone to check their signed decisions with
// `minisign -V`.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DecisionView } from '../../../shared/contract/decisions';
import { DECISIONS } from '../../../shared/domain/decisions';
import { formatInstant } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { Rejected, UsageError, count, stringOption, type Command, type Invocation } from './command';
import { findRound, matchArea } from './lookups';
import { FORMATS, csv, json, table, type Format } from './output';
import { findPerson } from './people';

export const DECISION_FIELDS = [
  'id',
  'reference',
  'organisation',
  'decision',
  'amount_pence',
  'reason',
  'signer',
  'signed_at',
  'signature',
  'standing',
];

const record = (d: DecisionView) => ({
  id: d.id,
  reference: d.reference,
  organisation: d.organisation,
  decision: d.decision,
  amount_pence: d.amountPence,
  reason: d.reason,
  signer: d.signerName,
  signed_at: d.signedAt,
  signature: d.valid ? 'valid' : 'INVALID',
  standing: d.superseded ? 'superseded' : 'standing',
});

function render(rows: DecisionView[], format: Format): string {
  if (format === 'json') return json(rows.map(record));
  if (format === 'csv') return csv(DECISION_FIELDS, rows.map(record));
  if (rows.length === 0) return 'No decisions in this round yet.\n';
  return table(rows, [
    { header: 'Reference', cell: (d) => d.reference },
    { header: 'Organisation', cell: (d) => d.organisation, max: 40 },
    { header: 'Decision', cell: (d) => DECISIONS[d.decision] },
    { header: 'Amount', cell: (d) => formatPence(d.amountPence), align: 'right' },
    { header: 'Reason', cell: (d) => d.reason, max: 50 },
    { header: 'Signed by', cell: (d) => d.signerName },
    { header: 'Signed', cell: (d) => formatInstant(d.signedAt) },
    { header: 'Signature', cell: (d) => (d.valid ? 'valid' : 'INVALID') },
    { header: 'Standing', cell: (d) => (d.superseded ? 'superseded' : 'standing') },
  ]);
}

export const decisionsCommand: Command = {
  words: ['decisions'],
  synopsis: 'decisions --round ROUND',
  summary: 'List the Chief Executive’s decisions on a round, each signature checked again',
  usage: ['grantpanel decisions --round ROUND [--format table|json|csv]'],
  options: { round: { type: 'string' }, format: { type: 'string' } },
  optionHelp: [
    ['--round ROUND', 'The round (its id or exact name).'],
    ['--format FORMAT', 'table (default; £1,250.00 and 25 Nov 2026), json or csv (money in pence, times as ISO instants).'],
  ],
  positionals: [],
  notes: [
    'Every decision is listed, superseded ones too: decisions are never removed.',
    'Signature: valid when the signature holds over the decision’s text with the key that signed it.',
  ],
  examples: ['grantpanel decisions --round "Active Citizens Fund 2026–27 (demo)" --format csv > decisions.csv'],
  check(values) {
    if (stringOption(values, 'round') === undefined)
      throw new UsageError('Missing --round: say which round’s decisions to list', decisionsCommand);
    const format = (stringOption(values, 'format') ?? 'table').toLowerCase();
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be table, json or csv, not "${format}"`, decisionsCommand);
  },
  async run({ values, call, io }: Invocation) {
    const found = await findRound(call, stringOption(values, 'round') ?? '');
    if (!found.ok) throw new Rejected(found.problem);
    const rows = await call('decisions.list', { roundId: found.value.id });
    io.stdout(render(rows, (stringOption(values, 'format') ?? 'table').toLowerCase() as Format));
  },
};

export const exportKeyCommand: Command = {
  words: ['export-key'],
  synopsis: 'export-key --person NAME --out FILE',
  summary: 'Write a person’s public key as a minisign .pub file, to check their signed decisions',
  usage: ['grantpanel export-key --person NAME --out FILE.pub'],
  options: { person: { type: 'string' }, out: { type: 'string' } },
  optionHelp: [
    ['--person NAME', 'Whose key: their name, any case, or their id (grantpanel list people shows both).'],
    ['--out FILE', 'The .pub file to write (it must not exist yet).'],
  ],
  positionals: [],
  notes: ['Check a decision with it: minisign -V -m decision.txt -x decision.txt.minisig -p FILE.pub'],
  examples: ['grantpanel export-key --person "Sam Okoro" --out chief-executive.pub'],
  check(values) {
    if (stringOption(values, 'person') === undefined) throw new UsageError('Say whose key with --person NAME', exportKeyCommand);
    if (stringOption(values, 'out') === undefined) throw new UsageError('Give the file to write with --out FILE.pub', exportKeyCommand);
  },
  async run({ values, call, io }: Invocation) {
    const person = await findPerson(call, stringOption(values, 'person') ?? '');
    const out = resolve(io.cwd ?? process.cwd(), stringOption(values, 'out') ?? '');
    if (existsSync(out)) throw new Rejected(`There is already a file at ${out} — choose another name`);
    const key = await call('people.publicKey', { id: person.id });
    writeFileSync(out, key.text, { flag: 'wx' });
    io.stdout(
      `Wrote ${person.name}’s public key to ${out}.\nCheck a decision with: minisign -V -m decision.txt -x decision.txt.minisig -p ${out}\n`,
    );
  },
};

export const lettersCommand: Command = {
  words: ['letters'],
  synopsis: 'letters --round ROUND [--area AREA] --out DIR',
  summary: 'Write the offer and decline letters of a round’s standing decisions, as PDFs, into a folder',
  usage: ['grantpanel letters --round ROUND [--area AREA] --out DIR'],
  options: { round: { type: 'string' }, area: { type: 'string' }, out: { type: 'string' } },
  optionHelp: [
    ['--round ROUND', 'The round (its id or exact name).'],
    ['--area AREA', 'Only applications in this area (its id, name or ONS code).'],
    ['--out DIR', 'The folder to write them into: made if missing; it must not hold letters of the same names.'],
  ],
  positionals: [],
  notes: [
    'One PDF per standing decision whose signature holds: REFERENCE-offer.pdf (with its acceptance slip) or REFERENCE-decline.pdf.',
    'Letters hold the applicant’s contact name and email: only grants officers write them.',
  ],
  examples: ['grantpanel letters --round "Active Citizens Fund 2026–27 (demo)" --area Coventry --out letters/'],
  check(values) {
    if (stringOption(values, 'round') === undefined)
      throw new UsageError('Missing --round: say which round’s letters to write', lettersCommand);
    if (stringOption(values, 'out') === undefined) throw new UsageError('Give the folder to write into with --out DIR', lettersCommand);
  },
  async run({ values, call, io }: Invocation) {
    const round = await findRound(call, stringOption(values, 'round') ?? '');
    if (!round.ok) throw new Rejected(round.problem);
    const areaText = stringOption(values, 'area');
    const area = areaText === undefined ? null : matchArea(await call('catalogue.areas', {}), areaText);
    if (area && !area.ok) throw new Rejected(area.problem);
    const areaId = area?.ok ? area.value.id : null;
    const decided = (await call('decisions.list', { roundId: round.value.id })).filter(
      (d) => !d.superseded && d.valid && (areaId === null || d.areaId === areaId),
    );
    if (decided.length === 0)
      throw new Rejected(`No standing decisions in ${round.value.name}${area?.ok ? ` for ${area.value.name}` : ''} to write letters for`);
    const dir = resolve(io.cwd ?? process.cwd(), stringOption(values, 'out') ?? '');
    mkdirSync(dir, { recursive: true });
    const names = decided.map((d) => `${d.reference}-${d.decision === 'decline' ? 'decline' : 'offer'}.pdf`);
    const clash = names.find((n) => readdirSync(dir).includes(n));
    if (clash) throw new Rejected(`${join(dir, clash)} is already there — choose an empty folder`);
    for (const [i, d] of decided.entries()) {
      await call('letters.write', { decisionId: d.id, file: join(dir, names[i]!) });
      io.stdout(`${i + 1} of ${decided.length}: ${names[i]}\n`);
    }
    const offers = decided.filter((d) => d.decision !== 'decline').length;
    io.stdout(`Wrote ${count(offers, 'offer letter')} and ${count(decided.length - offers, 'decline letter')} to ${dir}\n`);
  },
};
