// On the sign-off page, for the grants officer: every letter of an area's signed decisions in one
// go — into a folder chosen in the system's dialog (desktop), or one zip downloaded (browser mode) —
// with a progress bar, a way to stop, and a summary of what was written. Records nothing.
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { LetterJob } from '../../../shared/contract/letters';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import { call } from '../../app/api';
import { download, hasFileDialogs } from '../../app/files';
import { ProgressBar } from '../../components/ProgressBar';
import { slug } from '../moderation/words';
import { decisionsQuery } from '../decisions/DecisionSection';
import { useMayCall } from '../session/session-cache';
import './letters.css';

const POLL_MS = 150;
const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));
const count = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** "12 letters written: 10 offers, 2 declines". */
export function letterSummary(job: Pick<LetterJob, 'done' | 'offers' | 'declines'>): string {
  return `${count(job.done, 'letter')} written: ${count(job.offers, 'offer')}, ${count(job.declines, 'decline')}`;
}

type Outcome = { kind: 'done' | 'stopped' | 'problem'; text: string };

/** Where the letters go: a folder from the dialog, or a zip the core makes for download. Null if the person cancelled. */
async function chooseDestination(zipName: string): Promise<{ ok: true; file: ChosenFileInfo | null } | { ok: false; message: string }> {
  const choose = window.grantpanel?.chooseFile;
  if (hasFileDialogs() && choose) {
    const chosen = await choose({ purpose: 'letters', mode: 'write' });
    return chosen.ok ? { ok: true, file: chosen.value } : { ok: false, message: chosen.error.message };
  }
  const made = await call('files.create', { purpose: 'letters', name: zipName }, { quiet: true });
  return made.ok ? { ok: true, file: made.value } : { ok: false, message: made.error.message };
}

/** Shown to whoever writes letters (the grants officer) once a decision in the area stands and verifies. */
export function LetterBatch(props: { roundId: string; areaId: string; roundName: string; areaName: string }) {
  const may = useMayCall()('letters.batch');
  const decisions = useQuery(decisionsQuery({ roundId: props.roundId }));
  const standing = (decisions.data ?? []).filter((d) => !d.superseded && d.areaId === props.areaId);
  // One letter an application: two standing decisions on one (two laptops at once) wait for a person.
  const once = standing.filter((d) => d.valid && standing.filter((x) => x.applicationId === d.applicationId).length === 1);
  if (!may || once.length === 0) return null;
  return <LetterBatchForm {...props} letters={once.length} />;
}

function LetterBatchForm({
  roundId,
  areaId,
  roundName,
  areaName,
  letters,
}: {
  roundId: string;
  areaId: string;
  roundName: string;
  areaName: string;
  /** Standing decisions that verify: one letter each. */
  letters: number;
}) {
  const [job, setJob] = useState<LetterJob | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const stop = useRef(false);
  const running = job?.state === 'writing';

  async function write() {
    setOutcome(null);
    const zipName = `letters-${slug(`${roundName} ${areaName}`)}.zip`;
    const destination = await chooseDestination(zipName);
    if (!destination.ok) return setOutcome({ kind: 'problem', text: destination.message });
    if (!destination.file) return;
    const file = destination.file;
    const zip = !hasFileDialogs();
    const forget = () => (zip ? void call('files.forget', { file: file.file }, { quiet: true }) : undefined);
    const started = await call('letters.batch', { roundId, areaId, file: file.file }, { quiet: true });
    if (!started.ok) {
      forget();
      return setOutcome({ kind: 'problem', text: started.error.message });
    }
    stop.current = false;
    let current = started.value;
    let cancelSent = false;
    while (current.state === 'writing') {
      setJob(current);
      await pause();
      if (stop.current && !cancelSent) {
        cancelSent = true;
        await call('letters.batchCancel', { jobId: current.jobId }, { quiet: true });
      }
      const next = await call('letters.batchProgress', { jobId: current.jobId }, { quiet: true });
      if (!next.ok) {
        setJob(null);
        forget();
        return setOutcome({ kind: 'problem', text: next.error.message });
      }
      current = next.value;
    }
    setJob(current);
    if (current.state === 'failed') {
      forget();
      return setOutcome({
        kind: 'problem',
        text: `${current.error?.message ?? 'The letters could not be written'}. ${count(current.done, 'letter')} had been written.`,
      });
    }
    if (current.state === 'cancelled') {
      forget();
      return setOutcome({
        kind: 'stopped',
        text: zip
          ? 'Stopped: no zip was made.'
          : `Stopped: ${count(current.done, 'letter')} of ${current.total} written to ${current.destination}.`,
      });
    }
    if (zip) {
      const got = await download(file);
      if (!got.ok) return setOutcome({ kind: 'problem', text: got.error.message });
    }
    setOutcome({
      kind: 'done',
      text: `${letterSummary(current)}. ${zip ? `Downloaded as ${file.name}.` : `They are in ${current.destination}.`}`,
    });
  }

  // Left full (or where it stopped) once the job ends, beside the summary.
  const progress = job
    ? {
        fraction: job.total === 0 ? 0 : job.done / job.total,
        text: running ? `Writing letters: ${job.done} of ${job.total}` : `${job.done} of ${job.total} letters written`,
        ...(running ? { onCancel: () => void (stop.current = true) } : {}),
      }
    : null;

  return (
    <section className="panel letter-batch" aria-labelledby="letter-batch-heading">
      <h2 id="letter-batch-heading">Letters</h2>
      <p>
        One letter for each of the {count(letters, 'signed decision')} in {areaName} — an offer with its acceptance slip, or a decline — as
        PDFs named by reference,{' '}
        {hasFileDialogs() ? 'into a folder you choose (one that already holds any of them is refused)' : 'in one zip file to download'}.
        Each follows its fund’s letter template. Writing them does not mark anything as sent.
      </p>
      {progress ? <ProgressBar progress={progress} /> : null}
      {outcome ? (
        <p
          role={outcome.kind === 'problem' ? 'alert' : 'status'}
          className={outcome.kind === 'problem' ? 'field-error' : 'letter-batch-done'}
        >
          {outcome.text}
        </p>
      ) : null}
      <button type="button" className="button" id="write-letters" disabled={running} onClick={() => void write()}>
        {running ? 'Writing letters…' : `Write all ${count(letters, 'letter')}`}
      </button>
    </section>
  );
}
