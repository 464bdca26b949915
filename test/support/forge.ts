// A hostile laptop's toolkit: hand-built events, heads and bundles, signed by whatever key the test
// chooses. Keys come from a label, so every run builds the same bytes.
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from '../../shared/events/canonical';
import { GENESIS_HASH, canonicalStoredEvent, sealEvent, type StoredEvent } from '../../shared/events/event';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, signedHeadText, type BundleManifest, type SignedHead } from '../../shared/formats/bundle';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { deviceIdOf } from '../../electron/core/crypto/keys';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';
import { writeZip } from '../../electron/core/bundles/zip';
import { eventFromRow, type EventRow } from '../../electron/core/events/log';
import type { TestCore } from './core';

export interface Key {
  secretKey: Uint8Array;
  publicKey: string;
  deviceId: string;
}

export function keyOf(secretKey: Uint8Array): Key {
  const pub = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey: minisignPublicKey(pub), deviceId: deviceIdOf(pub).id };
}

/** The same key for the same label, every run. */
export function keyFrom(label: string): Key {
  return keyOf(new Uint8Array(createHash('sha256').update(label).digest()));
}

/** A real laptop's own key, as a thief of its data folder would have it. */
export const keyOfLaptop = (core: TestCore): Key => keyOf(core.ctx.device.secretKey);

export interface EventSpec {
  type: string;
  entity: string;
  payload: unknown;
  hlc: string;
  actor?: string;
}

/** A forged laptop set up as a real one is: its own grants officer, added by themselves. */
export function officerSetUp(deviceId: string, hlc = '2026-11-27T08:00:00.000Z-0000'): EventSpec {
  const id = `officer-${deviceId}`;
  return {
    type: 'person.added',
    entity: `person:${id}`,
    payload: { id, name: 'Forger', roles: ['grants-officer'], areas: [], active: true },
    hlc,
  };
}

/** Events chained from (seq, prevHash), in the name of `deviceId`: a valid chain, whoever builds it. */
export function chain(deviceId: string, specs: EventSpec[], from: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH }) {
  let { seq, prevHash } = from;
  return specs.map((s) => {
    const e = sealEvent(
      { deviceId, seq, hlc: s.hlc, actor: s.actor ?? `officer-${deviceId}`, type: s.type, entity: s.entity, payload: s.payload },
      prevHash,
    );
    seq++;
    prevHash = e.hash;
    return e;
  });
}

/** A head for `deviceId` at `event`, signed by `signer` — its own key, or a forger's. */
export function headFor(event: StoredEvent, signer: Key, signedAt = '2026-11-27T12:00:00.000Z'): SignedHead {
  const text = signedHeadText({ deviceId: event.deviceId, seq: event.seq, hash: event.hash, signedAt });
  return {
    deviceId: event.deviceId,
    publicKey: signer.publicKey,
    seq: event.seq,
    hash: event.hash,
    signedAt,
    signature: signMinisign({ secretKey: signer.secretKey, message: Buffer.from(text), trustedComment: 'head' }),
  };
}

/** The events a laptop holds, as stored. */
export function eventsOf(core: TestCore, deviceId = core.ctx.device.id): StoredEvent[] {
  return core.ctx.db.prepare<[string], EventRow>('SELECT * FROM events WHERE device_id = ? ORDER BY seq').all(deviceId).map(eventFromRow);
}

export interface Forgery {
  signer: Key;
  events: StoredEvent[];
  /** Per device, the key that signs its head; by default each device's head is signed by `signer`. */
  headSigners?: Record<string, Key>;
  /** Heads to carry instead of making them. */
  heads?: SignedHead[];
  /** Raw lines to write instead of the events' canonical lines. */
  lines?: string[];
}

/** Writes a bundle as a hostile laptop would: a consistent manifest, signed by `signer`. */
export async function forgeBundle(file: string, f: Forgery): Promise<void> {
  const lines = f.lines ?? f.events.map((e) => `${canonicalStoredEvent(e, canonicalJson(e.payload))}\n`);
  const body = Buffer.from(lines.join(''));
  const devices: BundleManifest['devices'] = [];
  for (const e of f.events) {
    const d = devices.find((x) => x.deviceId === e.deviceId);
    if (d) Object.assign(d, { toSeq: e.seq, headHash: e.hash });
    else devices.push({ deviceId: e.deviceId, fromSeq: e.seq, toSeq: e.seq, headHash: e.hash });
  }
  const last = (deviceId: string) => f.events.filter((e) => e.deviceId === deviceId).at(-1)!;
  const heads = f.heads ?? devices.map((d) => headFor(last(d.deviceId), f.headSigners?.[d.deviceId] ?? f.signer));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    createdAt: '2026-11-27T12:00:00.000Z',
    exporter: {
      deviceId: f.signer.deviceId,
      publicKey: f.signer.publicKey,
      personId: `officer-${f.signer.deviceId}`,
      personName: 'Forger',
    },
    events: { file: 'events.ndjson', count: lines.length, sha256: createHash('sha256').update(body).digest('hex') },
    devices,
    heads,
    knows: {},
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeZip(file, [
    { name: 'manifest.json', content: manifestBytes },
    { name: 'events.ndjson', content: body },
    {
      name: 'manifest.json.minisig',
      content: Buffer.from(signMinisign({ secretKey: f.signer.secretKey, message: manifestBytes, trustedComment: 'forged' })),
    },
  ]);
}
