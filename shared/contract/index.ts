// The one contract between the renderer and the core: every method with its input schema and
// output type. Electron IPC, the preload and browser mode all derive from this object.
import type { z } from 'zod';
import { applications } from './applications';
import { bundles, sync } from './bundles';
import { catalogue } from './catalogue';
import { conflicts } from './conflicts';
import { files } from './files';
import { imports } from './imports';
import { roster } from './roster';
import { rounds } from './rounds';
import { session } from './session';
import { screening } from './screening';
import { people } from './people';
import { panels } from './panels';
import { scoring } from './scoring';
import { moderation } from './moderation';
import { decisions } from './decisions';
import { audit } from './audit';
import { scoreImports } from './score-imports';
import { documents } from './documents';
import { allocation } from './allocation';
import { letters } from './letters';
import { offers } from './offers';
import type { Method } from './method';
import type { Result } from './result';

export const contract = {
  ...session,
  ...people,
  ...catalogue,
  ...rounds,
  ...applications,
  ...imports,
  ...bundles,
  ...sync,
  ...conflicts,
  ...screening,
  ...roster,
  ...files,
  ...panels,
  ...scoring,
  ...moderation,
  ...decisions,
  ...audit,
  ...scoreImports,
  ...documents,
  ...allocation,
  ...letters,
  ...offers,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Contract[M] extends Method<z.ZodType, infer O> ? O : never;

export { METHOD_NAMES } from './names';

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the renderer calls: one function per method, answering with the Result envelope. */
export type Api = { [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>> };

export * from './result';
