// One criterion of the rubric editor: its name, guidance, scale with a descriptor per level, weight
// (with its share of the total), the Plan priorities it assesses, and buttons to move or remove it.
import type { Scale } from '../../../shared/domain/rubric';
import { Checkboxes, HintAndError, TextArea, TextField } from '../../components/fields';
import type { CriterionRow } from './rubric-form';

interface Props {
  row: CriterionRow;
  index: number;
  count: number;
  share: string | null;
  priorities: { id: string; code: string; title: string }[];
  errorOf: (id: string) => string | undefined;
  onChange: (row: CriterionRow) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function CriterionFields({ row, index, count, share, priorities, errorOf, onChange, onMove, onRemove }: Props) {
  const id = (field: string) => `rubric-criteria-${index}-${field}`;
  const set = <K extends keyof CriterionRow>(key: K, value: CriterionRow[K]) => onChange({ ...row, [key]: value });
  const title = `Criterion ${index + 1}${row.name.trim() ? `: ${row.name.trim()}` : ''}`;
  const scaleError = errorOf(id('scale'));
  return (
    <fieldset className="criterion">
      <legend id={id('legend')} className="criterion-legend">
        {title}
      </legend>
      <TextField id={id('name')} label="Name" value={row.name} error={errorOf(id('name'))} onChange={(v) => set('name', v)} />
      <TextArea
        id={id('guidance')}
        label="Guidance for members"
        hint="What to look for when scoring it"
        rows={3}
        value={row.guidance}
        error={errorOf(id('guidance'))}
        onChange={(v) => set('guidance', v)}
      />
      <div className="criterion-numbers">
        <fieldset className={`field checks${scaleError ? ' invalid' : ''}`}>
          <legend>Scale</legend>
          <HintAndError id={id('scale')} error={scaleError} />
          <div className="inline-radios">
            {([4, 5] as Scale[]).map((s) => (
              <label key={s}>
                <input
                  type="radio"
                  name={id('scale')}
                  id={s === 4 ? id('scale') : `${id('scale')}-5`}
                  checked={row.scale === s}
                  onChange={() => set('scale', s)}
                />{' '}
                0 to {s}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id={id('weight')}
          label="Weight"
          hint={share ? `${share} of the total weight` : 'A whole number from 1'}
          className="number-input"
          inputMode="numeric"
          value={row.weight}
          error={errorOf(id('weight'))}
          onChange={(v) => set('weight', v)}
        />
      </div>
      <fieldset className="levels">
        <legend>What each level means</legend>
        {row.descriptors.slice(0, row.scale + 1).map((text, level) => (
          <TextArea
            key={level}
            id={id(`descriptors-${level}`)}
            label={`Level ${level}`}
            rows={2}
            value={text}
            error={errorOf(id(`descriptors-${level}`))}
            onChange={(v) =>
              set(
                'descriptors',
                row.descriptors.map((d, i) => (i === level ? v : d)),
              )
            }
          />
        ))}
      </fieldset>
      {priorities.length > 0 ? (
        <div className="check-columns">
          <Checkboxes
            id={id('priorityIds')}
            label="Plan priorities it assesses"
            hint="Optional: leave all unticked if it does not assess a particular priority"
            values={row.priorityIds}
            options={priorities.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))}
            error={errorOf(id('priorityIds'))}
            onChange={(v) => set('priorityIds', v)}
          />
        </div>
      ) : null}
      <div className="button-row criterion-actions">
        <button type="button" className="button secondary small" id={id('up')} disabled={index === 0} onClick={() => onMove(-1)}>
          Move up<span className="visually-hidden"> {title}</span>
        </button>
        <button type="button" className="button secondary small" id={id('down')} disabled={index === count - 1} onClick={() => onMove(1)}>
          Move down<span className="visually-hidden"> {title}</span>
        </button>
        {count > 1 ? (
          <button type="button" className="button secondary small" onClick={onRemove}>
            Remove<span className="visually-hidden"> {title}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
