// The `grantpanel` command (bin/grantpanel.cjs → dist/cli.cjs): headless commands over the same
// core the app uses. See docs/cli.md; the commands themselves are in ./cli/.
import { run } from './cli/run';
import { readSecretAtTerminal } from './cli/secrets';

// `grantpanel list applications | head` closes stdout early: stop quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // A passphrase is asked only of a person at a terminal; scripts give --passphrase-file.
  ...(process.stdin.isTTY ? { readSecret: readSecretAtTerminal } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`grantpanel: unexpected error: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
