// One mapping from whatever a handler or a long job threw to what a person is told: a DomainError
// as it is; a full disk or read-only data as such; anything else as "nothing was changed", its
// details logged (never input data, which may be personal) but not shown.
import { DomainError, type ContractError } from '../../shared/contract/result';

export function problemOf(error: unknown, readOnly: string | null, logError: (message: string) => void, what: string): ContractError {
  if (error instanceof DomainError)
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  const sqlite = (error as { code?: string }).code;
  if (sqlite === 'SQLITE_READONLY') return { code: 'READ_ONLY', message: readOnly ?? 'The data is read-only' };
  if (sqlite === 'SQLITE_FULL')
    return { code: 'INTERNAL', message: 'The disk is full, so nothing was saved. Free some space on this laptop and try again.' };
  logError(`${what} failed: ${(error as Error).name}: ${(error as Error).message}`);
  return {
    code: 'INTERNAL',
    message:
      'Something went wrong and nothing was changed. Try again; if it happens again, note the time and tell your system administrator.',
  };
}
