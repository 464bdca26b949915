// Passphrases on the command line: read from a file (its first line) or asked at a terminal
// without echo — never taken as an argument, where the shell's history and `ps` would keep them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Rejected, UsageError, type CliIo, type Command } from './command';

/** `--passphrase` and its like: refused with what to do instead (the value is never repeated). */
export function passphraseArgumentProblem(arg: string): string | null {
  const name = /^--((?:new-)?(?:passphrase|password))(?:=|$)/i.exec(arg)?.[1];
  if (!name) return null;
  const file = name.toLowerCase().startsWith('new-') ? '--new-passphrase-file' : '--passphrase-file';
  return `${arg.split('=')[0] ?? arg} is not an option: a passphrase is never typed on the command line, where the shell’s history keeps it. Put it in a file and give ${file} FILE, or leave it out to be asked.`;
}

/** The file's first line, exactly (only its line ending is dropped). */
export function passphraseFromFile(file: string, io: CliIo, option: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd ?? process.cwd(), file), 'utf8');
  } catch {
    throw new Rejected(`Cannot read the passphrase file ${file} (${option})`);
  }
  const first = (text.split('\n')[0] ?? '').replace(/\r$/, '');
  if (first === '') throw new Rejected(`The passphrase file ${file} (${option}) is empty: its first line is the passphrase`);
  return first;
}

/** A usage error when a passphrase is needed, no file gives it and nobody is at a terminal to ask. */
export function needsPassphraseSource(io: CliIo, file: string | undefined, option: string, command?: Command): void {
  if (file === undefined && !io.readSecret)
    throw new UsageError(`Give ${option} FILE: with no terminal to ask at, the passphrase is read from the file’s first line`, command);
}

/** An existing passphrase: from the file, else asked once. */
export async function existingPassphrase(io: CliIo, file: string | undefined, option: string, prompt: string): Promise<string> {
  if (file !== undefined) return passphraseFromFile(file, io, option);
  if (!io.readSecret)
    throw new UsageError(`Give ${option} FILE: with no terminal to ask at, the passphrase is read from the file’s first line`);
  return io.readSecret(prompt);
}

/** A new passphrase: from the file, else asked twice at the terminal (a typo would lock them out). */
export async function newPassphrase(io: CliIo, file: string | undefined, option: string, whose: string): Promise<string> {
  if (file !== undefined) return passphraseFromFile(file, io, option);
  if (!io.readSecret)
    throw new UsageError(`Give ${option} FILE: with no terminal to ask at, the passphrase is read from the file’s first line`);
  const first = await io.readSecret(`New passphrase for ${whose} (at least 12 characters, or three words): `);
  const again = await io.readSecret('The same passphrase again: ');
  if (first !== again) throw new Rejected('The two passphrases typed are not the same. Nothing was changed.');
  return first;
}

/**
 * Asks at the terminal with echo off: the prompt on stderr (stdout may be piped), what is typed
 * goes to a stream that drops it. Ctrl-C stops the command.
 */
export function readSecretAtTerminal(prompt: string): Promise<string> {
  return new Promise((done, fail) => {
    const muted = new Writable({ write: (_chunk, _encoding, next) => next() });
    process.stderr.write(prompt);
    const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
    let answered = false;
    const stop = () => {
      process.stderr.write('\n');
      fail(new Rejected('Stopped: no passphrase was given. Nothing was changed.'));
    };
    rl.on('SIGINT', () => rl.close());
    // Ctrl-C or Ctrl-D (the end of input) before Enter: stop rather than wait for ever.
    rl.on('close', () => {
      if (!answered) stop();
    });
    rl.question('', (answer) => {
      answered = true;
      rl.close();
      process.stderr.write('\n');
      done(answer);
    });
  });
}
