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

/**
 * The canonical bytes of an event: everything but its own hash. Keys are written in RFC 8785
 * order by hand so the payload, often the largest part, is canonicalised only once.
 */
export function canonicalEvent(body: EventBody, prevHash: string, payloadJson = canonicalJson(body.payload)): string {
  const c = canonicalJson;
  return `{"actor":${c(body.actor)},"deviceId":${c(body.deviceId)},"entity":${c(body.entity)},"hlc":${c(body.hlc)},"payload":${payloadJson},"prevHash":${c(prevHash)},"seq":${c(body.seq)},"type":${c(body.type)}}`;
}

/** A stored event, hash included, in canonical form: one line of a bundle's events file. */
export function canonicalStoredEvent(e: StoredEvent, payloadJson = canonicalJson(e.payload)): string {
  const c = canonicalJson;
  return `{"actor":${c(e.actor)},"deviceId":${c(e.deviceId)},"entity":${c(e.entity)},"hash":${c(e.hash)},"hlc":${c(e.hlc)},"payload":${payloadJson},"prevHash":${c(e.prevHash)},"seq":${c(e.seq)},"type":${c(e.type)}}`;
}

/** SHA-256 of UTF-8 text, as lower-case hex. */
export type Sha256Hex = (text: string) => string;

/** Pure JS, the same everywhere; the core passes Node's native one, which gives the same bytes faster. */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** hash = SHA-256(prev_hash ‖ canonical bytes) */
export function eventHash(body: EventBody, prevHash: string, payloadJson?: string, hash: Sha256Hex = sha256Hex): string {
  return hash(prevHash + canonicalEvent(body, prevHash, payloadJson));
}

export function sealEvent(body: EventBody, prevHash: string, payloadJson?: string, hash: Sha256Hex = sha256Hex): StoredEvent {
  return { ...body, prevHash, hash: eventHash(body, prevHash, payloadJson, hash) };
}
