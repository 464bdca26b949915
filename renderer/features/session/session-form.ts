// A session form's submit: the core's answer becomes the session shown, or its problems the error
// summary's (a problem without a field, like WAIT, goes to the field the form names).
import { useState, type FormEvent } from 'react';
import type { Input, MethodName, Output, Result } from '../../../shared/contract';
import type { FieldProblem } from '../../../shared/contract/result';
import type { SessionInfo } from '../../../shared/contract/session';
import { call } from '../../app/api';
import { showSession } from './session-cache';

export const PASSPHRASE_RULE = 'At least 12 characters, or three words or more. Avoid common passwords.';

export const NOT_MATCHING = 'The passphrases do not match — type the same passphrase twice';

type SessionMethod = {
  [M in MethodName]: Output<M> extends SessionInfo ? M : never;
}[MethodName];

export function problemsOf(result: Result<unknown>, field: string): FieldProblem[] {
  if (result.ok) return [];
  return result.error.details?.length ? result.error.details : [{ field, message: result.error.message }];
}

/**
 * `check` answers problems found before asking the core (passphrases that do not match), or the input.
 * `field` is where a problem without one is shown.
 */
export function useSessionForm<M extends SessionMethod>(method: M, field: string, check: () => FieldProblem[] | Input<M>) {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  /** True once the core has taken it. */
  async function submit(e?: FormEvent): Promise<boolean> {
    e?.preventDefault();
    if (busy) return false;
    const input = check();
    if (Array.isArray(input)) {
      setProblems(input);
      return false;
    }
    setBusy(true);
    const result = await call(method, input, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      setProblems(problemsOf(result, field));
      return false;
    }
    setProblems([]);
    showSession(result.value as SessionInfo);
    return true;
  }
  const errorOf = (f: string) => problems.find((p) => p.field === f)?.message;
  return { problems, busy, submit, errorOf, setProblems };
}
