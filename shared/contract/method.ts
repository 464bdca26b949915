import type { z } from 'zod';

/** A contract method: a zod schema for its input and, as a type only, its output. */
export interface Method<I extends z.ZodType, O> {
  input: I;
  /** Never set at run time; carries the output type. */
  readonly output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}
