// Wrong passphrases slow down: after five in a row for a person on this laptop, each further try
// waits, twice as long each time (30 s, 1 min, 2 min … up to an hour). Kept on this laptop only,
// with the time of the last failure and never the passphrase.
import { DomainError } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';

export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_SECONDS = 30;
const LONGEST_WAIT_SECONDS = 60 * 60;

/** Seconds to wait after this many wrong passphrases in a row. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Refuses (WAIT, saying how long) while a person's wait after wrong passphrases runs. */
export function checkNotWaiting(ctx: CoreContext, personId: string, name: string): void {
  const row = statement<[string], { failures: number; last_failed_at: string }>(
    ctx.db,
    'SELECT failures, last_failed_at FROM sign_in_failures WHERE person_id = ?',
  ).get(personId);
  if (!row) return;
  const until = Date.parse(row.last_failed_at) + waitAfter(row.failures) * 1000;
  const left = Math.ceil((until - ctx.now().getTime()) / 1000);
  if (left > 0)
    throw new DomainError('WAIT', `${row.failures} wrong passphrases in a row for ${name}. Wait ${duration(left)} and try again.`);
}

export function recordFailure(ctx: CoreContext, personId: string): number {
  if (ctx.readOnly) return 0;
  return (
    statement<[string, string], { failures: number }>(
      ctx.db,
      `INSERT INTO sign_in_failures (person_id, failures, last_failed_at) VALUES (?, 1, ?)
       ON CONFLICT (person_id) DO UPDATE SET failures = failures + 1, last_failed_at = excluded.last_failed_at RETURNING failures`,
    ).get(personId, ctx.now().toISOString())?.failures ?? 0
  );
}

export function clearFailures(ctx: CoreContext, personId: string): void {
  if (!ctx.readOnly) statement(ctx.db, 'DELETE FROM sign_in_failures WHERE person_id = ?').run(personId);
}

/** Wrong passphrases in a row since the person last signed in, for the People screen. */
export function failuresOf(ctx: CoreContext, personId: string): number {
  return (
    statement<[string], { failures: number }>(ctx.db, 'SELECT failures FROM sign_in_failures WHERE person_id = ?').get(personId)
      ?.failures ?? 0
  );
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
