// `grantpanel [--data-dir DIR] [--as NAME [--passphrase-file F]] COMMAND …`: finds the command,
// checks the command line before any data is touched, opens the core, signs in as the person
// named, runs the command, signs out and answers with the exit code:
// 0 done, 1 input rejected or refused (nothing written), 2 usage error.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../data-dir';
import { DataFolderError } from '../identity';
import { printable, printableLines } from '../../../shared/domain/text';
import { Rejected, UsageError, stringOption, type CliIo, type Command, type Invocation, type OptionValues } from './command';
import { commandHelp, groupHelp, needsWhat, topHelp, usageHint } from './help';
import { importCommand } from './imports';
import { importScoresCommand, templateScoresCommand } from './scores';
import { listCommand } from './listings';
import { addRoundCommand } from './rounds';
import { openSession } from './session';
import { demoCommand, initCommand, setupCommand, templateCommand } from './setup';
import { joinCommand } from './join';
import { addPersonCommand, personCommands, setPassphraseCommand } from './people';
import { passphraseArgumentProblem, needsPassphraseSource } from './secrets';
import { firstPassphraseFirst, notReady, sayWhoYouAre, signInAs } from './signin';
import { deviceShowCommand, exportBundleCommand, importBundleCommand, trustCommand, verifyBundleCommand } from './bundles';
import { exportRosterCommand, importRosterCommand, verifyRosterCommand } from './roster';
import { conflictsCommand, resolveConflictCommand } from './conflicts';
import { chooseVersionCommand, laptopsCommand, revokeCommand } from './laptops';
import { decisionsCommand, exportKeyCommand, lettersCommand } from './decisions';
import { auditVerifyCommand } from './audit';

export const COMMANDS: Command[] = [
  initCommand,
  setupCommand,
  joinCommand,
  demoCommand,
  templateCommand,
  templateScoresCommand,
  addRoundCommand,
  importCommand,
  importScoresCommand,
  listCommand,
  exportBundleCommand,
  verifyBundleCommand,
  importBundleCommand,
  trustCommand,
  laptopsCommand,
  revokeCommand,
  chooseVersionCommand,
  exportRosterCommand,
  verifyRosterCommand,
  importRosterCommand,
  conflictsCommand,
  resolveConflictCommand,
  deviceShowCommand,
  addPersonCommand,
  setPassphraseCommand,
  ...personCommands,
  decisionsCommand,
  lettersCommand,
  exportKeyCommand,
  auditVerifyCommand,
];

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

