import { z } from 'zod';
import { method } from './method';

export interface SessionInfo {
  person: { id: string; name: string; role: 'officer' };
  /** publicKey: the minisign public key, as `minisign -V -P` takes it. */
  device: { id: string; fingerprint: string; publicKey: string };
  readOnly: string | null;
  hasData: boolean;
}

export const session = {
  'session.current': method<SessionInfo>()(z.object({})),
  'demo.load': method<{ roundId: string; applications: number }>()(z.object({})),
};
