// The envelope every contract call answers with, in IPC and browser mode alike.
import type { TableName } from '../domain/kinds';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  /** Nobody is signed in, or the laptop is locked: only signing in answers. */
  'SIGNED_OUT',
  /** Too many wrong passphrases in a row: the message says how long to wait. */
  'WAIT',
  'CONFLICT',
  /** The change would touch applications already received: its effects are the details; send again with `confirmed`. */
  'NEEDS_CONFIRMATION',
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

/**
 * A call's answer. `changed` names the tables its writes changed, so the renderer refreshes exactly
 * what reads them; a refused call can change some too (a refused bundle keeps its evidence).
 */
export type Result<T> =
  { ok: true; value: T; changed: readonly TableName[] } | { ok: false; error: ContractError; changed?: readonly TableName[] };

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
