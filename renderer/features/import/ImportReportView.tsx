// The dry-run report of any CSV import (applications, paper scores): what the file holds, whether it
// can be imported, and every problem that stops it, by its spreadsheet row number and column.
// Each import adds its own lines (how columns were matched, duplicates, sheets replaced).
import type { ReactNode, Ref } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';

/** What every import's check reports. */
export interface CheckedFile {
  fileName: string;
  encoding: string;
  rowCount: number;
  missingColumns: string[];
  /** The first 1,000 problems. */
  problems: FieldProblem[];
  problemCount: number;
  rowsWithProblems: number;
  importable: number;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

interface Props {
  report: CheckedFile;
  /** What one row of the file is ("application row", "score row") and what is imported ("application", "sheet"). */
  rowName: string;
  itemName: string;
  /** More lines of the summary list (dt and dd), after the rows found. */
  facts?: ReactNode;
  /** Said under "… ready to import" beside "nothing has been saved yet". */
  readyNote?: string;
  /** Said when the file is clean but holds nothing to import. */
  nothingToImport: ReactNode;
  /** How to supply a missing column. */
  missingHelp: string;
  /** Between the verdict and the problems (how the columns are matched). */
  children?: ReactNode;
  /** After the problems (duplicates skipped, sheets replaced). */
  after?: ReactNode;
  headingRef: Ref<HTMLHeadingElement>;
}

export function ImportReportView(props: Props) {
  const { report, rowName, itemName, headingRef } = props;
  const blocked = report.missingColumns.length > 0 || report.problemCount > 0;
  const more = report.problemCount - report.problems.length;

  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title" ref={headingRef} tabIndex={-1}>
        Check of {report.fileName}
      </h2>
      <dl className="summary-list">
        <dt>File</dt>
        <dd>{report.fileName}</dd>
        <dt>Encoding</dt>
        <dd>{report.encoding}</dd>
        <dt>Rows found</dt>
        <dd className="num">{plural(report.rowCount, rowName)}</dd>
        {props.facts}
      </dl>

      {blocked ? (
        <div className="panel warning" role="status">
          {report.missingColumns.length > 0 ? (
            <>
              <p>
                <strong>Nothing has been imported.</strong> The file has no column for:
              </p>
              <ul className="missing-columns" aria-label="Missing columns" id="import-missing-columns" tabIndex={-1}>
                {report.missingColumns.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
              <p>{props.missingHelp}</p>
            </>
          ) : (
            <p>
              <strong>Nothing has been imported.</strong> Fix these rows in your spreadsheet and check the file again.
            </p>
          )}
          {report.problemCount > 0 ? (
            <p>
              {plural(report.problemCount, 'problem')}
              {report.rowsWithProblems > 0 ? ` in ${plural(report.rowsWithProblems, 'row')}` : ''}.
            </p>
          ) : null}
        </div>
      ) : report.importable > 0 ? (
        <div className="panel success" role="status">
          <p>
            <strong>
              {plural(report.importable, itemName)} {report.importable === 1 ? 'is' : 'are'} ready to import.
            </strong>
          </p>
          <p>
            Every row was checked and nothing has been saved yet.
            {props.readyNote ? ` ${props.readyNote}` : ''}
          </p>
        </div>
      ) : (
        <div className="panel" role="status">
          <p>
            <strong>There is nothing new to import.</strong>
          </p>
          <p>{props.nothingToImport}</p>
        </div>
      )}

      {props.children}

      {report.problems.length > 0 ? (
        <>
          <h3 id="import-problems-title" tabIndex={-1}>
            Problems to fix
          </h3>
          <div className="table-scroll">
            <table className="problems-table" aria-labelledby="import-problems-title">
              <thead>
                <tr>
                  <th scope="col" className="money">
                    Row
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  // The error summary's links lead to these rows.
                  <tr key={i} id={`import-problem-${i}`} tabIndex={-1}>
                    <td className="money">{p.row ?? ''}</td>
                    <td>{p.field}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more > 0 ? (
            <p className="hint">and {plural(more, 'more problem')} not listed — fix these first, then check again to see the rest.</p>
          ) : null}
          <p className="hint">Row numbers are as your spreadsheet shows them: the heading row is row 1.</p>
        </>
      ) : null}

      {props.after}
    </section>
  );
}