export async function run(argv: string[], terminal: CliIo): Promise<number> {
  // Names in files, bundles and rosters are other people's text: whatever a command prints, no
  // control character in it reaches the terminal (names are also kept to one line where printed).
  const io: CliIo = {
    ...terminal,
    stdout: (text) => terminal.stdout(printableLines(text)),
    stderr: (text) => terminal.stderr(printableLines(text)),
  };
  try {
    return await route(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`grantpanel: ${error.message}\n${usageHint(error.command)}`);
      return EXIT.usage;
    }
    if (error instanceof Rejected) {
      io.stderr(`${error.message}\n${error.lines.map((l) => `  ${printable(l)}\n`).join('')}`);
      return EXIT.rejected;
    }
    io.stderr(`grantpanel: unexpected error: ${oneLine(error)}\n`);
    return EXIT.rejected;
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.message}` : String(error);
  return text.split('\n')[0] ?? '';
}

const isHelp = (arg: string) => arg === '-h' || arg === '--help';

/** -h or --help anywhere before a "--". */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some(isHelp);
}

interface GlobalOptions {
  dataDir?: string;
  as?: string;
  passphraseFile?: string;
  help: boolean;
  rest: string[];
}

/** The options before the command: --data-dir, --as, --passphrase-file and --help. */
function globalOptions(argv: string[]): GlobalOptions {
  const found: Omit<GlobalOptions, 'rest'> = { help: false };
  const valued = { '--data-dir': 'a folder', '--as': 'a name', '--passphrase-file': 'a file' } as const;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const option = (Object.keys(valued) as (keyof typeof valued)[]).find((o) => arg === o || arg.startsWith(`${o}=`));
    if (isHelp(arg)) found.help = true;
    else if (option) {
      const value = arg === option ? argv[++i] : arg.slice(option.length + 1);
      if (!value || (arg === option && value.startsWith('-'))) throw new UsageError(`${option} needs ${valued[option]}`);
      if (option === '--data-dir') found.dataDir = value;
      else if (option === '--as') found.as = value;
      else found.passphraseFile = value;
    } else if (passphraseArgumentProblem(arg)) throw new UsageError(passphraseArgumentProblem(arg) ?? '');
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else break;
  }
  return { ...found, rest: argv.slice(i) };
}

/** The command whose words the command line starts with; the longest wins. */
function findCommand(words: string[]): Command | undefined {
  return COMMANDS.filter((c) => c.words.every((w, i) => words[i]?.toLowerCase() === w)).sort((a, b) => b.words.length - a.words.length)[0];
}

/** Before the command, or after it where the command has no --passphrase-file of its own (a bundle's). */
const SIGN_IN_OPTIONS = { as: { type: 'string' }, 'passphrase-file': { type: 'string' } } as const;

function parseCommandArgs(command: Command, args: string[]): { values: OptionValues; positionals: string[] } {
  const end = args.indexOf('--');
  for (const arg of end < 0 ? args : args.slice(0, end)) {
    const problem = passphraseArgumentProblem(arg);
    if (problem) throw new UsageError(problem, command);
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...SIGN_IN_OPTIONS, ...command.options, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new UsageError(parseArgsProblem(error as Error, command), command);
  }
}

/** node:util's messages, in the CLI's words. */
function parseArgsProblem(error: Error, command: Command): string {
  const first = error.message.split('\n')[0] ?? '';
  const unknown = /^Unknown option '([^']+)'/.exec(first);
  if (unknown) return `Unknown option ${unknown[1]} for "grantpanel ${command.words.join(' ')}"`;
  const option = /^Option '(--?[\w-]+)/.exec(first)?.[1];
  if (option && /argument missing|ambiguous/.test(first))
    return `${option} needs a value (for a value starting with a dash, write ${option}=-…)`;
  if (option && /does not take an argument/.test(first)) return `${option} takes no value`;
  return first;
}

async function route(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const global = globalOptions(argv);
  const help = global.help || global.rest[0] === 'help';
  const rest = global.rest[0] === 'help' ? global.rest.slice(1) : global.rest;

  const firstOption = rest.findIndex((a) => a.startsWith('-'));
  const words = firstOption < 0 ? rest : rest.slice(0, firstOption);
  if (words.length === 0) {
    if (help || asksForHelp(rest)) return done(io, topHelp(COMMANDS, defaultDataDir(env)));
    throw new UsageError(rest.length ? `Give a command before ${rest[0] ?? ''}` : 'Give a command');
  }

  const command = findCommand(words);
  if (!command) {
    const group = COMMANDS.filter((c) => c.words[0] === words[0]?.toLowerCase());
    if (group.length === 0) throw new UsageError(`Unknown command "${words[0] ?? ''}"`);
    if (help || asksForHelp(rest))
      return done(io, group.length === 1 && group[0] ? commandHelp(group[0]) : groupHelp(words[0] ?? '', group));
    const verb = group[0]?.words[0] ?? '';
    const what = words[1] === undefined ? needsWhat(verb) : `"grantpanel ${verb} ${words[1]}" is not a command`;
    throw new UsageError(`${what} — ${group.map((c) => c.words.join(' ')).join(', ')}`, group[0]);
  }

  const args = rest.slice(command.words.length);
  if (help || asksForHelp(args)) return done(io, commandHelp(command));
  const { values, positionals } = parseCommandArgs(command, args);
  const missing = command.positionals.slice(positionals.length);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.join(' ')}`, command);
  if (positionals.length > command.positionals.length)
    throw new UsageError(`Unexpected argument "${positionals[command.positionals.length] ?? ''}"`, command);
  const own = Object.hasOwn(command.options, 'passphrase-file');
  const as = once('--as', global.as, stringOption(values, 'as'), command);
  const passphraseFile = own
    ? global.passphraseFile
    : once('--passphrase-file', global.passphraseFile, stringOption(values, 'passphrase-file'), command);
  const signIn = command.signIn ?? 'required';
  if (signIn === 'never' && as !== undefined)
    throw new UsageError(`"grantpanel ${command.words.join(' ')}" runs before anyone can sign in here: leave out --as`, command);
  if (signIn !== 'never' && as === undefined && passphraseFile !== undefined)
    throw new UsageError('--passphrase-file holds the passphrase of the person --as names: give --as NAME too', command);
  if (as !== undefined && passphraseFile === undefined && !io.readSecret)
    throw new UsageError(
      own
        ? `Give --passphrase-file FILE before "${command.words.join(' ')}" (after it, --passphrase-file is the bundle’s): with no terminal to ask at, your passphrase is read from the file’s first line`
        : 'Give --passphrase-file FILE: with no terminal to ask at, your passphrase is read from the file’s first line',
      command,
    );
  // A command run before anyone can sign in (setup) takes the new person's passphrase from --passphrase-file.
  if (signIn === 'never') needsPassphraseSource(io, passphraseFile, '--passphrase-file', command);
  command.check?.(values, positionals, io);

  const dirText = typeof values['data-dir'] === 'string' ? values['data-dir'] : global.dataDir;
  if (dirText === '') throw new UsageError('--data-dir needs a folder', command);
  const dataDir = resolve(io.cwd ?? process.cwd(), dirText ?? defaultDataDir(env));

  let session;
  try {
    session = openSession(dataDir, io);
  } catch (error) {
    // A folder whose key and database do not belong together: its message says what to restore.
    if (error instanceof DataFolderError) throw new Rejected(error.message);
    throw new Rejected(`Cannot open the data folder ${dataDir}: ${oneLine(error)}`);
  }
  try {
    let signedIn: Invocation['signedIn'] = null;
    if (as !== undefined) {
      signedIn = await signInAs(session.call, io, as, passphraseFile);
      if (signedIn.person.mustChangePassphrase && !command.beforeFirstPassphrase && signIn !== 'optional')
        throw firstPassphraseFirst(signedIn.person);
    } else if (signIn === 'required' || signIn === 'unless-new') {
      const { state } = await session.call('session.current', {});
      if (signIn === 'required' || state !== 'set-up') throw notReady(state) ?? (await sayWhoYouAre(session.call, command, words));
    }
    await command.run({
      values,
      positionals,
      io,
      call: session.call,
      dataDir,
      signedIn,
      passphraseFile: signIn === 'never' ? passphraseFile : undefined,
    });
    return EXIT.ok;
  } finally {
    await session.call('session.signOut', {}).catch(() => undefined);
    session.close();
  }
}

/** An option given before the command and after it: only when both say the same. */
function once(option: string, before: string | undefined, after: string | undefined, command: Command): string | undefined {
  if (before !== undefined && after !== undefined && before !== after) throw new UsageError(`${option} is given twice`, command);
  if (after === '') throw new UsageError(`${option} needs a value`, command);
  return after ?? before;
}

function done(io: CliIo, text: string): number {
  io.stdout(text);
  return EXIT.ok;
}
