// Importing applications from a CSV file: choose the round and file, check it (nothing is saved),
// fix what the report lists, then import every row or none. The check and the import run as jobs
// in the core, followed with a progress bar that can cancel them.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ImportInput, ImportReport } from '../../../shared/contract/imports';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RoundSummary } from '../../../shared/contract/rounds';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ProgressBar, type Progress } from '../../components/ProgressBar';
import { ColumnMappingEditor, type Mapping } from './ColumnMappingEditor';
import { useCsvFile } from './CsvFileField';
import { CommitButton, ImportForm } from './ImportForm';
import { ImportConfirmation } from './ImportConfirmation';
import { ImportReportView, plural } from './ImportReportView';
import { importFieldId, problemsFromError } from './import-problems';
import { useImportRound } from './import-round';
import { runImportJob } from './import-job';

const MAPPING_SOURCE: Record<ImportReport['mappingSource'], string> = {
  template: 'By the headings of the GrantPanel template',
  remembered: 'Remembered from the last file with these headings',
  suggested: 'Suggested from the headings — check them below',
  given: 'As you set them',
};

interface Done {
  imported: number;
  skippedDuplicates: number;
  roundId: string;
  roundName: string;
  fileName: string;
}

/** `choice`: what to import, shown under the error summary. */
export function ApplicationImport({ rounds, choice }: { rounds: RoundSummary[]; choice: ReactNode }) {
  const [roundId, setRoundId] = useImportRound(rounds);
  const csv = useCsvFile();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  /** Exactly what the report was made from: importing sends the same again. */
  const [checked, setChecked] = useState<ImportInput | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mappingChanged, setMappingChanged] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  /** Each check or import has a number; a cancelled or superseded one's answer is ignored. */
  const run = useRef(0);
  const abortRead = useRef<AbortController | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const busy = progress !== null;

  // The report (and the Import button under it) appears below the form: take focus to it and bring
  // its start to the top of the screen, not just its first line into view at the bottom.
  useEffect(() => {
    const heading = reportHeading.current;
    if (!report || !heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'start' });
  }, [report]);

  const round = rounds.find((r) => r.id === roundId);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));

  const forget = () => {
    setReport(null);
    setChecked(null);
    setMapping({});
    setMappingChanged(false);
  };

  const cancel = () => {
    run.current++;
    abortRead.current?.abort();
    setProgress(null);
    setProblems([]);
    useNotifications.getState().push('info', 'Cancelled. Nothing was imported.');
  };
  const counted = (done: number, total: number) => `${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`;

  /** Reads the file (again, so a fixed spreadsheet is picked up) and asks the core for the report. */
  async function check(withMapping?: Mapping) {
    const found: FieldProblem[] = [];
    if (!roundId) found.push({ field: 'round', message: 'Choose the round to import into' });
    const name = csv.name;
    if (!name) found.push({ field: 'file', message: 'Choose the CSV file to check' });
    const sizeProblem = csv.sizeProblem();
    if (sizeProblem) found.push({ field: 'file', message: sizeProblem });
    setProblems(found);
    if (found.length > 0 || !name) return;

    const mine = ++run.current;
    const controller = new AbortController();
    abortRead.current = controller;
    setDone(null);
    // A new mapping is checked against the same copy; otherwise the file is read (or sent) afresh.
    let fileId = withMapping && checked ? checked.file : undefined;
    if (!fileId) {
      const sending = csv.sending();
      if (sending) setProgress({ fraction: null, text: sending, onCancel: cancel });
      let result;
      try {
        result = await csv.send(controller.signal);
      } catch {
        return; // Cancelled.
      }
      if (mine !== run.current || !result) return;
      if (!result.ok) {
        setProgress(null);
        setProblems(problemsFromError(result.error));
        return;
      }
      fileId = result.value;
    }
    setProgress({ fraction: null, text: `Checking every row of ${name} — nothing is saved yet`, onCancel: cancel });
    const input: ImportInput = { roundId, file: fileId, ...(withMapping ? { mapping: withMapping } : {}) };
    const outcome = await runImportJob(input, 'check', {
      cancelled: () => mine !== run.current,
      onProgress: (job) =>
        mine === run.current &&
        setProgress({
          fraction: job.total ? job.done / job.total : null,
          text: `Checking ${name}: ${counted(job.done, job.total)} — nothing is saved yet`,
          onCancel: cancel,
        }),
    });
    if (mine !== run.current) return;
    setProgress(null);
    const failure = 'error' in outcome ? outcome.error : outcome.job.error;
    if (failure || !('job' in outcome) || !outcome.job.report) {
      forget();
      if (failure) setProblems(problemsFromError(failure));
      return;
    }
    const report = outcome.job.report;
    setChecked(input);
    setReport(report);
    setMapping(report.mapping);
    setMappingChanged(false);
  }

  async function commit() {
    if (!checked || !report || !round) return;
    const mine = ++run.current;
    setProblems([]);
    const importing = (done: number) =>
      setProgress({
        fraction: report.importable ? done / report.importable : null,
        text: `Importing into ${round.name}: ${done.toLocaleString('en-GB')} of ${report.importable.toLocaleString('en-GB')} applications. Nothing is saved until the last one.`,
        // Cancelling rolls the whole import back, so it loses nothing.
        onCancel: cancel,
      });
    importing(0);
    const outcome = await runImportJob(checked, 'import', {
      cancelled: () => mine !== run.current,
      onProgress: (job) => mine === run.current && importing(job.state === 'importing' ? job.done : 0),
    });
    if (mine !== run.current) return;
    setProgress(null);
    const failure = 'error' in outcome ? outcome.error : outcome.job.error;
    if (failure || !('job' in outcome)) {
      if (failure) setProblems([{ field: 'import', message: failure.message }]);
      // The register or catalogue changed since the check: show what stands in the way now.
      if (failure?.code === 'VALIDATION') void check(checked.mapping ?? undefined);
      return;
    }
    setDone({
      imported: outcome.job.imported ?? 0,
      skippedDuplicates: outcome.job.skippedDuplicates ?? 0,
      roundId: round.id,
      roundName: round.name,
      fileName: report.fileName,
    });
    forget();
    csv.clear();
    // The job's last progress answer named the tables it changed: every screen reading them is fresh.
  }

  const startAgain = () => {
    setDone(null);
    forget();
    csv.clear();
    setProblems([]);
    // The form comes back on the next render; the file field is where the next import starts.
    setTimeout(() => document.getElementById('import-file')?.focus(), 0);
  };

  const canImport =
    report !== null && report.importable > 0 && report.problemCount === 0 && report.missingColumns.length === 0 && !mappingChanged;

  return (
    <>
      <ErrorSummary problems={problems} idFor={importFieldId} />
      {done ? (
        <ImportConfirmation
          summary={`${plural(done.imported, 'application')} imported into ${done.roundName}.${done.skippedDuplicates > 0 ? ` ${plural(done.skippedDuplicates, 'duplicate')} skipped.` : ''}`}
          note={`From ${done.fileName}. Each application is now in the register with the status Received, ready for eligibility screening.`}
          links={[{ to: `/applications?round=${encodeURIComponent(done.roundId)}`, label: 'View the applications' }]}
          onAnother={startAgain}
        />
      ) : (
        choice
      )}

      <ImportForm
        hidden={done !== null}
        rounds={rounds}
        roundId={roundId}
        roundHint="The applications in the file are all added to this round"
        onRound={(v) => {
          setRoundId(v);
          forget();
        }}
        csv={csv}
        errors={errorOf}
        busy={busy}
        checked={report !== null}
        template="imports.template"
        onCheck={() => void check()}
        onChosen={(problem) => {
          forget();
          setDone(null);
          setProblems(problem ? [{ field: 'file', message: problem }] : []);
        }}
        onProblem={(message) => setProblems([{ field: 'file', message }])}
      />

      {progress ? <ProgressBar progress={progress} /> : null}

      {report ? (
        <>
          <ImportReportView
            report={report}
            rowName="application row"
            itemName="application"
            facts={
              <>
                <dt>Columns matched</dt>
                <dd>{MAPPING_SOURCE[report.mappingSource]}</dd>
              </>
            }
            readyNote={report.duplicates.length > 0 ? `${plural(report.duplicates.length, 'duplicate')} will be skipped.` : undefined}
            nothingToImport="Every application in this file is already in the register."
            missingHelp="Match a column of your file to each of them below and check again, or add the columns to your spreadsheet and check the file again."
            headingRef={reportHeading}
            after={
              report.duplicates.length > 0 ? (
                <>
                  <h3>Already in the register</h3>
                  <ul className="duplicates">
                    {report.duplicates.map((d) => (
                      <li key={d.row}>
                        Row {d.row}: {d.reference} is already in the register — it will be skipped
                      </li>
                    ))}
                  </ul>
                </>
              ) : null
            }
          >
            <details
              className="mapping-details"
              open={report.mappingSource !== 'template' || report.missingColumns.length > 0 || mappingChanged}
            >
              <summary>How the columns are matched</summary>
              <ColumnMappingEditor
                headers={report.headers}
                mapping={mapping}
                changed={mappingChanged}
                busy={busy}
                onChange={(m) => {
                  setMapping(m);
                  setMappingChanged(true);
                }}
                onCheckAgain={() => void check(mapping)}
              />
            </details>
          </ImportReportView>
          {canImport && round ? (
            <CommitButton
              label={`Import ${plural(report.importable, 'application')}`}
              roundName={round.name}
              busy={busy}
              onCommit={() => void commit()}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
