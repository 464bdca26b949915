// Bundles: the only way work moves between laptops. This slice writes and checks them;
// importing them is the next.
import type { BundleInfo } from '../../../shared/contract/bundles';
import { authorise } from '../authorise';
import type { CoreContext, Handlers } from '../context';
import { exportBundle } from '../bundles/export';
import { readBundle, type BundleSummary } from '../bundles/read';

function info(ctx: CoreContext, s: BundleSummary): BundleInfo {
  return {
    file: s.file,
    createdAt: s.manifest.createdAt,
    exporter: { deviceId: s.signer.deviceId, fingerprint: s.signer.fingerprint, personName: s.manifest.exporter.personName },
    eventCount: s.manifest.events.count,
    devices: s.manifest.devices,
    trustedComment: s.trustedComment,
    fromThisDevice: s.signer.deviceId === ctx.device.id,
  };
}

export const bundleHandlers: Handlers<'bundles.export' | 'bundles.verify'> = {
  'bundles.export': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await exportBundle(ctx, file));
  },
  'bundles.verify': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await readBundle(file));
  },
};
