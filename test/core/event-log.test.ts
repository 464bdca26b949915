import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { makeCore, type TestCore } from '../support/core';
import { PROJECTED_TABLES } from '../../shared/domain/kinds';
import { verifyChain } from '../../electron/core/events/verify';
import type { Db } from '../../electron/core/db/open';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { validDraft } from '../support/drafts';
import { personalRecordIsIntact } from '../../shared/events/personal';

let core: TestCore;
afterEach(() => core?.dispose());

function snapshot(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(PROJECTED_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
}

test('every change is an event: gapless seq, linked hashes, one device', async () => {
  core = makeCore();
  await core.call('demo.load', {});
  const events = core.ctx.db.prepare('SELECT device_id, seq FROM events ORDER BY seq').all() as { device_id: string; seq: number }[];
  expect(events.length).toBeGreaterThan(40);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(new Set(events.map((e) => e.device_id))).toEqual(new Set([core.ctx.device.id]));
  expect(verifyChain(core.ctx.db)).toEqual([]);
});

test('a failed write leaves no event and no row behind', async () => {
  core = makeCore();
  await core.ready();
  const before = core.ctx.db.prepare('SELECT count(*) AS n FROM events').get();
  const result = await core.dispatch('rounds.create', {
    fundId: 'nope',
    planId: 'pcp-2025-2029',
    name: 'X',
    opens: '2026-01-01',
    closes: '2026-02-01',
  });
  expect(result.ok).toBe(false);
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(before);
});

type Op =
  | { kind: 'round'; fund: 'acf' | 'csf'; budgetAreas: number }
  | { kind: 'application'; amount: number; area: number }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'area'; name: string }
  | { kind: 'fund'; max: number | null };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('round' as const),
    fund: fc.constantFrom('acf' as const, 'csf' as const),
    budgetAreas: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    kind: fc.constant('application' as const),
    amount: fc.integer({ min: 1, max: 600_000 }),
    area: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  // A name the contract takes: a blank one is refused before any event is written.
  fc.record({
    kind: fc.constant('area' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
  }),
  fc.record({ kind: fc.constant('fund' as const), max: fc.option(fc.integer({ min: 1, max: 1_000_000 })) }),
);

test('rebuilding the projections from the events gives exactly the live tables (random operations)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
      const c = makeCore();
      try {
        const areas = ['birmingham', 'coventry', 'dudley', 'sandwell', 'solihull', 'walsall', 'wolverhampton'];
        for (const op of ops) {
          const rounds = await c.call('rounds.list', {});
          if (op.kind === 'round') {
            await c.dispatch('rounds.create', {
              fundId: op.fund,
              planId: 'pcp-2025-2029',
              name: `Round ${rounds.length + 1}`,
              opens: '2026-10-01',
              closes: '2026-12-01',
              budgets: areas.slice(0, op.budgetAreas).map((areaId) => ({ areaId, amountPence: 1_000_000 })),
            });
          } else if (op.kind === 'application' && rounds[0]) {
            await c.dispatch(
              'applications.create',
              validDraft(rounds[0].id, {
                amountRequested: op.amount,
                budgetLines: [{ item: 'All', amount: op.amount }],
                areaId: areas[op.area],
              }),
            );
          } else if (op.kind === 'withdraw') {
            const list = await c.call('applications.list', { limit: 500 });
            const target = list.rows[op.pick % Math.max(1, list.rows.length)];
            if (target) await c.dispatch('applications.withdraw', { id: target.id, reason: 'Group folded' });
          } else if (op.kind === 'area') {
            const id = `area-${op.name.length}`;
            const adding = !(await c.call('catalogue.areas', {})).some((a) => a.id === id);
            await c.call('catalogue.saveArea', { id, name: op.name, onsCode: null, localAuthority: 'Somewhere', adding });
          } else if (op.kind === 'fund') {
            const [acf] = (await c.call('catalogue.funds', {})).filter((f) => f.id === 'acf');
            await c.call('catalogue.saveFund', { ...acf!, maxAwardPence: op.max });
          }
        }
        const live = snapshot(c.ctx.db);
        c.ctx.projection.rebuild();
        expect(snapshot(c.ctx.db)).toEqual(live);
      } finally {
        c.dispose();
      }
    }),
    { numRuns: 25 },
  );
});

