// Personal data travels beside events, bound to them by a salted digest: the event proves which
// details were given without containing them, and the salt stops anyone testing guessed emails.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical';

export interface PersonalRecord {
  digest: string;
  /** 16 random bytes, hex. */
  salt: string;
  body: Record<string, string>;
}

export function personalDigest(saltHex: string, body: Record<string, string>): string {
  const salt = hexToBytes(saltHex);
  const content = utf8ToBytes(canonicalJson(body));
  const bytes = new Uint8Array(salt.length + content.length);
  bytes.set(salt);
  bytes.set(content, salt.length);
  return bytesToHex(sha256(bytes));
}

/** True when the record's details are exactly the ones its digest was made from. */
export function personalRecordIsIntact(r: PersonalRecord): boolean {
  return /^[0-9a-f]{32}$/.test(r.salt) && personalDigest(r.salt, r.body) === r.digest;
}
