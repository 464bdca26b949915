// What every CLI command is made of, and the two ways a command stops early: a usage error
// (exit 2: the command line itself is wrong) and a rejection (exit 1: the input was refused,
// nothing was written).
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ContractError, FieldProblem, Input, MethodName, Output } from '../../../shared/contract';
import type { SignedInPerson } from '../../../shared/contract/session';

/** Where a run writes and what it reads from its surroundings; the tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment for GRANTPANEL_DATA_DIR and the default data folder; process.env when omitted. */
  env?: NodeJS.ProcessEnv;
  /** Folder relative file names are read from; process.cwd() when omitted. */
  cwd?: string;
  now?: () => Date;
  /**
   * Asks for a passphrase without echoing it; only when a person is at a terminal (the tests give
   * a fake). Without it a passphrase can only come from a file.
   */
  readSecret?(prompt: string): Promise<string>;
  /** Tests only: a cheaper scrypt cost for passphrases set in this run (the app's is OWASP's). */
  passphraseLogN?: number;
}

/** A contract call through core.dispatch: the value, or a Rejected carrying the core's reason. */
export type Caller = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Invocation {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
  call: Caller;
  dataDir: string;
  /** Who --as signed in, and the passphrase they signed in with (set-passphrase checks it again); null when nobody. */
  signedIn: { person: SignedInPerson; passphrase: string } | null;
  /** The file --passphrase-file named, for commands that run with nobody signed in (setup). */
  passphraseFile: string | undefined;
}

/**
 * Who must be signed in for a command: `required` (the default: --as, or "Say who you are");
 * `optional` (signs in only when --as is given); `never` (setup: --as is refused); `unless-new`
 * (demo: nobody on a laptop not set up yet, --as on one that is).
 */
export type SignIn = 'required' | 'optional' | 'never' | 'unless-new';

export interface Command {
  /** The words that name it: ['add', 'round']. */
  words: string[];
  summary: string;
  /** How the command reads in the top-level list: "import applications FILE --round ROUND". */
  synopsis: string;
  /** The usage line(s) after "Usage: ". */
  usage: string[];
  options: ParseArgsOptionsConfig;
  /** Option help rows: [flags, explanation]. */
  optionHelp: [string, string][];
  /** The arguments that follow the command words, all required: ['FILE']. */
  positionals: string[];
  notes?: string[];
  examples: string[];
  /** Who must be signed in; `required` when omitted. */
  signIn?: SignIn;
  /** Runs for a person who must first choose their own passphrase (set-passphrase). */
  beforeFirstPassphrase?: boolean;
  /** Usage checks made before the data folder is opened; throws UsageError. */
  check?(values: OptionValues, positionals: string[], io: CliIo): void;
  run(invocation: Invocation): Promise<void>;
}

/** Exit 2: unknown command or option, a missing argument. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint points to. */
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit 1: the input was refused and nothing was written. */
export class Rejected extends Error {
  constructor(
    message: string,
    /** One line each, printed under the message. */
    readonly lines: string[] = [],
  ) {
    super(message);
    this.name = 'Rejected';
  }
}

/** "Row 3, Amount requested: Enter the amount…" or "--closes: The closing date…". */
export function problemLine(p: FieldProblem, label: (field: string) => string = (f) => f): string {
  const where = [p.row !== undefined ? `Row ${p.row}` : '', p.field ? label(p.field) : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

export function rejectedFrom(error: ContractError, label?: (field: string) => string): Rejected {
  return new Rejected(
    error.message,
    (error.details ?? []).map((p) => problemLine(p, label)),
  );
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** "1 application", "3 applications". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : plural}`;
}
