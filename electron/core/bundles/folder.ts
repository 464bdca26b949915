// Where bundles live by default: a folder the grants officer can find, copy to a USB stick and
// drop arriving bundles into. The Electron shell puts it in Documents (and opens its dialogs there);
// elsewhere it is in the data folder. Its bundles are offered for opening by id, like any chosen file.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundlesFolder } from '../../../shared/contract/bundles';
import type { CoreContext } from '../context';

const BUNDLE_FILE = /\.gpbundle(\.age)?$/i;

export async function bundlesFolder(ctx: CoreContext): Promise<BundlesFolder> {
  const folder = ctx.bundlesFolder;
  await mkdir(folder, { recursive: true });
  const names = (await readdir(folder)).filter((n) => BUNDLE_FILE.test(n));
  const files = await Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      const s = await stat(path);
      // The page gets an id to open it by, never the path: the folder is one the core chose.
      const file = ctx.files.choose(path, 'read', 'bundle', 'folder').id;
      return { file, name, bytes: s.size, modifiedAt: s.mtime.toISOString() };
    }),
  );
  files.sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : 0));
  const today = ctx.now().toISOString().slice(0, 10);
  let n = 1;
  const name = () => `grantpanel-${ctx.device.id.slice(0, 8)}-${today}${n > 1 ? `-${n}` : ''}.gpbundle`;
  while (names.some((x) => x.startsWith(name()))) n++;
  return { folder, suggestedName: name(), files };
}
