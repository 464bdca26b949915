// Which GrantPanel field each column of the file holds: suggested or remembered by the core,
// corrected here by the grants officer, then checked again.
import { APPLICATION_COLUMNS, type ImportField } from '../../../shared/formats/applications-csv';

export type Mapping = Record<string, ImportField | null>;

interface Props {
  headers: string[];
  mapping: Mapping;
  changed: boolean;
  busy: boolean;
  onChange: (mapping: Mapping) => void;
  onCheckAgain: () => void;
}

export function ColumnMappingEditor({ headers, mapping, changed, busy, onChange, onCheckAgain }: Props) {
  const used = new Map<ImportField, number>();
  for (const field of Object.values(mapping)) if (field) used.set(field, (used.get(field) ?? 0) + 1);
  const unmatchedRequired = APPLICATION_COLUMNS.filter((c) => c.required && !used.has(c.field));

  return (
    <div className="column-mapping">
      <table>
        <caption className="visually-hidden">How each column in the file is matched to a GrantPanel field</caption>
        <thead>
          <tr>
            <th scope="col">Column in your file</th>
            <th scope="col">GrantPanel field</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, i) => {
            const field = mapping[header] ?? null;
            const twice = field !== null && (used.get(field) ?? 0) > 1;
            const id = `mapping-${i}`;
            return (
              <tr key={`${header}-${i}`} className={field ? undefined : 'ignored'}>
                <th scope="row">
                  <label htmlFor={id}>{header || <em>(no heading)</em>}</label>
                </th>
                <td>
                  {twice ? (
                    <span className="field-error" id={`${id}-error`}>
                      Another column is matched to this field too — match only one
                    </span>
                  ) : null}
                  <select
                    id={id}
                    value={field ?? ''}
                    aria-invalid={twice ? true : undefined}
                    aria-describedby={twice ? `${id}-error` : undefined}
                    onChange={(e) => onChange({ ...mapping, [header]: (e.target.value || null) as ImportField | null })}
                  >
                    <option value="">Ignore this column</option>
                    {APPLICATION_COLUMNS.map((c) => (
                      <option key={c.field} value={c.field}>
                        {c.header}
                        {c.required ? ' (required)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {unmatchedRequired.length > 0 ? <p className="hint">Not matched yet: {unmatchedRequired.map((c) => c.header).join(', ')}.</p> : null}
      <div className="button-row">
        <button type="button" className={changed ? 'button' : 'button secondary'} disabled={busy} onClick={onCheckAgain}>
          Check again
        </button>
        {changed ? <span className="hint">You changed how columns are matched — check the file again to see the result.</span> : null}
      </div>
    </div>
  );
}
