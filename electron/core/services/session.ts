// Who is signed in on this device, and whether there is anything in the register yet.
import type { Handlers } from '../context';
import { minisignPublicKey } from '../crypto/minisign';
import { loadOrCreateSealIdentity } from '../crypto/seal-identity';

export const sessionHandlers: Handlers<'session.current'> = {
  'session.current': async (_, ctx) => ({
    person: ctx.person,
    device: {
      id: ctx.device.id,
      fingerprint: ctx.device.fingerprint,
      publicKey: minisignPublicKey(ctx.device.publicKey),
      sealRecipient: (await loadOrCreateSealIdentity(ctx.dataDir)).recipient,
    },
    readOnly: ctx.readOnly,
    hasData: ctx.db.prepare('SELECT 1 FROM applications LIMIT 1').get() !== undefined,
  }),
};
