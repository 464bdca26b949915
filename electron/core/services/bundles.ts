// Bundles: the only way work moves between laptops — written, checked, imported — and the
// trusted laptops whose bundles this one accepts.
import type { BundleInfo, SyncStatus, TrustedDeviceInfo } from '../../../shared/contract/bundles';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { officeKey } from '../bundles/office-key';
import type { CoreContext, Handlers } from '../context';
import { exportBundle } from '../bundles/export';
import { readBundle, type BundleSummary } from '../bundles/read';
import { importBundle } from '../bundles/import';
import {
  isRevoked,
  isTrusted,
  laptopName,
  nameGivenHere,
  noLongerTrustedHere,
  revokeDevice,
  trustDevice,
  trustedHere,
  trustElsewhere,
} from '../bundles/trust';
import { chooseVersion, listEquivocations } from '../bundles/equivocation';
import { unknownEventTypes } from '../events/project';
import { bundlesFolder } from '../bundles/folder';
import { counter, progressOf, withProgress } from '../bundles/progress';
import { withPlainBundle } from '../bundles/sealed';
import { statement } from '../db/statements';
import { readPerson } from '../people/records';

function info(ctx: CoreContext, s: BundleSummary, name: string): BundleInfo {
  return {
    file: name,
    createdAt: s.manifest.createdAt,
    exporter: {
      deviceId: s.signer.deviceId,
      fingerprint: s.signer.fingerprint,
      personName: s.manifest.exporter.personName,
      publicKey: s.manifest.exporter.publicKey,
      laptopName: nameGivenHere(ctx.db, ctx.device.id, s.signer.deviceId),
    },
    trusted: s.signer.deviceId === ctx.device.id || isTrusted(ctx.db, ctx.device.id, s.signer.deviceId),
    revoked: isRevoked(ctx.db, ctx.device.id, s.signer.deviceId),
    eventCount: s.manifest.events.count,
    devices: s.manifest.devices,
    trustedComment: s.trustedComment,
    fromThisDevice: s.signer.deviceId === ctx.device.id,
    personalRecords: s.manifest.personal?.count ?? null,
  };
}

function officeKeyOrRefuse(ctx: CoreContext): string {
  const key = officeKey(ctx);
  if (key) return key.sealKey;
  const message =
    'This laptop has no office key yet: import the office’s roster of trusted laptops first, or protect the bundle with a password';
  throw new DomainError('VALIDATION', message, [{ field: 'to', message }]);
}

/** A protected bundle's name ends .gpbundle.age, an open one's .gpbundle: the ending says which it is. */
function checkEnding(name: string, sealed: boolean): void {
  const ending = sealed ? '.gpbundle.age' : '.gpbundle';
  const lower = name.toLowerCase();
  if (lower.endsWith(ending) && (sealed || !lower.endsWith('.age'))) return;
  const message = `${sealed ? 'Protected bundle' : 'Bundle'} files end in ${ending}`;
  throw new DomainError('VALIDATION', message, [{ field: 'file', message }]);
}

/** Changes the projection kept but did not apply, as a grants officer reads them. */
function notApplied(ctx: CoreContext): SyncStatus['notApplied'] {
  const rows = statement<[], { device_id: string; actor: string; reason: string; count: number }>(
    ctx.db,
    'SELECT device_id, actor, reason, count FROM ignored_changes ORDER BY device_id, actor, reason',
  ).all();
  return rows.map((r) => ({
    laptop: r.device_id === ctx.device.id ? 'This laptop' : laptopName(ctx.db, ctx.device.id, r.device_id),
    person: readPerson(ctx.db, r.actor)?.name ?? 'someone not known here',
    reason: r.reason,
    count: r.count,
  }));
}

export const bundleHandlers: Handlers<
  | 'bundles.export'
  | 'bundles.verify'
  | 'bundles.import'
  | 'bundles.folder'
  | 'bundles.officeKey'
  | 'bundles.progress'
  | 'devices.trust'
  | 'devices.list'
  | 'devices.revoke'
  | 'devices.chooseVersion'
  | 'sync.status'
> = {
  'bundles.export': async ({ file, office, to, passphrase, for: forDevice }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const out = ctx.files.use(file, 'write', 'bundle');
    const recipients = office ? [officeKeyOrRefuse(ctx)] : to;
    const seal = recipients?.length ? { recipients } : passphrase ? { passphrase } : undefined;
    checkEnding(out.name, Boolean(seal));
    const summary = await withProgress(ctx, 'export', (report) =>
      exportBundle(ctx, out.path, seal, forDevice, report, { replace: out.origin !== 'terminal' }),
    );
    return info(ctx, summary, out.name);
  },
  'bundles.verify': async ({ file: id, passphrase }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const { path: file, name } = ctx.files.use(id, 'read', 'bundle');
    const summary = await withProgress(ctx, 'check', (report) => {
      report('Opening the bundle');
      return withPlainBundle(ctx, file, passphrase, async (plain, sealed) => {
        let step = () => {};
        const checking = {
          signed: (s: BundleSummary) => (step = counter(report, 'Checking every change in the bundle', s.manifest.events.count)),
        };
        return { ...(await readBundle(plain, { sealed, ...checking, event: () => step() })), file };
      });
    });
    return info(ctx, summary, name);
  },
  'bundles.import': async ({ file: id, passphrase }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const chosen = ctx.files.use(id, 'read', 'bundle');
    const file = chosen.path;
    const outcome = await withProgress(ctx, 'import', (report) => {
      report('Opening the bundle');
      return withPlainBundle(ctx, file, passphrase, async (plain, sealed) => {
        const result = await importBundle(ctx, plain, sealed, report);
        return { ...result, summary: { ...result.summary, file } };
      });
    });
    const { newEvents, knownEvents, gaps, leftOut } = outcome;
    // An upload has done its work: its copy in the data folder goes.
    if (chosen.origin === 'upload') ctx.files.forget(id);
    return { bundle: info(ctx, outcome.summary, chosen.name), newEvents, knownEvents, gaps, leftOut };
  },
  'bundles.progress': (_, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return progressOf(ctx);
  },
  'bundles.folder': async (_, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return bundlesFolder(ctx);
  },
  'bundles.officeKey': (_, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return officeKey(ctx);
  },
  'devices.list': (_, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return trustedHere(ctx.db, ctx.device.id).map(({ deviceId, fingerprint, name }): TrustedDeviceInfo => ({
      deviceId,
      fingerprint,
      name,
    }));
  },
  'sync.status': (_, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return {
      equivocations: listEquivocations(ctx),
      trustElsewhere: trustElsewhere(ctx.db, ctx.device.id),
      noLongerTrusted: noLongerTrustedHere(ctx.db, ctx.device.id),
      unknownChanges: unknownEventTypes(ctx.db),
      notApplied: notApplied(ctx),
    };
  },
  'devices.chooseVersion': ({ deviceId, seq, version }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    return chooseVersion(ctx, deviceId, seq, version);
  },
  'devices.revoke': ({ deviceId, reason }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const { name, changesKept } = revokeDevice(ctx, deviceId, reason);
    return { deviceId, name, changesKept };
  },
  'devices.trust': ({ publicKey, name }, ctx) => {
    authorise(ctx, 'exchange-bundles');
    const { deviceId, fingerprint } = trustDevice(ctx, publicKey, name);
    return { deviceId, fingerprint, name };
  },
};
