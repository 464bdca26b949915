// What the Sync screen reads: the bundles folder, the laptops trusted here, and the log's state.
import { readQuery } from '../../app/read-query';

/**
 * The bundles folder is files, not tables: files arrive there from outside GrantPanel (a USB stick),
 * so it is read afresh on each visit (not kept between them), and after this laptop writes a bundle
 * (see ExportForm).
 */
const folderRead = readQuery('bundles.folder', []);
export const bundlesFolderQuery = (input: Record<string, never>) => ({ ...folderRead(input), staleTime: 0, gcTime: 0 });
export const devicesQuery = readQuery('devices.list', ['trusted_devices']);
export const syncStatusQuery = readQuery('sync.status', [
  'equivocations',
  'chosen_versions',
  'signed_heads',
  'trusted_devices',
  'unprojected_types',
  'people',
]);
