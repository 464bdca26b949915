// Importing paper score sheets typed into a spreadsheet: one row per score, the rows for one
// application and member making up that member's sheet. Check the file (nothing is saved), fix
// what the report lists, then import every sheet or none — as the CLI's `import scores` does.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { FieldProblem } from '../../../shared/contract/result';
import type { RoundSummary } from '../../../shared/contract/rounds';
import type { ScoreImportReport } from '../../../shared/contract/score-imports';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ProgressBar, type Progress } from '../../components/ProgressBar';
import { rubricQuery } from '../panels/queries';
import { useMayCall } from '../session/session-cache';
import { useCsvFile } from './CsvFileField';
import { CommitButton, ImportForm } from './ImportForm';
import { ImportConfirmation } from './ImportConfirmation';
import { ImportReportView, plural } from './ImportReportView';
import { importFieldId, problemsFromError, problemsOfReport } from './import-problems';
import { useImportRound } from './import-round';

interface Done {
  sheets: number;
  scores: number;
  panels: { id: string; name: string }[];
  roundName: string;
  fileName: string;
}

const ownName = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

/** `choice`: what to import, shown under the error summary. */
export function ScoreImport({ rounds, choice }: { rounds: RoundSummary[]; choice: ReactNode }) {
  const may = useMayCall();
  const [roundId, setRoundId] = useImportRound(rounds);
  const rubric = useQuery({ ...rubricQuery({ roundId }), enabled: roundId !== '' });
  const csv = useCsvFile();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [report, setReport] = useState<ScoreImportReport | null>(null);
  /** Exactly what the report was made from: importing sends the same again. */
  const [checked, setChecked] = useState<{ roundId: string; file: string } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  /** Each check or import has a number; a cancelled or superseded one's answer is ignored. */
  const run = useRef(0);
  const abortRead = useRef<AbortController | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const busy = progress !== null;

  const round = rounds.find((r) => r.id === roundId);
  const noRubric = rubric.data !== undefined && rubric.data.rubric === null;
  const blocked = report !== null && (report.problemCount > 0 || report.missingColumns.length > 0);
  // A file's problems join the summary at the top, each leading to its row in the report.
  const summary = useMemo(() => (report ? [...problems, ...problemsOfReport(report)] : problems), [problems, report]);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));

  // A clean report (and the Import button under it) appears below the form: take focus to it and
  // bring its start to the top of the screen. A report with problems leaves focus to the summary.
  useEffect(() => {
    const heading = reportHeading.current;
    if (!report || blocked || !heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'start' });
  }, [report, blocked]);

  const forget = () => {
    setReport(null);
    setChecked(null);
  };

  const cancel = () => {
    run.current++;
    abortRead.current?.abort();
    setProgress(null);
    setProblems([]);
    useNotifications.getState().push('info', 'Cancelled. Nothing was imported.');
  };

  /** Reads the file (again, so a fixed spreadsheet is picked up) and asks the core for the report. */
  async function check() {
    const found: FieldProblem[] = [];
    if (!roundId) found.push({ field: 'round', message: 'Choose the round the sheets are for' });
    else if (noRubric && round)
      found.push({ field: 'round', message: `${round.name} has no rubric yet — set its rubric before importing score sheets` });
    const name = csv.name;
    if (!name) found.push({ field: 'file', message: 'Choose the CSV file to check' });
    const sizeProblem = csv.sizeProblem();
    if (sizeProblem) found.push({ field: 'file', message: sizeProblem });
    setProblems(found);
    forget();
    if (found.length > 0 || !name) return;

    const mine = ++run.current;
    const controller = new AbortController();
    abortRead.current = controller;
    setDone(null);
    const sending = csv.sending();
    if (sending) setProgress({ fraction: null, text: sending, onCancel: cancel });
    let sent;
    try {
      sent = await csv.send(controller.signal);
    } catch {
      return; // Cancelled.
    }
    if (mine !== run.current || !sent) return;
    if (!sent.ok) {
      setProgress(null);
      setProblems(problemsFromError(sent.error));
      return;
    }
    // Checking writes nothing, so cancelling it loses nothing: its answer is just not shown.
    setProgress({ fraction: null, text: `Checking every row of ${name} — nothing is saved yet`, onCancel: cancel });
    const input = { roundId, file: sent.value };
    const result = await call('scores.preview', input, { quiet: true });
    if (mine !== run.current) return;
    setProgress(null);
    if (!result.ok) return setProblems(problemsFromError(result.error));
    setChecked(input);
    setReport(result.value);
  }

  async function commit() {
    if (!checked || !report || !round) return;
    const mine = ++run.current;
    setProblems([]);
    // One transaction in the core: once sent it cannot be stopped half-way, so there is no Cancel.
    setProgress({
      fraction: null,
      text: `Importing ${plural(report.importable, 'sheet')} into ${round.name}. Nothing is saved until the last one.`,
    });
    const result = await call('scores.commit', checked, { quiet: true });
    if (mine !== run.current) return;
    setProgress(null);
    if (!result.ok) {
      setProblems([{ field: 'import', message: result.error.message }]);
      // Something changed since the check (a member submitted, moderation opened): show it now.
      if (result.error.code === 'VALIDATION') void check();
      return;
    }
    const { sheets, scores, panels } = result.value;
    useNotifications.getState().push('success', `Imported ${plural(sheets, 'sheet')} (${plural(scores, 'score')})`);
    setDone({ sheets, scores, panels, roundName: round.name, fileName: report.fileName });
    forget();
    csv.clear();
  }

  const startAgain = () => {
    setDone(null);
    forget();
    csv.clear();
    setProblems([]);
    setTimeout(() => document.getElementById('import-file')?.focus(), 0);
  };

  const canImport = report !== null && report.importable > 0 && !blocked;

  return (
    <>
      <ErrorSummary problems={summary} idFor={importFieldId} />
      {done ? (
        <ImportConfirmation
          summary={`${plural(done.sheets, 'paper sheet')} (${plural(done.scores, 'score')}) imported into ${done.roundName}.`}
          note={`From ${done.fileName}. Each sheet is submitted for its member and recorded as typed in by you; the scores are in the panel’s moderation view and ranking.`}
          links={done.panels.flatMap((p) => [
            { to: `/panels/${encodeURIComponent(p.id)}`, label: `View ${p.name}` },
            ...(may('moderation.view')
              ? [{ to: `/panels/${encodeURIComponent(p.id)}/moderation`, label: `Moderation for ${p.name}` }]
              : []),
          ])}
          onAnother={startAgain}
        />
      ) : (
        choice
      )}

      <ImportForm
        hidden={done !== null}
        rounds={rounds}
        roundId={roundId}
        roundHint="The round whose panels scored the sheets"
        onRound={(v) => {
          setRoundId(v);
          forget();
        }}
        csv={csv}
        errors={errorOf}
        busy={busy}
        checked={report !== null}
        template="scores.template"
        onCheck={() => void check()}
        onChosen={(problem) => {
          forget();
          setDone(null);
          setProblems(problem ? [{ field: 'file', message: problem }] : []);
        }}
        onProblem={(message) => setProblems([{ field: 'file', message }])}
        afterRound={
          noRubric && round && !errorOf.round ? (
            <p className="panel warning">
              {round.name} has no rubric yet, so there is nothing to score against.{' '}
              <Link to={`/rounds/${encodeURIComponent(round.id)}/rubric`}>Set the rubric for {round.name}</Link> first.
            </p>
          ) : null
        }
        afterFile={
          <p className="hint">
            One row per score: the application reference, the member, the criterion or gate, the score and any comment. A blank score is a
            problem, never a 0. See the template for the headings.
          </p>
        }
      />

      {progress ? <ProgressBar progress={progress} /> : null}

      {report ? (
        <>
          <ImportReportView
            report={report}
            rowName="score row"
            itemName="sheet"
            facts={
              <>
                <dt>Sheets found</dt>
                <dd className="num">{plural(report.sheetCount, 'sheet')}</dd>
              </>
            }
            readyNote={
              report.replacing.length > 0
                ? `${plural(report.replacing.length, 'sheet')} in this file ${report.replacing.length === 1 ? 'replaces one' : 'replace ones'} typed in before, listed below.`
                : undefined
            }
            nothingToImport="The file has no score rows under its headings."
            missingHelp="Add the columns to your spreadsheet, with the template’s headings, and check the file again."
            headingRef={reportHeading}
            after={
              report.replacing.length > 0 ? (
                <>
                  <h3>Sheets typed in before</h3>
                  <p className="hint">
                    Importing replaces each of these with the sheet in this file; GrantPanel keeps the earlier typing in its log.
                  </p>
                  <ul className="duplicates">
                    {report.replacing.map((r) => (
                      <li key={`${r.row}-${r.reference}`}>
                        Row {r.row}: {ownName(r.member)} sheet for {r.reference} replaces the one typed in before
                      </li>
                    ))}
                  </ul>
                </>
              ) : null
            }
          />
          {canImport && round ? (
            <CommitButton
              label={`Import ${plural(report.importable, 'sheet')}`}
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
