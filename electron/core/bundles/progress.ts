// How far a long bundle task has got, for a progress bar: set as the work goes, read by
// `bundles.progress` (which answers even while an import holds the gate). Held on the core's
// context: one core's progress is its own.
import type { BundleProgress } from '../../../shared/contract/bundles';
import type { CoreContext } from '../context';

export type Report = (phase: string, done?: number, total?: number | null) => void;

/** Runs one bundle task, its progress readable until it ends. */
export async function withProgress<T>(ctx: CoreContext, task: BundleProgress['task'], run: (report: Report) => Promise<T>): Promise<T> {
  const report: Report = (phase, done = 0, total = null) => (ctx.bundleProgress = { task, phase, done, total });
  try {
    return await run(report);
  } finally {
    ctx.bundleProgress = null;
  }
}

export function progressOf(ctx: CoreContext): BundleProgress | null {
  return ctx.bundleProgress;
}

/** Reports every `every` steps, so a million events cost a few thousand reports, not a million. */
export function counter(report: Report, phase: string, total: number | null, every = 1000): () => void {
  let done = 0;
  report(phase, 0, total);
  return () => {
    if (++done % every === 0) report(phase, done, total);
  };
}
