// While a bundle is written, checked or imported, asks the core how far it has got, a few times a
// second, so the progress bar moves and says what is happening.
import { useEffect, useState } from 'react';
import type { BundleProgress } from '../../../shared/contract/bundles';
import { call } from '../../app/api';
import type { Progress } from '../../components/ProgressBar';

const POLL_MS = 300;

function described(p: BundleProgress): Progress {
  if (p.total === null || p.total === 0) return { fraction: null, text: `${p.phase}…` };
  const count = (n: number) => n.toLocaleString('en-GB');
  return { fraction: Math.min(1, p.done / p.total), text: `${p.phase}: ${count(p.done)} of ${count(p.total)}` };
}

/** The progress to show while `startText` is set (the work is under way); null otherwise. */
export function useBundleProgress(startText: string | null): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (startText === null) return setProgress(null);
    setProgress({ fraction: null, text: startText });
    let stopped = false;
    const timer = setInterval(() => {
      void call('bundles.progress', {}, { quiet: true }).then((r) => {
        if (!stopped && r.ok && r.value) setProgress(described(r.value));
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [startText]);
  return progress;
}
