// Importing applications from a CSV file: choose the round and file, check it (nothing is saved),
// fix what the report lists, then import every row or none. The file is chosen like every file
// (see app/files.ts): the Open dialog on the desktop, where the core reads it itself at each check;
// in browser mode the file picker, and each check sends the file again, so a fixed spreadsheet counts.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ImportInput, ImportReport } from '../../../shared/contract/imports';
import type { ContractError, FieldProblem } from '../../../shared/contract/result';
import { MAX_IMPORT_BYTES } from '../../../shared/formats/applications-csv';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { HintAndError, SelectField } from '../../components/fields';
import type { Mapping } from './ColumnMappingEditor';
import { ImportConfirmation, type ImportDone } from './ImportConfirmation';
import { ProgressBar, type Progress } from '../../components/ProgressBar';
import { ImportReportView } from './ImportReportView';
import { fileSizeProblem, formatFileSize } from './import-file';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import { call } from '../../app/api';
import { hasFileDialogs, upload } from '../../app/files';
import { FileField } from '../../components/FileField';
import { downloadTemplate } from './template-download';
import { runImportJob } from './import-job';

const FIELD_IDS: Record<string, string> = { round: 'import-round', file: 'import-file', import: 'import-report-title' };

/** A core error as problems on this page's fields: file troubles link to the file input. */
function problemsFromError(error: ContractError): FieldProblem[] {
  const details = (error.details ?? []).filter((d) => d.row === undefined);
  const fieldOf = (field: string) => (field === 'roundId' ? 'round' : 'file');
  if (details.length > 0) return details.map((d) => ({ field: fieldOf(d.field), message: d.message }));
  return [{ field: error.code === 'NOT_FOUND' ? 'round' : 'file', message: error.message }];
}

