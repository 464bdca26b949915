// A passphrase being chosen, typed twice, with the rule beside it: set-up, a first or reset
// passphrase given by an officer, and a person changing their own.
import { TextField } from './fields';
import { PASSPHRASE_RULE } from '../features/session/session-form';

interface Props {
  /** The two fields' ids: `${id}` and `${id}-confirm`. */
  id: string;
  label: string;
  /** Said before the rule, like "Give it to them in person." */
  hint?: string;
  value: string;
  confirm: string;
  error: string | undefined;
  confirmError: string | undefined;
  onChange: (value: string) => void;
  onConfirm: (value: string) => void;
}

export function NewPassphraseFields({ id, label, hint, value, confirm, error, confirmError, onChange, onConfirm }: Props) {
  return (
    <>
      <TextField
        id={id}
        label={label}
        type="password"
        hint={hint ? `${hint} ${PASSPHRASE_RULE}` : PASSPHRASE_RULE}
        value={value}
        error={error}
        autoComplete="new-password"
        onChange={onChange}
      />
      <TextField
        id={`${id}-confirm`}
        label={`Confirm ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        type="password"
        value={confirm}
        error={confirmError}
        autoComplete="new-password"
        onChange={onConfirm}
      />
    </>
  );
}
