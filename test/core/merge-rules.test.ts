// The generic merge rules, each property-tested once over what every kind declaring it shares:
// owner-only, append-only, and totals that must hold across records. And each kind's projectors
// are made by the rule it declares, so a declaration cannot say one thing while the code does another.
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { migrate, type Db } from '../../electron/core/db/open';
import { Projection, type Projector } from '../../electron/core/events/project';
import { CORE_KINDS } from '../../electron/core/kinds';
import { appendOnly, standingEntries } from '../../electron/core/merge/append-only';
import { breaches, withinTotal, wouldPass, type TotalRule } from '../../electron/core/merge/totals';
import { madeBy } from '../../electron/core/events/project';
import { KINDS, type KindDeclaration, type KindName, type MergeRule } from '../../shared/domain/kinds';
import type { StoredEvent } from '../../shared/events/event';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A database at the current schema, in memory: hundreds are opened per property. */
function freshDb(): { db: Db; projection: Projection } {
  const db = new Database(':memory:');
  migrate(db);
  opened.push(db);
  return { db, projection: new Projection(db, CORE_KINDS) };
}

const DEVICES = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'] as const;
/** The n-th instant of a test's history: later n, later clock. */
const clock = (n: number) => `2026-11-27T10:00:00.000Z-${n.toString(16).padStart(4, '0')}`;

function eventAt(n: number, e: { deviceId: string; actor: string; type: string; entity: string; payload: unknown }): StoredEvent {
  return { ...e, seq: n + 1, hlc: clock(n), prevHash: '', hash: `h${n}` };
}

const inTransaction = (db: Db, fn: () => void) => db.transaction(fn)();

test('each kind’s projectors are made by the merge rule it declares, and no other generic rule', () => {
  for (const kind of Object.keys(KINDS) as KindName[]) {
    const declared: KindDeclaration = KINDS[kind];
    const projectors = Object.values(CORE_KINDS[kind].projectors) as Projector[];
    const rules = new Set(projectors.map((p) => p.rule).filter((r) => r !== undefined));
    const generic: MergeRule[] = ['fields-person-resolves', 'owner-only', 'append-only'];
    if (generic.includes(declared.rule)) expect([...rules], kind).toEqual([declared.rule]);
    else expect([...rules], kind).toEqual([]);
    if (declared.total)
      expect(
        projectors.every((p) => p.keepsTotal),
        kind,
      ).toBe(true);
    else
      expect(
        projectors.some((p) => p.keepsTotal),
        kind,
      ).toBe(false);
  }
});

// ---- owner-only ------------------------------------------------------------------------------
// No kind uses it yet: a person's scores will (issue 11), vouched for by their sign-in.

// ---- append-only -----------------------------------------------------------------------------

interface Entry {
  subject: string;
  supersedes: string[];
  says: string;
}

test('append-only: every entry is kept; what stands is what nothing later superseded; disagreement is raised, never settled silently', () => {
  const entry = fc.record({
    subject: fc.constantFrom('s1', 's2'),
    // Names of earlier entries, and (as a buggy or lying laptop might) later or unknown ones.
    supersedes: fc.array(fc.nat(14), { maxLength: 3 }),
    says: fc.constantFrom('award', 'decline'),
  });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 15 }), (drawn) => {
      const { db, projection } = freshDb();
      const entries: Entry[] = drawn.map((d) => ({ ...d, supersedes: d.supersedes.map((i) => `h${i}`) }));
      const effect = new Map<string, { last: 'stand' | 'raise'; inEffect: string }>();
      const project = appendOnly<Entry>(
        { kind: 'conflictResolution', subject: (e) => e.subject, supersedes: (e) => e.supersedes, gist: (e) => e.says },
        {
          stand: (_, e) => effect.set(e.subject, { last: 'stand', inEffect: e.says }),
          raise: (_, e) => effect.set(e.subject, { last: 'raise', inEffect: effect.get(e.subject)?.inEffect ?? '(none)' }),
        },
      );
      inTransaction(db, () =>
        entries.forEach((e, n) =>
          project(db, eventAt(n, { deviceId: DEVICES[n % 3]!, actor: 'x', type: 'test.entry', entity: e.subject, payload: e }), projection),
        ),
      );
      expect(db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: entries.length });
      for (const subject of ['s1', 's2']) {
        // What stands depends only on which entries are held: those no later entry on the same subject names.
        const expected = entries
          .map((e, n) => ({ e, n }))
          .filter(
            ({ e, n }) =>
              e.subject === subject && !entries.some((f, m) => m > n && f.subject === subject && f.supersedes.includes(`h${n}`)),
          )
          .map(({ n }) => `h${n}`);
        const standing = standingEntries(db, 'conflictResolution', subject);
        expect(standing.map((s) => s.id)).toEqual(expected);
        const disagree = new Set(standing.map((s) => s.gist)).size > 1;
        if (standing.length > 0) expect(effect.get(subject)?.last).toBe(disagree ? 'raise' : 'stand');
        // Agreement puts what they say in effect; disagreement leaves the earlier effect alone.
        if (!disagree && standing.length > 0) expect(effect.get(subject)?.inEffect).toBe(standing[0]!.gist);
      }
    }),
  );
});

