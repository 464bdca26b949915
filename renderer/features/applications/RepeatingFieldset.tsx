// A list the applicant can grow and shrink (budget lines, outcomes): each row its own small
// fieldset with a Remove button, an "Add another" button below, and focus kept where the
// officer expects it after adding or removing.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { HintAndError } from '../../components/fields';

export function RepeatingFieldset<T extends { key: number }>({
  id,
  className = '',
  legend,
  hint,
  error,
  rows,
  rowLegend,
  renderRow,
  firstFieldId,
  addLabel,
  onAdd,
  onRemove,
  max,
  footer,
  removable = () => true,
  minRows = 1,
}: {
  id: string;
  /** Lays out a row's fields, e.g. "outcomes" for two equal columns. */
  className?: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  rows: T[];
  rowLegend: (index: number) => string;
  renderRow: (row: T, index: number) => ReactNode;
  /** The id of a row's first field, focused when the row is added. */
  firstFieldId: (index: number) => string;
  addLabel: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  max: number;
  footer?: ReactNode;
  /** Whether a row may be removed (a plan's priority that applications chose may not). */
  removable?: (index: number) => boolean;
  /** The fewest rows the list may have: 1 unless it may be empty. */
  minRows?: number;
}) {
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusNext, setFocusNext] = useState<string | null>(null);

  useEffect(() => {
    if (focusNext === null) return;
    (focusNext === 'add' ? addButton.current : document.getElementById(focusNext))?.focus();
    setFocusNext(null);
  }, [focusNext]);

  return (
    <fieldset
      className={`repeating ${className}${error ? ' invalid' : ''}`}
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
    >
      <legend className="repeating-legend">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {rows.map((row, i) => (
        <fieldset key={row.key} className="repeat-row">
          <legend className="repeat-row-legend">{rowLegend(i)}</legend>
          <div className="repeat-row-fields">{renderRow(row, i)}</div>
          {rows.length > minRows && removable(i) ? (
            <button
              type="button"
              className="link-button repeat-remove"
              onClick={() => {
                onRemove(i);
                setFocusNext('add');
              }}
            >
              Remove<span className="visually-hidden"> {rowLegend(i).toLowerCase()}</span>
            </button>
          ) : null}
        </fieldset>
      ))}
      {footer}
      {rows.length < max ? (
        <button
          type="button"
          id={`add-${id}`}
          ref={addButton}
          className="button secondary"
          onClick={() => {
            onAdd();
            setFocusNext(firstFieldId(rows.length));
          }}
        >
          {addLabel}
        </button>
      ) : null}
    </fieldset>
  );
}
