// Form fields in the GOV.UK pattern: label, hint, inline error, then the control.
import type { ReactNode } from 'react';

interface Common {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** The hint under a label and the inline error, with the ids aria-describedby points at. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
    </>
  );
}

function Shell({ id, label, hint, error, children }: Common & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: Common & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'email' | 'tel' | 'date' | 'search' | 'password';
    className?: string;
    autoComplete?: string;
    inputMode?: 'decimal' | 'numeric' | 'text';
  },
) {
  const { id, hint, error } = props;
  return (
    <Shell {...props}>
      <input
        id={id}
        name={id}
        type={props.type ?? 'text'}
        className={props.className}
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Shell>
  );
}

export function TextArea(props: Common & { value: string; onChange: (v: string) => void; rows?: number }) {
  const { id, hint, error } = props;
  return (
    <Shell {...props}>
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 4}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Shell>
  );
}

export function SelectField(
  props: Common & {
    value: string;
    onChange: (v: string) => void;
    options: { value: string; label: string }[];
    placeholder?: string;
    className?: string;
  },
) {
  const { id, hint, error } = props;
  return (
    <Shell {...props}>
      <select
        id={id}
        name={id}
        className={props.className}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** A group of checkboxes; the first box carries the group's id so error links can focus it. */
export function Checkboxes(
  props: Common & { values: string[]; onChange: (v: string[]) => void; options: { value: string; label: string }[] },
) {
  const { id, label, hint, error, values, options } = props;
  return (
    <fieldset className={`field checks${error ? ' invalid' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((o, i) => (
        <label key={o.value}>
          <input
            type="checkbox"
            id={i === 0 ? id : `${id}-${o.value}`}
            checked={values.includes(o.value)}
            onChange={(e) => props.onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A yes/no question as two radio buttons. */
export function YesNo(props: Common & { value: boolean | null; onChange: (v: boolean) => void }) {
  const { id, label, hint, error, value } = props;
  return (
    <fieldset className={`field checks${error ? ' invalid' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div style={{ display: 'flex', gap: 24 }}>
        <label>
          <input type="radio" id={id} name={id} checked={value === true} onChange={() => props.onChange(true)} /> Yes
        </label>
        <label>
          <input type="radio" id={`${id}-no`} name={id} checked={value === false} onChange={() => props.onChange(false)} /> No
        </label>
      </div>
    </fieldset>
  );
}
