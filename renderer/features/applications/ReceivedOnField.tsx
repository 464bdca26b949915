// When and into which round an application came: the date received, and a word of caution when
// the round was not taking applications that day.
import { TextField } from '../../components/fields';

export function ReceivedOnField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <TextField
      id="receivedOn"
      label="Date received"
      hint="The day it reached the office, like 20/11/2026 — a paper form received last week keeps its own date"
      className="date-input"
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** The round's hint: its fund's maximum, and any warning about its dates. */
export function RoundHint({ fundMaximum, warning }: { fundMaximum: string | undefined; warning: string | null }) {
  if (!fundMaximum && !warning) return null;
  return (
    <>
      {fundMaximum}
      {warning ? <strong className="field-warning">{warning}</strong> : null}
    </>
  );
}
