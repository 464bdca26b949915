// Saving through a call that may answer NEEDS_CONFIRMATION (a change touching applications already
// received): what waits for a person's yes, the problems otherwise, and whether a save is under way.
import { useState } from 'react';
import type { FieldProblem, Result } from '../../shared/contract/result';

export interface Pending<I> {
  input: I;
  effects: FieldProblem[];
}

export function useConfirmingSave<I, O>(send: (input: I, confirmed: boolean) => Promise<Result<O>>, onSaved: (value: O) => void) {
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [pending, setPending] = useState<Pending<I> | null>(null);

  async function save(input: I, confirmed = false) {
    setSaving(true);
    const result = await send(input, confirmed);
    setSaving(false);
    if (!result.ok && result.error.code === 'NEEDS_CONFIRMATION') {
      setProblems([]);
      setPending({ input, effects: result.error.details ?? [] });
      return;
    }
    setPending(null);
    if (!result.ok) {
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
      return;
    }
    onSaved(result.value);
  }

  /** Changing the form again withdraws the question: the answer was about what was sent. */
  const withdraw = () => setPending(null);
  return { saving, problems, setProblems, pending, save, withdraw };
}
