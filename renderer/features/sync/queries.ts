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
/** The office key lives in the data folder, not a table: read afresh on each visit, and after a roster import. */
const officeKeyRead = readQuery('bundles.officeKey', ['trusted_devices']);
export const officeKeyQuery = (input: Record<string, never>) => ({ ...officeKeyRead(input), staleTime: 0 });
