// What `--help` prints: the whole command line at the top level, one command's options and
// examples below it.
import type { Command } from './command';

const EXIT_CODES = [
  'Exit codes: 0 done; 1 input rejected or the data could not be read (reason on stderr, nothing written);',
  '            2 usage error (unknown command or option, missing argument).',
];

function rows(pairs: [string, string][]): string[] {
  const width = Math.max(0, ...pairs.map(([left]) => left.length));
  return pairs.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function topHelp(commands: Command[], defaultDataDir: string): string {
  return [
    'GrantPanel command line: the same register, rules and checks as the app, for scripts and bulk work.',
    '',
    'Usage: grantpanel [--data-dir DIR] COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...rows(commands.map((c) => [c.synopsis, c.summary])),
    '',
    'Options for every command:',
    ...rows([
      ['--data-dir DIR', `The data folder. Default: $GRANTPANEL_DATA_DIR, else the app's own (here: ${defaultDataDir})`],
      ['-h, --help', 'Show help. "grantpanel COMMAND --help" shows a command’s options and examples.'],
    ]),
    '',
    ...EXIT_CODES,
    '',
    'Examples:',
    '  grantpanel init',
    '  grantpanel demo',
    '  grantpanel list applications --round "Active Citizens Fund 2026–27 (demo)"',
    '  grantpanel template applications > applications.csv',
    '  grantpanel import applications applications.csv --round "Active Citizens Fund 2026–27 (demo)" --dry-run',
    '  grantpanel conflicts',
    '',
    'More: docs/cli.md',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `${command.summary}.`,
    '',
    ...command.usage.map((u, i) => `${i === 0 ? 'Usage: ' : '       '}${u}`),
    '',
    'Options:',
    ...rows([...command.optionHelp, ['--data-dir DIR', 'The data folder (see grantpanel --help)'], ['-h, --help', 'Show this help']]),
    '',
    ...(command.notes?.length ? [...command.notes, ''] : []),
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    ...EXIT_CODES,
    '',
  ].join('\n');
}

/** Several commands share a first word ("add", "import"): their usage lines. */
export function groupHelp(verb: string, commands: Command[]): string {
  return [
    `"grantpanel ${verb}" needs what to ${verb}:`,
    ...commands.flatMap((c) => c.usage.map((u) => `  ${u}`)),
    '',
    `Run "grantpanel ${commands[0]?.words.join(' ') ?? verb} --help" for its options.`,
    '',
  ].join('\n');
}

/** The one-line hint after a usage error. */
export function usageHint(command?: Command): string {
  return command
    ? `Usage: ${command.usage[0] ?? ''}\nRun "grantpanel ${command.words.join(' ')} --help" for help.\n`
    : 'Run "grantpanel --help" to see the commands.\n';
}
