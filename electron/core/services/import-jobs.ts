// Imports as jobs with progress. The check runs a few hundred rows per turn of the event loop;
// the write holds one transaction across turns, so it stays all or nothing, and while it is
// open the core's gate makes every other call wait (their reads would see it half-done).
import { randomUUID } from 'node:crypto';
import type { ImportJob } from '../../../shared/contract/imports';
import type { ParsedInput } from '../../../shared/contract';
import type { TableName } from '../../../shared/domain/kinds';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { problemOf } from '../problems';
import { longWrite, type CoreContext, type Handlers } from '../context';
import { assertImportable, checkSteps, writeSteps, type Progress } from './imports';

/**
 * A running or recent import, as the core holds it (on its context: one core's jobs are its own).
 * `changed` collects the tables its writes changed; the progress call that finds it finished
 * reports them, as its projections happen outside any one call.
 */
export type RunningImport = ImportJob & { cancelRequested: boolean; changed: Set<TableName> };
const KEEP_FINISHED = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function snapshot(job: RunningImport): ImportJob {
  const { cancelRequested: _, changed: __, ...rest } = job;
  return { ...rest };
}

async function drive<T>(steps: Generator<Progress, T>, job: RunningImport): Promise<T | null> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    job.done = step.value.done;
    job.total = step.value.total;
    await nextTurn();
    if (job.cancelRequested) return null;
  }
}

async function run(ctx: CoreContext, input: ParsedInput<'imports.start'>, job: RunningImport): Promise<void> {
  try {
    const checked = await drive(checkSteps(ctx, input), job);
    if (!checked) return void (job.state = 'cancelled');
    job.report = checked.report;
    if (input.mode === 'check') return void Object.assign(job, { state: 'done', done: job.total });
    assertImportable(checked.report);
    Object.assign(job, { state: 'importing', done: 0, total: checked.drafts.length });
    const result = await longWrite(ctx, () => drive(writeSteps(ctx, input, checked), job));
    if (!result) return void (job.state = 'cancelled');
    Object.assign(job, { state: 'done', done: job.total, imported: result.imported, skippedDuplicates: result.skippedDuplicates });
  } catch (error) {
    Object.assign(job, { state: 'failed', error: problemOf(error, ctx.readOnly, ctx.logError, 'import') });
  }
}

function find(ctx: CoreContext, jobId: string) {
  const job = ctx.importJobs.get(jobId);
  if (!job) throw new DomainError('NOT_FOUND', 'That import is no longer running — start it again');
  return job;
}

export const importJobHandlers: Handlers<'imports.start' | 'imports.progress' | 'imports.cancel'> = {
  'imports.start': (input, ctx) => {
    authorise(ctx, 'manage-register');
    const job = {
      jobId: randomUUID(),
      mode: input.mode,
      state: 'checking' as const,
      done: 0,
      total: 0,
      report: null,
      imported: null,
      skippedDuplicates: null,
      error: null,
      cancelRequested: false,
      changed: new Set<TableName>(),
    };
    const jobs = ctx.importJobs;
    jobs.set(job.jobId, job);
    for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEEP_FINISHED))) {
      const o = jobs.get(old);
      if (o && (o.state === 'done' || o.state === 'failed' || o.state === 'cancelled')) jobs.delete(old);
    }
    // Its own collection, not the start call's (which has answered by the time the job writes).
    void ctx.changes.collect(job.changed, () => run(ctx, input, job));
    return snapshot(job);
  },
  'imports.progress': ({ jobId }, ctx) => {
    authorise(ctx, 'manage-register');
    const job = find(ctx, jobId);
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') ctx.changes.report(job.changed);
    return snapshot(job);
  },
  'imports.cancel': ({ jobId }, ctx) => {
    authorise(ctx, 'manage-register');
    const job = find(ctx, jobId);
    if (job.state === 'checking' || job.state === 'importing') job.cancelRequested = true;
    return snapshot(job);
  },
};
