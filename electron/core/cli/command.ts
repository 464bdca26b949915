// What every CLI command is made of, and the two ways a command stops early: a usage error
// (exit 2: the command line itself is wrong) and a rejection (exit 1: the input was refused,
// nothing was written).
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ContractError, FieldProblem, Input, MethodName, Output } from '../../../shared/contract';

/** Where a run writes and what it reads from its surroundings; the tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment for GRANTPANEL_DATA_DIR and the default data folder; process.env when omitted. */
  env?: NodeJS.ProcessEnv;
  /** Folder relative file names are read from; process.cwd() when omitted. */
  cwd?: string;
  now?: () => Date;
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
}

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
  /** Usage checks made before the data folder is opened; throws UsageError. */
  check?(values: OptionValues, positionals: string[]): void;
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
