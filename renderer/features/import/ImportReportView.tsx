// The dry-run report: what the file holds, how its columns were matched, and every row that
// would stop the import, by its spreadsheet row number and column.
import type { Ref } from 'react';
import type { ImportReport } from '../../../shared/contract/imports';
import { ColumnMappingEditor, type Mapping } from './ColumnMappingEditor';

const MAPPING_SOURCE: Record<ImportReport['mappingSource'], string> = {
  template: 'By the headings of the GrantPanel template',
  remembered: 'Remembered from the last file with these headings',
  suggested: 'Suggested from the headings — check them below',
  given: 'As you set them',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

interface Props {
  report: ImportReport;
  mapping: Mapping;
  mappingChanged: boolean;
  busy: boolean;
  onMappingChange: (mapping: Mapping) => void;
  onCheckAgain: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}

export function ImportReportView({ report, mapping, mappingChanged, busy, onMappingChange, onCheckAgain, headingRef }: Props) {
  const blocked = report.missingColumns.length > 0 || report.problemCount > 0;
  const mappingOpen = report.mappingSource !== 'template' || report.missingColumns.length > 0 || mappingChanged;
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
        <dd className="num">{plural(report.rowCount, 'application row')}</dd>
        <dt>Columns matched</dt>
        <dd>{MAPPING_SOURCE[report.mappingSource]}</dd>
      </dl>

      {blocked ? (
        <div className="panel warning" role="status">
          {report.missingColumns.length > 0 ? (
            <>
              <p>
                <strong>Nothing has been imported.</strong> The file has no column for:
              </p>
              <ul className="missing-columns" aria-label="Missing columns">
                {report.missingColumns.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
              <p>
                Match a column of your file to each of them below and check again, or add the columns to your spreadsheet and check the file
                again.
              </p>
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
              {plural(report.importable, 'application')} {report.importable === 1 ? 'is' : 'are'} ready to import.
            </strong>
          </p>
          <p>
            Every row was checked and nothing has been saved yet.
            {report.duplicates.length > 0 ? ` ${plural(report.duplicates.length, 'duplicate')} will be skipped.` : ''}
          </p>
        </div>
      ) : (
        <div className="panel" role="status">
          <p>
            <strong>There is nothing new to import.</strong>
          </p>
          <p>Every application in this file is already in the register.</p>
        </div>
      )}

      <details className="mapping-details" open={mappingOpen}>
        <summary>How the columns are matched</summary>
        <ColumnMappingEditor
          headers={report.headers}
          mapping={mapping}
          changed={mappingChanged}
          busy={busy}
          onChange={onMappingChange}
          onCheckAgain={onCheckAgain}
        />
      </details>

      {report.problems.length > 0 ? (
        <>
          <h3 id="import-problems-title">Problems to fix</h3>
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
                  <tr key={i}>
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

      {report.duplicates.length > 0 ? (
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
      ) : null}
    </section>
  );
}
