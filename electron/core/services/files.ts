// Chosen files through the contract: the page may ask only for a new file inside the data folder
// (to download once written) or forget one. Choosing a file elsewhere happens outside the contract:
// in the Electron shell's dialogs, an upload to the browser-mode server, or the CLI.
import type { Handlers } from '../context';
import { createOutgoing } from '../files/transfer';

export const fileHandlers: Handlers<'files.create' | 'files.forget'> = {
  'files.create': ({ purpose, name }, ctx) => createOutgoing(ctx.files, ctx.dataDir, purpose, name),
  'files.forget': ({ file }, ctx) => ({ forgotten: ctx.files.forget(file) }),
};
