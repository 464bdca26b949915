// The CSV file to import, chosen like every file (see app/files.ts): the Open dialog on the desktop,
// where the core reads it itself at each check; in browser mode the file picker, and each check
// sends the file again, so a spreadsheet fixed and saved since counts.
import { useRef, useState } from 'react';
import type { Result } from '../../../shared/contract';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import { MAX_IMPORT_BYTES } from '../../../shared/formats/applications-csv';
import { call } from '../../app/api';
import { hasFileDialogs, upload } from '../../app/files';
import { FileField } from '../../components/FileField';
import { HintAndError } from '../../components/fields';
import { fileSizeProblem, formatFileSize } from './import-file';

export type CsvFile = ReturnType<typeof useCsvFile>;

export function useCsvFile() {
  const desktop = hasFileDialogs();
  /** The desktop: the file chosen in the Open dialog. */
  const [picked, setPicked] = useState<ChosenFileInfo | null>(null);
  /** Browser mode: the file chosen in the picker. */
  const [file, setFile] = useState<File | null>(null);
  /** Browser mode: the last copy sent to the core, forgotten (deleted) when another is sent. */
  const sent = useRef<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  return {
    desktop,
    picked,
    setPicked,
    file,
    setFile,
    input,
    name: desktop ? picked?.name : file?.name,
    /** What is wrong with the chosen file's size (browser mode), or null. */
    sizeProblem: () => (file && !desktop ? fileSizeProblem(file) : null),
    /** The text shown while the file is sent, or null when nothing is sent. */
    sending: () => (!desktop && file ? `Sending ${file.name} (${formatFileSize(file.size)}) to GrantPanel` : null),
    /** The id of the file for the core to read now: sent again in browser mode. Throws when aborted. */
    send: async (signal: AbortSignal): Promise<Result<string> | null> => {
      if (desktop) return picked ? { ok: true, value: picked.file, changed: [] } : null;
      if (!file) return null;
      const result = await upload('csv', file, signal);
      if (!result.ok) return result;
      if (sent.current) void call('files.forget', { file: sent.current }, { quiet: true });
      sent.current = result.value.file;
      return { ok: true, value: result.value.file, changed: [] };
    },
    /** Forgets the choice, after an import. */
    clear: () => {
      setFile(null);
      setPicked(null);
      if (input.current) input.current.value = '';
    },
  };
}

const HINT = `Save the spreadsheet as “CSV (comma delimited)” or “CSV UTF-8”. The first row must name the columns. The largest file GrantPanel imports is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;

interface Props {
  csv: CsvFile;
  error: string | undefined;
  busy: boolean;
  /** A new file was chosen, with the problem with its size (or null). */
  onChosen: (problem: string | null) => void;
  /** A problem opening the Open dialog. */
  onProblem: (message: string) => void;
}

export function CsvFileField({ csv, error, busy, onChosen, onProblem }: Props) {
  if (csv.desktop)
    return (
      <FileField
        id="import-file"
        label="CSV file"
        hint={HINT}
        purpose="csv"
        chosen={csv.picked}
        error={error}
        disabled={busy}
        onChosen={(next) => {
          csv.setPicked(next);
          onChosen(null);
        }}
        onProblem={onProblem}
      />
    );
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor="import-file">CSV file</label>
      <HintAndError id="import-file" hint={HINT} error={error} />
      <input
        ref={csv.input}
        id="import-file"
        name="import-file"
        type="file"
        accept=".csv,text/csv"
        className="file-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={['import-file-hint', error ? 'import-file-error' : ''].filter(Boolean).join(' ')}
        disabled={busy}
        // Choosing the same file again after fixing it should still count as a new choice.
        onClick={(e) => (e.currentTarget.value = '')}
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          csv.setFile(chosen);
          onChosen(chosen ? fileSizeProblem(chosen) : null);
        }}
      />
      {csv.file ? (
        <p className="chosen-file">
          Chosen: <strong>{csv.file.name}</strong>, {formatFileSize(csv.file.size)}
        </p>
      ) : null}
    </div>
  );
}
