// What the event log lets in: clocks that are real times, payloads of the right shape, and events
// of types from a newer GrantPanel kept but not projected.
import { afterEach, expect, test } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { canonicalJson } from '../../shared/events/canonical';
import { GENESIS_HASH, sealEvent } from '../../shared/events/event';
import { parseHlc } from '../../shared/events/hlc';
import type { Db } from '../../electron/core/db/open';

let core: TestCore;
afterEach(() => core?.dispose());

const NOW = new Date('2026-11-27T12:00:00.000Z');
const OTHER_DEVICE = 'abcdef0123456789';

/** Stores another laptop's event as an import does: inserted as it came, hash and all. */
function storeForeign(db: Db, seq: number, hlc: string, type: string, entity: string, payload: unknown, prevHash = GENESIS_HASH) {
  const body = { deviceId: OTHER_DEVICE, seq, hlc, actor: 'officer-elsewhere', type, entity, payload };
  const e = sealEvent(body, prevHash);
  db.prepare(
    'INSERT INTO events (device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.deviceId, e.seq, e.hlc, e.actor, e.type, e.entity, canonicalJson(e.payload), e.prevHash, e.hash);
  return e;
}

test('a clock that is no real time, already in the log, does not stop later writes', async () => {
  core = makeCore(tempDir(), () => NOW);
  const db = core.ctx.db;
  storeForeign(db, 1, '2026-11-27T99:99:99.999Z-0000', 'area.changed', 'area:dudley', { id: 'dudley', changes: {} });
  const [acf] = (await core.call('catalogue.funds', {})).filter((f) => f.id === 'acf');
  await core.call('catalogue.saveFund', { ...acf!, maxAwardPence: 400_000 });
  const mine = db.prepare('SELECT hlc FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1').get(core.ctx.device.id) as {
    hlc: string;
  };
  expect(parseHlc(mine.hlc)).not.toBeNull();
  expect(mine.hlc > '2026-11-27T12:00:00.000Z').toBe(true);
});
