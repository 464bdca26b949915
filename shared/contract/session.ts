import { z } from 'zod';
import { method } from './method';

export interface SessionInfo {
  person: { id: string; name: string; role: 'officer' };
  device: { id: string; fingerprint: string };
  readOnly: string | null;
  hasData: boolean;
}

export const session = {
  'session.current': method<SessionInfo>()(z.object({})),
  'demo.load': method<{ roundId: string; applications: number }>()(z.object({})),
};
