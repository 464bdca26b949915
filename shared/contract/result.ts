// The envelope every contract call answers with, in IPC and browser mode alike.

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'READ_ONLY',
  'TOO_LARGE',
  'BUNDLE_SIGNATURE',
  'BUNDLE_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field: `field` is a dotted path ("budgetLines.2.amount") or a CSV column. */
export interface FieldProblem {
  field: string;
  message: string;
  row?: number;
}

export interface ContractError {
  code: ErrorCode;
  message: string;
  details?: FieldProblem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by core services; the dispatcher turns it into an error envelope. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
