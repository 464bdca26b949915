// Bundles: the only way work moves between laptops — written, checked, imported — and the
// trusted laptops whose bundles this one accepts.
import type { BundleInfo } from '../../../shared/contract/bundles';
import { authorise } from '../authorise';
import type { CoreContext, Handlers } from '../context';
import { exportBundle } from '../bundles/export';
import { readBundle, type BundleSummary } from '../bundles/read';
import { importBundle } from '../bundles/import';
import { trustDevice } from '../bundles/trust';

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

export const bundleHandlers: Handlers<'bundles.export' | 'bundles.verify' | 'bundles.import' | 'devices.trust'> = {
  'bundles.export': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await exportBundle(ctx, file));
  },
  'bundles.verify': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return info(ctx, await readBundle(file));
  },
  'bundles.import': async ({ file }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const outcome = await importBundle(ctx, file);
    return { bundle: info(ctx, outcome.summary), newEvents: outcome.newEvents, knownEvents: outcome.knownEvents, gaps: outcome.gaps };
  },
  'devices.trust': ({ publicKey, name }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const { deviceId, fingerprint } = trustDevice(ctx, publicKey, name);
    return { deviceId, fingerprint, name };
  },
};
