// Runs a check or an import as a job in the core and follows its progress until it ends.
import type { ImportInput, ImportJob } from '../../../shared/contract/imports';
import type { ContractError } from '../../../shared/contract/result';
import { call } from '../../app/api';

export interface JobControl {
  /** Called with each progress reading. */
  onProgress(job: ImportJob): void;
  /** True once the person has asked to stop. */
  cancelled(): boolean;
}

const POLL_MS = 150;
const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/** The job as it ended, or the error that kept it from starting. */
export async function runImportJob(
  input: ImportInput,
  mode: ImportJob['mode'],
  control: JobControl,
): Promise<{ job: ImportJob } | { error: ContractError }> {
  const started = await call('imports.start', { ...input, mode }, { quiet: true });
  if (!started.ok) return { error: started.error };
  let job = started.value;
  let cancelSent = false;
  while (job.state === 'checking' || job.state === 'importing') {
    control.onProgress(job);
    await pause();
    if (control.cancelled() && !cancelSent) {
      cancelSent = true;
      await call('imports.cancel', { jobId: job.jobId }, { quiet: true });
    }
    const next = await call('imports.progress', { jobId: job.jobId }, { quiet: true });
    if (!next.ok) return { error: next.error };
    job = next.value;
  }
  return { job };
}
