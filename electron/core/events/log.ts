// Appending to the event log: gapless seq per device, HLC time, hash chain — and the projection
// applied in the same transaction, so tables never disagree with the log.
import { nativeSha256Hex } from './hash';
import type { Db } from '../db/open';
import { canonicalJson } from '../../../shared/events/canonical';
import { GENESIS_HASH, sealEvent, type StoredEvent } from '../../../shared/events/event';
import { encodeHlc, parseHlc, tick, type Hlc } from '../../../shared/events/hlc';
import { checkEventPayload, isKnownEventType } from '../../../shared/events/payloads';
import type { Projection } from './project';

export interface EventRow {
  device_id: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function eventFromRow(row: EventRow): StoredEvent {
  return {
    deviceId: row.device_id,
    seq: row.seq,
    hlc: row.hlc,
    actor: row.actor,
    type: row.type,
    entity: row.entity,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class EventLog {
  private readonly head;
  private readonly latestHlc;
  private readonly hlcBefore;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly projection: Projection,
    private readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.head = db.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1',
    );
    this.latestHlc = db.prepare<[], { hlc: string | null }>('SELECT max(hlc) AS hlc FROM events');
    this.hlcBefore = db.prepare<[string], { hlc: string | null }>('SELECT max(hlc) AS hlc FROM events WHERE hlc < ?');
    this.insert = db.prepare(
      'INSERT INTO events (device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (@deviceId, @seq, @hlc, @actor, @type, @entity, @payload, @prevHash, @hash)',
    );
  }

  /** The hash of this laptop's latest event: what its next event will follow. */
  headHash(): string {
    return this.head.get(this.deviceId)?.hash ?? GENESIS_HASH;
  }

  /**
   * Appends one event and projects it. Call inside a write transaction. An event of a type this
   * version does not know, or with a payload another laptop would refuse, is a programming error:
   * it throws before anything is written, and the caller's transaction rolls back.
   */
  append(actor: string, type: string, entity: string, payload: unknown): StoredEvent {
    if (!this.db.inTransaction) throw new Error('Events are appended only inside a transaction');
    if (!isKnownEventType(type)) throw new Error(`Unknown event type ${type}: add its payload schema to shared/events/payloads.ts`);
    // Checked, and projected, as read back from its canonical text: exactly what another laptop reads.
    const payloadJson = canonicalJson(payload);
    const written = JSON.parse(payloadJson) as unknown;
    const problem = checkEventPayload(type, entity, written);
    if (problem) throw new Error(`Refusing to write an event other laptops would refuse: ${problem}`);
    const head = this.head.get(this.deviceId);
    const hlc = encodeHlc(tick(this.latestClock(), this.now()));
    const body = { deviceId: this.deviceId, seq: (head?.seq ?? 0) + 1, hlc, actor, type, entity, payload: written };
    const event = sealEvent(body, head?.hash ?? GENESIS_HASH, payloadJson, nativeSha256Hex);
    this.insert.run({ ...event, payload: payloadJson });
    this.projection.project(event);
    return event;
  }

  /**
   * The latest real clock held. A clock that is no real time (imported before clocks were checked)
   * is stepped over, so it cannot stop every later write; each step is one index seek.
   */
  private latestClock(): Hlc | null {
    let text = this.latestHlc.get()?.hlc ?? null;
    while (text !== null) {
      const h = parseHlc(text);
      if (h) return h;
      text = this.hlcBefore.get(text)?.hlc ?? null;
    }
    return null;
  }
}
