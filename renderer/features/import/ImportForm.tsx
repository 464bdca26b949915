// The first step of every import, applications or paper scores: the round, the CSV file, "Check
// file" and the template. What differs — the round's hint, a warning or hint of their own — comes in.
import type { FormEvent, ReactNode } from 'react';
import type { RoundSummary } from '../../../shared/contract/rounds';
import { SelectField } from '../../components/fields';
import { CsvFileField, type CsvFile } from './CsvFileField';
import { roundOptions } from './import-round';
import { downloadTemplate } from './template-download';

export function ImportForm(props: {
  hidden: boolean;
  rounds: RoundSummary[];
  roundId: string;
  roundHint: string;
  onRound: (id: string) => void;
  csv: CsvFile;
  errors: Record<string, string>;
  busy: boolean;
  /** A report is shown: the button then checks the file again. */
  checked: boolean;
  template: 'imports.template' | 'scores.template';
  onCheck: () => void;
  onChosen: (problem: string | null) => void;
  onProblem: (message: string) => void;
  /** Under the round (a warning about it). */
  afterRound?: ReactNode;
  /** Under the file (what the file holds). */
  afterFile?: ReactNode;
}) {
  const { errors, busy, checked } = props;
  return (
    <form
      hidden={props.hidden}
      noValidate
      className="import-choose"
      aria-labelledby="import-choose-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onCheck();
      }}
    >
      <h2 id="import-choose-title">Choose the round and file</h2>
      <SelectField
        id="import-round"
        label="Round"
        hint={props.roundHint}
        value={props.roundId}
        placeholder={props.roundId ? undefined : 'Choose a round'}
        options={roundOptions(props.rounds)}
        error={errors.round}
        onChange={props.onRound}
      />
      {props.afterRound}
      <CsvFileField csv={props.csv} error={errors.file} busy={busy} onChosen={props.onChosen} onProblem={props.onProblem} />
      {props.afterFile}
      <div className="button-row">
        <button type="submit" className={checked ? 'button secondary' : 'button'} disabled={busy}>
          {checked ? 'Check the file again' : 'Check file'}
        </button>
        <button type="button" className="link-button" disabled={busy} onClick={() => void downloadTemplate(props.template)}>
          Download the template
        </button>
      </div>
    </form>
  );
}

/** "Import 12 sheets into …", under a clean report. */
export function CommitButton({
  label,
  roundName,
  busy,
  onCommit,
}: {
  label: string;
  roundName: string;
  busy: boolean;
  onCommit: () => void;
}) {
  return (
    <div className="button-row">
      <button type="button" className="button" id="import-commit" disabled={busy} onClick={onCommit}>
        {label}
      </button>
      <span className="hint">into {roundName}</span>
    </div>
  );
}
