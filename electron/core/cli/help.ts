// What `--help` prints: the whole command line at the top level, one command's options and
// examples below it.
import type { Command } from './command';

const EXIT_CODES = [
  'Exit codes: 0 done; 1 input rejected, refused (your role does not allow it, a wrong passphrase) or the data',
  '            could not be read (reason on stderr, nothing written);',
  '            2 usage error (unknown command or option, missing argument, no --as NAME).',
];

function rows(pairs: [string, string][]): string[] {
  const width = Math.max(0, ...pairs.map(([left]) => left.length));
  return pairs.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function topHelp(commands: Command[], defaultDataDir: string): string {
  return [
    'GrantPanel command line: the same register, rules and checks as the app, for scripts and bulk work.',
    '',
    'Usage: grantpanel [--data-dir DIR] [--as NAME [--passphrase-file F]] COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...rows(commands.map((c) => [c.synopsis, c.summary])),
    '',
    'Options for every command:',
    ...rows([
      ['--data-dir DIR', `The data folder. Default: $GRANTPANEL_DATA_DIR, else the app's own (here: ${defaultDataDir})`],
      ['--as NAME', 'Who you are: your name as you sign in (any case), or your person id. Commands act as you.'],
      ['--passphrase-file F', 'Your passphrase: the file’s first line. Left out at a terminal, it is asked (not shown).'],
      ['', 'A passphrase is never typed on the command line itself.'],
      ['-h, --help', 'Show help. "grantpanel COMMAND --help" shows a command’s options and examples.'],
    ]),
    '',
    ...EXIT_CODES,
    '',
    'Examples:',
    '  grantpanel setup --name "Priya Shah"',
    '  grantpanel demo',
    '  grantpanel --as "Jordan Ellis (demo)" list applications --round "Active Citizens Fund 2026–27 (demo)"',
    '  grantpanel --as "Priya Shah" add person --name "Sam Jones" --role "panel member"',
    '  grantpanel --as "Priya Shah" --passphrase-file ~/.gp-pass import applications applications.csv --round "ACF 2027" --dry-run',
    '  grantpanel template applications > applications.csv',
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
    ...rows([
      ...command.optionHelp,
      ...signInHelp(command),
      ['--data-dir DIR', 'The data folder (see grantpanel --help)'],
      ['-h, --help', 'Show this help'],
    ]),
    '',
    ...(command.notes?.length ? [...command.notes, ''] : []),
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    ...EXIT_CODES,
    '',
  ].join('\n');
}

/** --as and --passphrase-file, as this command takes them. */
function signInHelp(command: Command): [string, string][] {
  if (command.signIn === 'never') return [];
  const who: [string, string] =
    command.signIn === 'optional' || command.signIn === 'unless-new'
      ? ['--as NAME', 'Who you are (see grantpanel --help); not needed here']
      : ['--as NAME', 'required. Who you are: your name as you sign in (see grantpanel --help)'];
  const own = Object.hasOwn(command.options, 'passphrase-file');
  return [
    who,
    own
      ? [
          '--passphrase-file F',
          'Before the command: your own passphrase (after it: the bundle’s, as above); asked at a terminal when left out',
        ]
      : ['--passphrase-file F', 'Your passphrase: the file’s first line; asked at a terminal when left out'],
  ];
}

/** "grantpanel add" needs what to add; "grantpanel person" (a noun) needs what to do. */
export function needsWhat(word: string): string {
  return `"grantpanel ${word}" needs what to ${word === 'person' || word === 'device' ? 'do' : word}`;
}

/** Several commands share a first word ("add", "import"): their usage lines. */
export function groupHelp(verb: string, commands: Command[]): string {
  return [
    `${needsWhat(verb)}:`,
    ...commands.flatMap((c) => c.usage).map((u, i) => `${i === 0 ? 'Usage: ' : '       '}${u}`),
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
