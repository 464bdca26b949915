// Joining an office: a new laptop, before anyone is set up on it, trusts the office laptop that
// signed the roster (once the person has checked its fingerprint), every laptop on that roster, and
// imports the office's protected bundle — which brings the people and their sealed sign-ins, so
// they sign in here as on any laptop. Only on a laptop nobody has set up.
import type { JoinCheck, JoinOutcome } from '../../../shared/contract/session';
import { DomainError } from '../../../shared/contract/result';
import { officerOf, write, type CoreContext, type Handlers } from '../context';
import { readRoster, type RosterSummary } from '../bundles/roster';
import { isTrusted, type TrustedDevice } from '../bundles/trust';
import { officeKeyOutcome, saveOfficeKey } from '../bundles/office-key';
import { withPlainBundle } from '../bundles/sealed';
import { importBundle } from '../bundles/import';
import { sessionState } from './session';

function onlyWhileNewLaptop(ctx: CoreContext): void {
  if (sessionState(ctx) !== 'set-up')
    throw new DomainError('FORBIDDEN', 'Joining an office is only possible on a laptop nobody has set up yet.');
}

function checkOf(s: RosterSummary): JoinCheck {
  return {
    office: { deviceId: s.signer.deviceId, fingerprint: s.signer.fingerprint, personName: s.roster.exporter.personName },
    laptops: s.roster.devices.length,
    createdAt: s.roster.createdAt,
  };
}

/** Trusts the roster's signer and every laptop it lists, as this laptop's would-be officer (nobody is signed in). */
function trustRoster(ctx: CoreContext, s: RosterSummary): void {
  const actor = officerOf(ctx.device.id);
  const signer = s.roster.devices.find((d) => d.deviceId === s.signer.deviceId);
  if (!signer) throw new DomainError('VALIDATION', 'This roster does not list the laptop that signed it, so it cannot be used to join.');
  write(ctx, () => {
    for (const d of s.roster.devices) {
      if (d.deviceId === ctx.device.id || isTrusted(ctx.db, ctx.device.id, d.deviceId)) continue;
      const device: TrustedDevice = { deviceId: d.deviceId, publicKey: d.publicKey, fingerprint: d.fingerprint, name: d.name };
      ctx.log.append(actor, 'device.trusted', `device:${d.deviceId}`, device);
    }
  });
  if (officeKeyOutcome(ctx, s) === 'new') saveOfficeKey(ctx, s);
}

export const joinHandlers: Handlers<'session.checkJoin' | 'session.join'> = {
  'session.checkJoin': async ({ roster }, ctx) => {
    onlyWhileNewLaptop(ctx);
    return checkOf(await readRoster(ctx.files.use(roster, 'read', 'roster').path));
  },
  'session.join': async ({ roster, fingerprint, bundle, passphrase }, ctx): Promise<JoinOutcome> => {
    onlyWhileNewLaptop(ctx);
    if (ctx.readOnly) throw new DomainError('READ_ONLY', ctx.readOnly);
    const s = await readRoster(ctx.files.use(roster, 'read', 'roster').path);
    // Trust on first use, but only of the laptop the person checked.
    if (s.signer.fingerprint.replace(/\s/g, '') !== fingerprint.replace(/\s/g, '').toUpperCase())
      throw new DomainError('VALIDATION', 'The roster is signed by a laptop with another fingerprint than the one you checked.', [
        { field: 'fingerprint', message: `The roster's fingerprint is ${s.signer.fingerprint}: check it with the office again` },
      ]);
    const chosen = ctx.files.use(bundle, 'read', 'bundle');
    trustRoster(ctx, s);
    const outcome = await withPlainBundle(ctx, chosen.path, passphrase, (plain, sealed) => importBundle(ctx, plain, sealed));
    const people = ctx.db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number };
    return {
      trusted: s.roster.devices.filter((d) => d.deviceId !== ctx.device.id).length,
      newChanges: outcome.newEvents,
      people: people.n,
    };
  },
};
