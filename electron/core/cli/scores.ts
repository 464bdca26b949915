// `grantpanel template scores` and `grantpanel import scores FILE --round ROUND [--dry-run]`: paper
// score sheets typed into a spreadsheet. scores.preview reports every problem with its row and
// column; only a clean file goes on to scores.commit, which imports every sheet or nothing.
import type { ScoreImportReport } from '../../../shared/contract/score-imports';
import { printable } from '../../../shared/domain/text';
import { UsageError, count, stringOption, type Command, type Invocation } from './command';
import { checkedImport } from './imports';

export const templateScoresCommand: Command = {
  words: ['template', 'scores'],
  synopsis: 'template scores',
  summary: 'Print the paper score sheets CSV template (the columns import scores expects)',
  usage: ['grantpanel template scores > scores.csv'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: [
    'One row per score: Application reference, Member, Criterion, Score, Comment. The example row shows',
    'one score of one sheet: replace it. UTF-8 with a byte-order mark and Windows line endings, as Excel saves CSV.',
  ],
  examples: ['grantpanel template scores > scores.csv'],
  async run({ call, io }: Invocation) {
    io.stdout((await call('scores.template', {})).csv);
  },
};

function summary(report: ScoreImportReport): string[] {
  const lines = [
    `File: ${report.fileName} (${report.encoding}), ${count(report.rowCount, 'score row')}, ${count(report.sheetCount, 'sheet')}`,
  ];
  for (const r of report.replacing)
    lines.push(`Row ${r.row}: ${printable(r.member)}’s sheet for ${printable(r.reference)} was typed in before — this one will replace it`);
  return lines;
}

export const importScoresCommand: Command = {
  words: ['import', 'scores'],
  synopsis: 'import scores FILE --round ROUND [--dry-run]',
  summary: 'Check a CSV file of paper score sheets and import it into a round',
  usage: ['grantpanel import scores FILE --round ROUND [--dry-run]'],
  options: { round: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  optionHelp: [
    ['FILE', 'A CSV file in the template’s columns (grantpanel template scores): one row per score.'],
    ['--round ROUND', 'The round the sheets are for: its id or exact name. See: grantpanel list rounds'],
    ['--dry-run', 'Check the file and report; write nothing. Exit 1 when it has problems, 0 when clean.'],
  ],
  positionals: ['FILE'],
  notes: [
    'Rows for the same application and member are that member’s paper sheet: it must score every criterion',
    'and gate, with a comment at the lowest and highest levels. Problems are listed with their spreadsheet',
    'row (the header is row 1) and column. A file with any problem imports nothing. Each imported score',
    'records that you typed it, and whose sheet it was.',
  ],
  examples: [
    'grantpanel --as "Priya Shah" import scores scores.csv --round "Active Citizens Fund 2026–27" --dry-run',
    'grantpanel --as "Priya Shah" import scores scores.csv --round "Active Citizens Fund 2026–27"',
  ],
  check(values) {
    if (stringOption(values, 'round') === undefined) throw new UsageError('Missing --round', importScoresCommand);
  },
  async run(invocation: Invocation) {
    const { call, io } = invocation;
    const { input, report, dryRun, round } = await checkedImport(invocation, (i) => call('scores.preview', i), summary);
    if (dryRun) {
      io.stdout(`Dry run: no problems. ${count(report.importable, 'sheet')} would be imported. Nothing was written.\n`);
      return;
    }
    const done = await call('scores.commit', input);
    io.stdout(`Imported ${count(done.sheets, 'sheet')} (${count(done.scores, 'score')}) into ${round}\n`);
  },
};
