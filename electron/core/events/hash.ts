import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../../../shared/events/event';

/** Node's native SHA-256: the same hashes as the shared pure-JS one, several times faster. */
export const nativeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