// ---- totals ----------------------------------------------------------------------------------

interface Allocation {
  id: string;
  group: string;
  amount: number;
}

const LIMIT = 1000;
const allocationRule: TotalRule<Allocation> = {
  kind: 'conflictResolution',
  group: (a) => a.group,
  limit: () => LIMIT,
  total: (db, group) =>
    (db.prepare('SELECT coalesce(sum(amount), 0) AS t FROM test_allocations WHERE grp = ?').get(group) as { t: number }).t,
};
const allocate = withinTotal(
  allocationRule,
  madeBy('append-only', (db, e) => {
    const a = e.payload as Allocation;
    db.prepare('INSERT INTO test_allocations (id, grp, amount) VALUES (?, ?, ?)').run(a.id, a.group, a.amount);
  }),
);

function allocationsDb() {
  const opened = freshDb();
  opened.db.exec('CREATE TABLE test_allocations (id TEXT PRIMARY KEY, grp TEXT NOT NULL, amount INTEGER NOT NULL)');
  return opened;
}

test('totals: laptops allocating concurrently keep every allocation, and a group that passes its limit is raised — never a silent overspend', () => {
  const wish = fc.record({ laptop: fc.nat(2), group: fc.constantFrom('coventry', 'dudley'), amount: fc.integer({ min: 1, max: 600 }) });
  fc.assert(
    fc.property(fc.array(wish, { maxLength: 20 }), (wishes) => {
      // Each laptop, offline, allocates what fits its own view and refuses what would pass the limit.
      const laptops = DEVICES.map(() => allocationsDb());
      const accepted: { event: StoredEvent; laptop: number }[] = [];
      wishes.forEach((w, n) => {
        const { db, projection } = laptops[w.laptop]!;
        if (wouldPass(db, allocationRule, w.group, w.amount)) return;
        const payload: Allocation = { id: `a${n}`, group: w.group, amount: w.amount };
        const event = eventAt(n, { deviceId: DEVICES[w.laptop]!, actor: 'x', type: 'test.allocated', entity: payload.id, payload });
        inTransaction(db, () => allocate(db, event, projection));
        accepted.push({ event, laptop: w.laptop });
      });
      for (const l of laptops) expect(breaches(l.db, 'conflictResolution')).toEqual([]);
      // Their bundles meet: every allocation, in clock order, on one laptop.
      const office = allocationsDb();
      inTransaction(office.db, () => accepted.forEach(({ event }) => allocate(office.db, event, office.projection)));
      for (const group of ['coventry', 'dudley']) {
        const all = accepted.filter(({ event }) => (event.payload as Allocation).group === group);
        const sum = all.reduce((t, { event }) => t + (event.payload as Allocation).amount, 0);
        expect(allocationRule.total(office.db, group)).toBe(sum);
        const raised = breaches(office.db, 'conflictResolution').find((b) => b.group === group);
        expect(raised === undefined ? null : { total: raised.total, limit: raised.limit }).toEqual(
          sum > LIMIT ? { total: sum, limit: LIMIT } : null,
        );
      }
    }),
  );
});
