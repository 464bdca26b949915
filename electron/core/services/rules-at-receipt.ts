// Rules apply as they were when an application was received: the fund its round paid from then, and
// that fund's maximum then. Read back from the event log, so a later change to a fund or round
// never makes an older application wrong.
import type { Db } from '../db/open';
import { statement } from '../db/statements';

/** A record's fields as the log had set them up to (but not including) a moment in clock order. */
function fieldsBefore(db: Db, entity: string, hlc: string): Record<string, unknown> {
  const events = statement<[string, string], { type: string; payload: string }>(
    db,
    'SELECT type, payload FROM events WHERE entity = ? AND hlc < ? ORDER BY hlc, device_id, seq',
  ).all(entity, hlc);
  const fields: Record<string, unknown> = {};
  for (const e of events) {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const changes = payload.changes as Record<string, { to: unknown }> | undefined;
    // A change or a resolution sets the fields it names; a whole record sets all of its own.
    if (changes && typeof changes === 'object') for (const [field, c] of Object.entries(changes)) fields[field] = c.to;
    else Object.assign(fields, payload);
  }
  return fields;
}

export interface RulesAtReceipt {
  /** When the application entered the register (its first event), in clock order. */
  hlc: string;
  fundId: string;
  fundName: string;
  /** The fund's maximum award then, or null for none. */
  maxAwardPence: number | null;
}

/** The rules an application was received under; null if its receipt is not in this laptop's log. */
export function rulesAtReceipt(db: Db, applicationId: string): RulesAtReceipt | null {
  const received = statement<[string], { hlc: string; payload: string }>(
    db,
    "SELECT hlc, payload FROM events WHERE entity = ? AND type IN ('application.received', 'application.added') ORDER BY hlc LIMIT 1",
  ).get(`application:${applicationId}`);
  if (!received) return null;
  // Just after receipt: the round and fund as they stood when the application arrived.
  const after = `${received.hlc}\u0000`;
  const { roundId } = JSON.parse(received.payload) as { roundId: string };
  const fundId = fieldsBefore(db, `round:${roundId}`, after).fundId;
  if (typeof fundId !== 'string') return null;
  const fund = fieldsBefore(db, `fund:${fundId}`, after);
  return {
    hlc: received.hlc,
    fundId,
    fundName: typeof fund.name === 'string' ? fund.name : fundId,
    maxAwardPence: typeof fund.maxAwardPence === 'number' ? fund.maxAwardPence : null,
  };
}