test('altering any stored event is detected by chain verification', async () => {
  core = makeCore();
  await core.call('demo.load', {});
  const db = core.ctx.db;
  const rows = db.prepare('SELECT device_id, seq, payload, actor, hlc, type, entity FROM events ORDER BY seq').all() as {
    device_id: string;
    seq: number;
    payload: string;
    actor: string;
    hlc: string;
    type: string;
    entity: string;
  }[];
  const columns = ['payload', 'actor', 'hlc', 'type', 'entity'] as const;
  for (const row of rows.filter((_, i) => i % 7 === 0)) {
    for (const column of columns) {
      const original = row[column];
      const altered = column === 'payload' ? original.replace(/\d/, (d) => String((Number(d) + 1) % 10)) || '{"x":1}' : `${original}x`;
      db.prepare(`UPDATE events SET ${column} = ? WHERE device_id = ? AND seq = ?`).run(
        altered === original ? `${original} ` : altered,
        row.device_id,
        row.seq,
      );
      const problems = verifyChain(db);
      expect(problems.map((p) => p.seq)).toContain(row.seq);
      db.prepare(`UPDATE events SET ${column} = ? WHERE device_id = ? AND seq = ?`).run(original, row.device_id, row.seq);
    }
  }
  expect(verifyChain(db)).toEqual([]);
  // Deleting an event in the middle breaks the chain too.
  db.prepare('DELETE FROM events WHERE seq = 10').run();
  expect(verifyChain(db).length).toBeGreaterThan(0);
});

test('a database from a newer GrantPanel opens read-only with a clear message', async () => {
  core = makeCore();
  await core.ready();
  const dir = core.dataDir;
  core.ctx.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  core.close();
  const newer = makeCore(dir);
  try {
    const session = await newer.call('session.current', {});
    expect(session.readOnly).toMatch(/newer version of GrantPanel/);
    const result = await newer.dispatch('catalogue.saveArea', { id: 'x', name: 'X', onsCode: null, localAuthority: 'Y', adding: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect((await newer.call('catalogue.funds', {})).length).toBe(5);
  } finally {
    newer.dispose();
  }
  core = makeCore(); // afterEach disposes something harmless
});

test('the event log never holds contact details: events carry a salted digest, the details sit beside the log', async () => {
  core = makeCore();
  await core.call('demo.load', {});
  const payloads = (core.ctx.db.prepare('SELECT payload FROM events').all() as { payload: string }[]).map((r) => r.payload).join('\n');
  expect(payloads).not.toMatch(/@example\.org|0121 496|contactName|contactEmail/);
  const [first] = (await core.call('applications.list', { limit: 1 })).rows;
  const detail = await core.call('applications.get', { id: first!.id });
  expect(detail).toMatchObject({ contactHeld: true, contactEmail: expect.stringMatching(/@example\.org$/) });
  const held = core.ctx.db
    .prepare('SELECT digest, salt, body FROM personal_data WHERE digest NOT IN (SELECT secret FROM credentials)')
    .all() as {
    digest: string;
    salt: string;
    body: string;
  }[];
  expect(held).toHaveLength(40);
  expect(
    held.every((r) => personalRecordIsIntact({ digest: r.digest, salt: r.salt, body: JSON.parse(r.body) as Record<string, string> })),
  ).toBe(true);
  // The same details under two applications still get different digests: the salt differs.
  expect(new Set(held.map((r) => r.digest)).size).toBe(40);

  // Erasing personal data leaves the chain whole and the application readable.
  core.ctx.db.prepare('DELETE FROM personal_data').run();
  expect(verifyChain(core.ctx.db)).toEqual([]);
  expect(await core.call('applications.get', { id: first!.id })).toMatchObject({
    contactHeld: false,
    contactEmail: '',
    projectTitle: detail.projectTitle,
  });
});
