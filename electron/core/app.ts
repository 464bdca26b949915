// The core: opens the data folder, holds the session, and answers contract calls. Plain Node;
// Electron IPC, browser mode and the CLI all call dispatch().
import { join } from 'node:path';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { DomainError, type Result } from '../../shared/contract/result';
import type { TableName } from '../../shared/domain/kinds';
import { problemsFromZod } from '../../shared/domain/application';
import { openDatabase } from './db/open';
import { EventLog } from './events/log';
import { Projection } from './events/project';
import { Changes } from './changes';
import { CORE_KINDS } from './kinds';
import { commitPendingKey } from './crypto/keys';
import { checkIdentity, DATABASE_FILE } from './identity';
import { secureDataFiles, secureDataFolder } from './data-folder';
import { problemOf } from './problems';
import { Gate, type CoreContext, type Handlers } from './context';
import { Session } from './people/session';
import { PASSPHRASE_LOG_N } from './crypto/credential';
import { METHOD_RULES } from '../../shared/contract/rules';
import { can, forbidden } from './authorise';
import { catalogueHandlers, seedIfEmpty } from './services/catalogue';
import { roundHandlers } from './services/rounds';
import { applicationHandlers } from './services/applications';
import { applicationHistoryHandlers } from './services/application-history';
import { importHandlers } from './services/imports';
import { importJobHandlers } from './services/import-jobs';
import { demoHandlers } from './services/demo';
import { lockIfIdle, savedIdleLockMinutes, sessionHandlers } from './services/session';
import { peopleHandlers } from './services/people';
import { joinHandlers } from './services/join';
import { bundleHandlers } from './services/bundles';
import { conflictHandlers } from './merge/conflicts';
import { rosterHandlers } from './services/roster';
import { removeLeftoverPlainCopies } from './bundles/sealed';
import { ChosenFiles } from './files/chosen';
import { clearTransferFolders } from './files/transfer';
import { fileHandlers } from './services/files';
import { panelHandlers } from './services/panels';
import { scoringHandlers } from './services/scoring';
import { moderationHandlers } from './services/moderation';
import { decisionHandlers } from './services/decisions';
import { signOffPackHandlers } from './services/sign-off-pack';
import { auditHandlers } from './services/audit';
import { letterHandlers } from './services/letters';
import { letterTemplateHandlers } from './services/letter-templates';
import { scoreImportHandlers } from './services/score-imports';
import { documentHandlers } from './services/documents';
import { screeningHandlers } from './services/screening';
import { allocationHandlers } from './services/allocation';
import { stagesMissing } from './decisions/stages';
import { offerHandlers } from './services/offers';

/** Every contract method's handler. A method without one, or a handler without a method, fails the tests. */
export const handlers: Handlers<MethodName> = {
  ...sessionHandlers,
  ...panelHandlers,
  ...scoringHandlers,
  ...moderationHandlers,
  ...decisionHandlers,
  ...signOffPackHandlers,
  ...auditHandlers,
  ...letterHandlers,
  ...letterTemplateHandlers,
  ...offerHandlers,
  ...scoreImportHandlers,
  ...documentHandlers,
  ...peopleHandlers,
  ...joinHandlers,
  ...catalogueHandlers,
  ...roundHandlers,
  ...applicationHandlers,
  ...applicationHistoryHandlers,
  ...importHandlers,
  ...importJobHandlers,
  ...demoHandlers,
  ...bundleHandlers,
  ...conflictHandlers,
  ...rosterHandlers,
  ...fileHandlers,
  ...screeningHandlers,
  ...allocationHandlers,
};

export interface Core {
  ctx: CoreContext;
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  /** Where bundles go by default; the data folder's `bundles` when not given. */
  bundlesFolder?: string;
  now?: () => Date;
  /** Where unexpected errors are reported; never given input data, which may be personal. */
  logError?: (message: string) => void;
  /** log2 of scrypt's cost for new passphrases: leave unset in the app (17, OWASP's); tests choose less. */
  passphraseLogN?: number;
}

/**
 * Opens the data folder, making it on first run. Throws a DataFolderError, whose message says what
 * to do, when its device key and database do not belong together (see identity.ts).
 */
