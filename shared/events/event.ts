// An event is the unit of truth: every change is one, chained per device by hash.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface EventBody {
  deviceId: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity: string;
  payload: unknown;
}

export interface StoredEvent extends EventBody {
  prevHash: string;
  hash: string;
}

/** The canonical bytes of an event: everything but its own hash. */
export function canonicalEvent(body: EventBody, prevHash: string): string {
  const { deviceId, seq, hlc, actor, type, entity, payload } = body;
  return canonicalJson({ actor, deviceId, entity, hlc, payload, prevHash, seq, type });
}

/** hash = SHA-256(prev_hash ‖ canonical bytes) */
export function eventHash(body: EventBody, prevHash: string): string {
  return bytesToHex(sha256(utf8ToBytes(prevHash + canonicalEvent(body, prevHash))));
}

export function sealEvent(body: EventBody, prevHash: string): StoredEvent {
  return { ...body, prevHash, hash: eventHash(body, prevHash) };
}
