// Before a change touching applications already received is saved: what it will do, in the core's
// words, and a choice to go ahead or go back. Nothing is saved until the person confirms.
import { useEffect, useRef } from 'react';
import type { Pending } from './confirming-save';

export function ConfirmEffects<I>({
  pending,
  busy,
  onConfirm,
  onCancel,
  backTo,
  intro = 'This change affects applications already in the register:',
  back = 'Go back to the form',
}: {
  pending: Pending<I> | null;
  busy: boolean;
  onConfirm: (input: I) => void;
  onCancel: () => void;
  /** The field focused on going back to the form. */
  backTo: string;
  /** What the list is, and the button that goes back, where the change is not a form's. */
  intro?: string;
  back?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [pending]);
  if (!pending) return null;
  return (
    <div className="panel warning confirm-effects" role="alert" tabIndex={-1} ref={box} aria-labelledby="confirm-effects-title">
      <h2 id="confirm-effects-title">Check before saving</h2>
      <p>{intro}</p>
      <ul>
        {pending.effects.map((e) => (
          <li key={e.field}>{e.message}</li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button" id="confirm-effects" disabled={busy} onClick={() => onConfirm(pending.input)}>
          {busy ? 'Saving…' : 'Save these changes'}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => {
            onCancel();
            requestAnimationFrame(() => document.getElementById(backTo)?.focus());
          }}
        >
          {back}
        </button>
      </div>
    </div>
  );
}
