// A file to open, in the GOV.UK file upload pattern: label, hint, inline error, then the control.
// The desktop app opens the system's Open dialog; browser mode uses the browser's file picker and
// uploads the file to the core. Either way the screen gets back the chosen file's id and name.
import { useState } from 'react';
import type { ChosenFileInfo, FilePurpose } from '../../shared/contract/files';
import { FILE_KINDS } from '../../shared/contract/files';
import { hasFileDialogs, openWithDialog, upload } from '../app/files';
import { HintAndError } from './fields';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  purpose: FilePurpose;
  chosen: ChosenFileInfo | null;
  onChosen: (file: ChosenFileInfo | null) => void;
  /** A problem choosing or sending the file, for the screen's error summary. */
  onProblem: (message: string) => void;
  disabled?: boolean;
}

/** The picker's filter: single endings (".gpbundle.age" is offered as ".age"). */
const acceptOf = (purpose: FilePurpose) => [...new Set(FILE_KINDS[purpose].endings.map((e) => `.${e.split('.').at(-1)}`))].join(',');

export function FileField({ id, label, hint, error, purpose, chosen, onChosen, onProblem, disabled }: Props) {
  const [sending, setSending] = useState<string | null>(null);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', `${id}-chosen`].filter(Boolean).join(' ');
  const desktop = hasFileDialogs();

  const openDialog = async () => {
    const result = await openWithDialog(purpose);
    if (!result.ok) return onProblem(result.error.message);
    if (result.value) onChosen(result.value);
  };

  const send = async (file: File | undefined) => {
    onChosen(null);
    if (!file) return;
    setSending(file.name);
    const result = await upload(purpose, file);
    setSending(null);
    if (!result.ok) return onProblem(result.error.message);
    onChosen(result.value);
  };

  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      {desktop ? (
        <span className="label" id={`${id}-label`}>
          {label}
        </span>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      <HintAndError id={id} hint={hint} error={error} />
      {desktop ? (
        <button
          type="button"
          id={id}
          className="button secondary"
          aria-labelledby={`${id}-label ${id}`}
          aria-describedby={describedBy}
          disabled={disabled}
          onClick={() => void openDialog()}
        >
          Choose file…
        </button>
      ) : (
        <input
          type="file"
          id={id}
          name={id}
          accept={acceptOf(purpose)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled || sending !== null}
          onChange={(e) => void send(e.target.files?.[0])}
        />
      )}
      <span className="file-chosen" id={`${id}-chosen`} role="status">
        {sending ? `Sending ${sending} to GrantPanel…` : chosen ? `Chosen: ${chosen.name}` : desktop ? 'No file chosen' : ''}
      </span>
    </div>
  );
}
