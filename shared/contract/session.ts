import { z } from 'zod';
import { method } from './method';

export interface SessionInfo {
  person: { id: string; name: string; role: 'officer' };
  /** publicKey: the minisign public key (`minisign -V -P`); sealRecipient: the age key others seal bundles to. */
  device: { id: string; fingerprint: string; publicKey: string; sealRecipient: string };
  readOnly: string | null;
  hasData: boolean;
}

export const session = {
  'session.current': method<SessionInfo>()(z.object({})),
  'demo.load': method<{ roundId: string; applications: number }>()(z.object({})),
};