export function openCore(options: CoreOptions): Core {
  secureDataFolder(options.dataDir);
  // A sealed bundle's contact details must not outlive a crash in a plain copy.
  removeLeftoverPlainCopies(options.dataDir);
  clearTransferFolders(options.dataDir);
  secureDataFiles(options.dataDir);
  const { device, firstRun } = checkIdentity(options.dataDir);
  const { db, readOnly } = openDatabase(join(options.dataDir, DATABASE_FILE));
  secureDataFiles(options.dataDir);
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((m: string) => console.error(m));
  const changes = new Changes();
  const session = new Session(savedIdleLockMinutes({ db }));
  const projection = new Projection(db, CORE_KINDS, changes);
  const ctx: CoreContext = {
    projection,
    changes,
    logError,
    importJobs: new Map(),
    files: new ChosenFiles(),
    bundleProgress: null,
    db,
    device,
    readOnly,
    now,
    gate: new Gate(),
    dataDir: options.dataDir,
    bundlesFolder: options.bundlesFolder ?? join(options.dataDir, 'bundles'),
    log: new EventLog(db, projection, device.id, () => now().getTime()),
    session,
    get person() {
      return session.required();
    },
    passphraseLogN: options.passphraseLogN ?? PASSPHRASE_LOG_N,
  };
  try {
    if (!readOnly) seedIfEmpty(ctx);
    // A laptop upgraded from before stages were kept rebuilds once, so its register's stages are there.
    if (!readOnly && !projection.projectNewlyKnown() && stagesMissing(db)) projection.rebuild();
    // Only now, with this device's first events committed, does its key take its final name.
    if (firstRun) commitPendingKey(options.dataDir);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    ctx,
    async dispatch(method, input) {
      return dispatch(ctx, method, input);
    },
    close() {
      db.close();
    },
  };
}

/** Progress and cancel must answer while an import holds the gate; everything else waits. */
const ANSWERS_DURING_IMPORT = new Set<MethodName>(['imports.progress', 'imports.cancel', 'bundles.progress']);

/**
 * The method's rule (shared/contract/rules.ts) against the person signed in: nobody signed in, or
 * a locked or idle laptop, answers SIGNED_OUT; a person who must choose a new passphrase may do only
 * that; a role without the capability answers FORBIDDEN. Throws before the handler runs, so nothing is written.
 */
function allowed(ctx: CoreContext, method: MethodName): void {
  const rule = METHOD_RULES[method];
  if (rule === 'anyone') return;
  lockIfIdle(ctx);
  const person = ctx.session.required();
  if (ctx.session.mustChangePassphrase && rule !== 'signed-in')
    throw new DomainError('FORBIDDEN', 'Choose your own passphrase first: the one you were given was for your first sign-in only.');
  if (rule !== 'signed-in' && !can(person, rule)) throw forbidden(person);
  ctx.session.touch(ctx.now());
}

export async function dispatch(ctx: CoreContext, method: string, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method))
    return { ok: false, error: { code: 'NOT_FOUND', message: `GrantPanel has no action called "${String(method).slice(0, 80)}"` } };
  // Who may call it is checked first: a forbidden call learns nothing, not even about its input.
  try {
    allowed(ctx, method);
  } catch (error) {
    return { ok: false, error: problemOf(error, ctx.readOnly, ctx.logError, method) };
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const details = problemsFromZod(parsed.error);
    const message =
      details.length === 1 && details[0] ? details[0].message : `${details.length} details need correcting — see the list below`;
    return { ok: false, error: { code: 'VALIDATION', message, details } };
  }
  if (!ANSWERS_DURING_IMPORT.has(method)) await ctx.gate.pass();
  const changed = new Set<TableName>();
  try {
    const handler = handlers[method] as (input: unknown, ctx: CoreContext) => unknown;
    const value = await ctx.changes.collect(changed, async () => handler(parsed.data, ctx));
    return { ok: true, value, changed: [...changed].sort() };
  } catch (error) {
    return { ok: false, error: problemOf(error, ctx.readOnly, ctx.logError, method), changed: [...changed].sort() };
  }
}
