// Chain verification: recompute every event's hash and check each links to the one before.
import { nativeSha256Hex } from './hash';
import type { Db } from '../db/open';
import { GENESIS_HASH, eventHash } from '../../../shared/events/event';
import { eventFromRow, type EventRow } from './log';

export interface ChainProblem {
  deviceId: string;
  seq: number;
  problem: string;
}

export function verifyChain(db: Db): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let device = '';
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const row of db.prepare<[], EventRow>('SELECT * FROM events ORDER BY device_id, seq').iterate()) {
    if (row.device_id !== device) {
      device = row.device_id;
      expectedSeq = 1;
      prevHash = GENESIS_HASH;
    }
    const at = { deviceId: row.device_id, seq: row.seq };
    if (row.seq !== expectedSeq) problems.push({ ...at, problem: `expected event ${expectedSeq}, found ${row.seq}` });
    if (row.prev_hash !== prevHash) problems.push({ ...at, problem: 'does not link to the event before it' });
    let computed: string;
    try {
      computed = eventHash(eventFromRow(row), row.prev_hash, row.payload, nativeSha256Hex);
    } catch {
      computed = 'unreadable';
    }
    if (computed !== row.hash) problems.push({ ...at, problem: 'content does not match its hash' });
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return problems;
}