export function ImportPage() {
  const { rounds, loaded } = useCatalogue();
  const [params] = useSearchParams();
  const [roundId, setRoundId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  /** The desktop: the file chosen in the Open dialog, which the core reads itself. */
  const [picked, setPicked] = useState<ChosenFileInfo | null>(null);
  /** Browser mode: the last copy sent to the core, forgotten (deleted) when another is sent. */
  const sent = useRef<string | null>(null);
  const desktop = hasFileDialogs();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  /** Exactly what the report was made from: importing sends the same again. */
  const [checked, setChecked] = useState<ImportInput | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mappingChanged, setMappingChanged] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<ImportDone | null>(null);
  /** Each check or import has a number; a cancelled or superseded one's answer is ignored. */
  const run = useRef(0);
  const abortRead = useRef<AbortController | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  // Default round: the one asked for in the address, else the first open round, else the first.
  useEffect(() => {
    if (roundId || rounds.length === 0) return;
    const asked = params.get('round');
    const chosen = rounds.find((r) => r.id === asked) ?? rounds.find((r) => r.status === 'open') ?? rounds[0];
    if (chosen) setRoundId(chosen.id);
  }, [rounds, roundId, params]);

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

  const chooseFile = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    forget();
    setDone(null);
    const tooBig = chosen ? fileSizeProblem(chosen) : null;
    setProblems(tooBig ? [{ field: 'file', message: tooBig }] : []);
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
    const name = desktop ? picked?.name : file?.name;
    if (!name) found.push({ field: 'file', message: 'Choose the CSV file to check' });
    const sizeProblem = file && !desktop ? fileSizeProblem(file) : null;
    if (sizeProblem) found.push({ field: 'file', message: sizeProblem });
    setProblems(found);
    if (found.length > 0 || !name) return;

    const mine = ++run.current;
    const controller = new AbortController();
    abortRead.current = controller;
    setDone(null);
    // A new mapping is checked against the same copy; otherwise the file is read (or sent) afresh.
    let fileId = withMapping && checked ? checked.file : picked?.file;
    if (!fileId && file) {
      setProgress({ fraction: null, text: `Sending ${file.name} (${formatFileSize(file.size)}) to GrantPanel`, onCancel: cancel });
      let result;
      try {
        result = await upload('csv', file, controller.signal);
      } catch {
        return; // Cancelled.
      }
      if (mine !== run.current) return;
      if (!result.ok) {
        setProgress(null);
        setProblems(problemsFromError(result.error));
        return;
      }
      if (sent.current) void call('files.forget', { file: sent.current }, { quiet: true });
      sent.current = fileId = result.value.file;
    }
    if (!fileId) return;
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
    setFile(null);
    setPicked(null);
    if (fileInput.current) fileInput.current.value = '';
    // The job's last progress answer named the tables it changed: every screen reading them is fresh.
  }

  const startAgain = () => {
    setDone(null);
    forget();
    setFile(null);
    setProblems([]);
    // The form comes back on the next render; the file field is where the next import starts.
    setTimeout(() => document.getElementById('import-file')?.focus(), 0);
  };

  if (loaded && rounds.length === 0) {
    return (
      <Page title="Import applications" lede="Bring applications in from a spreadsheet saved as CSV.">
        <div className="empty-state">
          <h2>There is no round to import into yet</h2>
          <p>
            Applications always belong to a round. Set up the round first — its fund, dates and area budgets — then come back here with your
            CSV file.
          </p>
          <p>
            <Link to="/rounds/new">Set up a new round</Link>
          </p>
        </div>
      </Page>
    );
  }

  const canImport =
    report !== null && report.importable > 0 && report.problemCount === 0 && report.missingColumns.length === 0 && !mappingChanged;

  return (
    <Page
      title="Import applications"
      lede="Bring applications in from a spreadsheet saved as CSV. GrantPanel checks every row first and imports all of them or none."
    >
      <ErrorSummary problems={problems} idFor={(field) => FIELD_IDS[field] ?? 'import-file'} />
      {done ? <ImportConfirmation done={done} onAnother={startAgain} /> : null}

      <form
        hidden={done !== null}
        noValidate
        className="import-choose"
        aria-labelledby="import-choose-title"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void check();
        }}
      >
        <h2 id="import-choose-title">Choose the round and file</h2>
        <SelectField
          id="import-round"
          label="Round"
          hint="The applications in the file are all added to this round"
          value={roundId}
          placeholder={roundId ? undefined : 'Choose a round'}
          options={rounds.map((r) => ({ value: r.id, label: `${r.name}${r.status === 'open' ? '' : ` (${r.status})`}` }))}
          error={errorOf.round}
          onChange={(v) => {
            setRoundId(v);
            forget();
          }}
        />
        {desktop ? (
          <FileField
            id="import-file"
            label="CSV file"
            hint={`Save the spreadsheet as “CSV (comma delimited)” or “CSV UTF-8”. The first row must name the columns. The largest file GrantPanel imports is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`}
            purpose="csv"
            chosen={picked}
            error={errorOf.file}
            disabled={busy}
            onChosen={(next) => {
              setPicked(next);
              forget();
              setDone(null);
              setProblems([]);
            }}
            onProblem={(message) => setProblems([{ field: 'file', message }])}
          />
        ) : (
          <div className={`field${errorOf.file ? ' invalid' : ''}`}>
            <label htmlFor="import-file">CSV file</label>
            <HintAndError
              id="import-file"
              hint={`Save the spreadsheet as “CSV (comma delimited)” or “CSV UTF-8”. The first row must name the columns. The largest file GrantPanel imports is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`}
              error={errorOf.file}
            />
            <input
              ref={fileInput}
              id="import-file"
              name="import-file"
              type="file"
              accept=".csv,text/csv"
              className="file-input"
              aria-invalid={errorOf.file ? true : undefined}
              aria-describedby={['import-file-hint', errorOf.file ? 'import-file-error' : ''].filter(Boolean).join(' ')}
              disabled={busy}
              // Choosing the same file again after fixing it should still count as a new choice.
              onClick={(e) => (e.currentTarget.value = '')}
              onChange={chooseFile}
            />
            {file ? (
              <p className="chosen-file">
                Chosen: <strong>{file.name}</strong>, {formatFileSize(file.size)}
              </p>
            ) : null}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className={report ? 'button secondary' : 'button'} disabled={busy}>
            {report ? 'Check the file again' : 'Check file'}
          </button>
          <button type="button" className="link-button" disabled={busy} onClick={() => void downloadTemplate()}>
            Download the template
          </button>
        </div>
      </form>

      {progress ? <ProgressBar progress={progress} /> : null}

      {report ? (
        <>
          <ImportReportView
            report={report}
            mapping={mapping}
            mappingChanged={mappingChanged}
            busy={busy}
            headingRef={reportHeading}
            onMappingChange={(m) => {
              setMapping(m);
              setMappingChanged(true);
            }}
            onCheckAgain={() => void check(mapping)}
          />
          {canImport && round ? (
            <div className="button-row">
              <button type="button" className="button" id="import-commit" disabled={busy} onClick={() => void commit()}>
                Import {report.importable.toLocaleString('en-GB')} {report.importable === 1 ? 'application' : 'applications'}
              </button>
              <span className="hint">into {round.name}</span>
            </div>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
