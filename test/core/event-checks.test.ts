// What the event log lets in: clocks that are real times, payloads of the right shape, and events
// of types from a newer GrantPanel kept but not projected.
import { afterEach, expect, test } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { canonicalJson } from '../../shared/events/canonical';
import { GENESIS_HASH, sealEvent } from '../../shared/events/event';
import { parseHlc } from '../../shared/events/hlc';
import { EVENT_TYPES, changeableFields } from '../../shared/events/payloads';
import { CONFLICT_KINDS } from '../../shared/contract/conflicts';
import type { Db } from '../../electron/core/db/open';
import { write } from '../../electron/core/context';
import { unknownEventTypes } from '../../electron/core/events/project';
import { projectionSnapshot } from '../support/laptops';

let core: TestCore;
afterEach(() => core?.dispose());

const NOW = new Date('2026-11-27T12:00:00.000Z');
const OTHER_DEVICE = 'abcdef0123456789';

/** Stores another laptop's event as an import does: inserted as it came, hash and all. */
function storeForeign(db: Db, seq: number, hlc: string, type: string, entity: string, payload: unknown, prevHash = GENESIS_HASH) {
  const body = { deviceId: OTHER_DEVICE, seq, hlc, actor: `officer-${OTHER_DEVICE}`, type, entity, payload };
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

test('append refuses a payload other laptops would refuse: it throws, and the transaction writes nothing', async () => {
  core = makeCore(tempDir(), () => NOW);
  await core.ready();
  const { db, log, person } = core.ctx;
  const events = () => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const coventry = () => (db.prepare("SELECT name FROM areas WHERE id = 'coventry'").get() as { name: string }).name;
  const before = events();
  const rename = { id: 'coventry', changes: { name: { from: 'Coventry', to: 'Coventry City' } } };
  // As the services write: in write(), which first records the person's sign-in on this laptop.
  const writing = (type: string, entity: string, payload: unknown) => () =>
    write(core.ctx, () => {
      log.append(person.id, 'area.changed', 'area:coventry', rename);
      log.append(person.id, type, entity, payload);
    });
  expect(writing('fund.changed', 'fund:acf', { id: 'acf', changes: { maxAwardPence: { from: 500_000, to: 'lots of money' } } })).toThrow(
    'fund.changed: maxAwardPence must be a whole number of pence',
  );
  expect(writing('fund.changed', 'fund:csf', { id: 'acf', changes: { maxAwardPence: { from: 500_000, to: 1 } } })).toThrow(
    /filed under "fund:csf"/,
  );
  expect(writing('score.added', 'score:1', { points: 3 })).toThrow(/Unknown event type score\.added/);
  expect(events()).toBe(before);
  expect(coventry()).toBe('Coventry');
  writing('area.changed', 'area:coventry', { id: 'coventry', changes: { localAuthority: { from: 'Coventry City Council', to: 'CCC' } } })();
  expect(events()).toBe(before + 3);
  expect(coventry()).toBe('Coventry City');
});

test('every event type with a payload schema has a projector, and every projector a payload schema', () => {
  core = makeCore();
  expect([...core.ctx.projection.types()].sort()).toEqual([...EVENT_TYPES].sort());
});

test('a change event may name exactly the fields its kind merges', () => {
  core = makeCore();
  for (const kind of CONFLICT_KINDS)
    expect([...changeableFields(kind)].sort(), kind).toEqual([...core.ctx.projection.editable(kind)!.fields].sort());
});

test('events of a type from a newer GrantPanel stay in the log, are not projected, and are counted', async () => {
  core = makeCore(tempDir(), () => NOW);
  const db = core.ctx.db;
  const [acf] = (await core.call('catalogue.funds', {})).filter((f) => f.id === 'acf');
  await core.call('catalogue.saveFund', { ...acf!, maxAwardPence: 400_000 });
  const without = projectionSnapshot(db);
  // Earlier than what is held, so only a rebuild places it; as an import does, it is stored, then projected.
  const first = storeForeign(db, 1, '2026-11-27T11:00:00.000Z-0000', 'score.added', 'score:1', { applicationId: 'x', points: 3 });
  core.ctx.projection.rebuild();
  expect(unknownEventTypes(db)).toEqual([{ type: 'score.added', count: 1 }]);
  const held = db.prepare('SELECT max(hlc) AS hlc FROM events').get() as { hlc: string };
  const second = storeForeign(db, 2, '2026-11-27T13:00:00.000Z-0000', 'score.added', 'score:2', { points: 4 }, first.hash);
  storeForeign(db, 3, '2026-11-27T13:00:00.000Z-0001', 'panel.met', 'panel:1', {}, second.hash);
  core.ctx.projection.projectAfter(held.hlc);
  const counts = [
    { type: 'panel.met', count: 1 },
    { type: 'score.added', count: 2 },
  ];
  expect(unknownEventTypes(db)).toEqual(counts);
  const { unprojected_types: counted, ...tables } = projectionSnapshot(db);
  expect(counted).toHaveLength(2);
  expect(tables).toEqual(omitCounts(without));
  // A rebuild gives exactly the same tables and the same counts.
  core.ctx.projection.rebuild();
  expect(unknownEventTypes(db)).toEqual(counts);
  expect(omitCounts(projectionSnapshot(db))).toEqual(omitCounts(without));
  // And this laptop's own writes carry on.
  await core.call('catalogue.saveFund', { ...acf!, maxAwardPence: 300_000 });
  expect((await core.call('catalogue.funds', {})).find((f) => f.id === 'acf')?.maxAwardPence).toBe(300_000);
});

function omitCounts(snapshot: Record<string, string[]>): Record<string, string[]> {
  const { unprojected_types: _, ...rest } = snapshot;
  return rest;
}

test('after an update, changes that arrived from a newer GrantPanel and are now understood take effect', async () => {
  const dataDir = tempDir();
  core = makeCore(dataDir, () => NOW);
  const db = core.ctx.db;
  // An area added on a newer laptop, when this version did not yet know "area.added": counted, not applied.
  const area = { id: 'solihull-north', name: 'Solihull North', onsCode: null, localAuthority: 'Solihull MBC' };
  // That laptop was set up first: its own officer, who added the area.
  const officer = `officer-${OTHER_DEVICE}`;
  const setUp = storeForeign(db, 1, '2026-11-27T10:00:00.000Z-0000', 'person.added', `person:${officer}`, {
    id: officer,
    name: 'Elsewhere',
    roles: ['grants-officer'],
    areas: [],
    active: true,
  });
  storeForeign(db, 2, '2026-11-27T11:00:00.000Z-0000', 'area.added', 'area:solihull-north', area, setUp.hash);
  db.prepare("INSERT INTO unprojected_types (type, count) VALUES ('area.added', 1)").run();
  db.prepare("DELETE FROM areas WHERE id = 'solihull-north'").run();
  core.close();
  // This version knows it: opening the folder applies it.
  core = makeCore(dataDir, () => NOW);
  expect((await core.call('catalogue.areas', {})).map((a) => a.name)).toContain('Solihull North');
  expect(unknownEventTypes(core.ctx.db)).toEqual([]);
});
