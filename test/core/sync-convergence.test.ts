// Convergence: three laptops, all trusting one another, change the register at random while bundles
// travel between random pairs in random order — some stale, some back to the laptop that made them.
// A fourth, hostile laptop that every one of them trusts sends forged, replayed, tampered and
// malformed bundles along the way: each is refused without a trace, or (a faithful relay) harmless.
// After a full exchange every laptop must hold the same events and the same tables, every chain must
// verify, and no event any laptop ever accepted locally may be lost.
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { makeCore, tempDir, TEST_OFFICER, type TestCore } from '../support/core';
import { officerOf } from '../../electron/core/context';
import { ROLE_IDS } from '../../shared/domain/people';
import { validDraft } from '../support/drafts';
import { draftOf } from '../../shared/domain/application';
import { eventKeys, exportBundleTo, projectionSnapshot, trustLaptop } from '../support/laptops';
import { steppingClock } from '../support/clock';
import { verifyChain } from '../../electron/core/events/verify';
import { join } from 'node:path';
import { chain, eventsOf, forgeBundle, keyFrom, type EventSpec } from '../support/forge';
import { unzip } from '../support/unzip';
import { sealEvent, type StoredEvent } from '../../shared/events/event';
import type { BundleManifest } from '../../shared/formats/bundle';
import type { ScoringSheet } from '../../shared/contract/scoring';
import type { RoundScreening } from '../../shared/contract/screening';

type Db = Database.Database;

const LAPTOPS = 3;
const FIRST_PASSPHRASE = 'first passphrase given';
const OWN_PASSPHRASE = 'their own chosen passphrase';
const FUNDS = [
  { fundId: 'acf', planId: 'pcp-2025-2029', priorityId: 'pcp-2025-2029:VIOLENCE' },
  { fundId: 'csf', planId: 'pcp-2021-2025', priorityId: 'pcp-2021-2025:VAWG' },
] as const;

type Step =
  | { kind: 'round'; at: number; fund: number; budgeted: boolean }
  | { kind: 'application'; at: number; round: number; area: number }
  | { kind: 'withdraw'; at: number; pick: number }
  | { kind: 'reinstate'; at: number; pick: number }
  | { kind: 'area'; at: number }
  | { kind: 'person'; at: number; role: number }
  | { kind: 'personRoles'; at: number; pick: number; role: number }
  | { kind: 'switch'; at: number; pick: number }
  | { kind: 'fundMax'; at: number; fund: number; max: number | null }
  | { kind: 'plan'; at: number; edit: number }
  | { kind: 'retitle'; at: number; pick: number; title: number }
  | { kind: 'resolve'; at: number; incoming: boolean }
  | { kind: 'clash'; a: number; b: number; fund: number }
  | { kind: 'budget'; at: number; pick: number; area: number; amount: number }
  | { kind: 'exchange'; from: number; to: number; sealed?: boolean }
  | { kind: 'export'; at: number }
  | { kind: 'importOld'; pick: number; to: number }
  | { kind: 'importOwn'; at: number }
  | { kind: 'hostile'; to: number; attack: Attack; pick: number }
  | { kind: 'panel'; at: number; round: number; size: number }
  | { kind: 'score'; at: number; pick: number; level: number }
  | { kind: 'paper'; at: number; pick: number; interest: boolean }
  | { kind: 'moderate'; at: number; pick: number; level: number }
  | { kind: 'screen'; at: number; pick: number; eligible: boolean }
  | { kind: 'allocate'; at: number; pick: number; share: number }
  | { kind: 'decide'; at: number; pick: number; decision: number };

/** What the hostile laptop sends: events forged in another laptop's name or the target's own, a
 * genuine bundle relayed as is or with an event changed, or its own events with a bad payload or clock. */
const ATTACKS = ['forgeOther', 'forgeOwn', 'relay', 'tamper', 'badPayload', 'badClock'] as const;
type Attack = (typeof ATTACKS)[number];
const HOSTILE = keyFrom('the hostile laptop');

const laptopIndex = fc.integer({ min: 0, max: LAPTOPS - 1 });
const pick = fc.nat({ max: 1000 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('round' as const),
      at: laptopIndex,
      fund: fc.integer({ min: 0, max: 1 }),
      budgeted: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('application' as const), at: laptopIndex, round: pick, area: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), at: laptopIndex, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reinstate' as const), at: laptopIndex, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('area' as const), at: laptopIndex }) },
  // People: added and given other roles on any laptop (concurrently, too), and laptops passed from
  // one person to the next, whose changes then stand or not by their roles.
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('person' as const), at: laptopIndex, role: fc.nat({ max: ROLE_IDS.length - 1 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('personRoles' as const), at: laptopIndex, pick, role: fc.nat({ max: ROLE_IDS.length - 1 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('switch' as const), at: laptopIndex, pick }) },
  // Panels: set up (and changed) on any laptop; members scoring as themselves or on paper, declaring
  // interests, on several laptops at once; chairs moderating — with rubrics changing under them.
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('panel' as const), at: laptopIndex, round: pick, size: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('score' as const), at: laptopIndex, pick, level: fc.nat({ max: 5 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('paper' as const), at: laptopIndex, pick, interest: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moderate' as const), at: laptopIndex, pick, level: fc.nat({ max: 5 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('fundMax' as const),
      at: laptopIndex,
      fund: fc.integer({ min: 0, max: 1 }),
      max: fc.constantFrom(null, 300_000, 400_000, 600_000),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('plan' as const), at: laptopIndex, edit: fc.integer({ min: 0, max: 3 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('retitle' as const), at: laptopIndex, pick, title: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('clash' as const), a: laptopIndex, b: laptopIndex, fund: fc.integer({ min: 0, max: 1 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('budget' as const),
      at: laptopIndex,
      pick,
      area: fc.integer({ min: 0, max: 2 }),
      amount: fc.constantFrom(0, 500_000, 1_500_000),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('resolve' as const), at: laptopIndex, incoming: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: laptopIndex, to: laptopIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('export' as const), at: laptopIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('importOld' as const), pick, to: laptopIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('importOwn' as const), at: laptopIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('hostile' as const), to: laptopIndex, attack: fc.constantFrom(...ATTACKS), pick }),
  },
);

const role = (id: string) => ROLE_IDS.indexOf(id as (typeof ROLE_IDS)[number]);

/** A panel sitting set up on the first laptop and handed to the others: a round, four applications,
 * three members and a chair, the rubric and a panel of all four. */
const PANEL_SITTING: Step[] = [
  { kind: 'round', at: 0, fund: 0, budgeted: true },
  ...[0, 1, 2, 3].map((area): Step => ({ kind: 'application', at: 0, round: 0, area })),
  { kind: 'person', at: 0, role: role('chief-executive') },
  { kind: 'person', at: 0, role: role('panel-chair') },
  ...[0, 1, 2].map((): Step => ({ kind: 'person', at: 0, role: role('panel-member') })),
  { kind: 'panel', at: 0, round: 0, size: 4 },
  // Screened before the panel sits: only an application screened eligible can be awarded a grant.
  ...[0, 1, 2, 3].map((pick): Step => ({ kind: 'screen', at: 0, pick, eligible: true })),
  // Sealed to each laptop: the people's sealed sign-ins travel, so each can sign in anywhere.
  { kind: 'exchange', from: 0, to: 1, sealed: true },
  { kind: 'exchange', from: 0, to: 2, sealed: true },
];

/** Panel work weighted up, among the exchanges, withdrawals, conflicts and hostile bundles around it. */
const panelStepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('panel' as const), at: laptopIndex, round: pick, size: fc.integer({ min: 2, max: 4 }) }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('score' as const), at: laptopIndex, pick, level: fc.nat({ max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('paper' as const), at: laptopIndex, pick, interest: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('moderate' as const), at: laptopIndex, pick, level: fc.nat({ max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('screen' as const), at: laptopIndex, pick, eligible: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('allocate' as const), at: laptopIndex, pick, share: fc.integer({ min: 0, max: 4 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), at: laptopIndex, pick, decision: fc.integer({ min: 0, max: 2 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), at: laptopIndex, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('application' as const), at: laptopIndex, round: pick, area: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), at: laptopIndex, incoming: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: laptopIndex, to: laptopIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('hostile' as const), to: laptopIndex, attack: fc.constantFrom(...ATTACKS), pick }),
  },
);

/** The hostile laptop's bundle for one attack on `target`, given the laptops and the bundles so far. */
async function hostileBundle(file: string, attack: Attack, target: TestCore, victim: TestCore, genuine: string | undefined) {
  const fundChange = (deviceId: string, hlc: string) => ({
    type: 'fund.changed',
    entity: 'fund:acf',
    payload: { id: 'acf', changes: { maxAwardPence: { from: 500000, to: 99_999_900 } } },
    hlc,
    actor: `officer-${deviceId}`,
  });
  const continuing = (core: TestCore) => {
    const last = eventsOf(core).at(-1)!;
    return chain(core.ctx.device.id, [fundChange(core.ctx.device.id, '2026-11-27T10:00:00.000Z-0000')], {
      seq: last.seq + 1,
      prevHash: last.hash,
    });
  };
  const own = (spec: EventSpec) => chain(HOSTILE.deviceId, [spec]);
  if (attack === 'forgeOther') return { refused: true, make: () => forgeBundle(file, { signer: HOSTILE, events: continuing(victim) }) };
  if (attack === 'forgeOwn') return { refused: true, make: () => forgeBundle(file, { signer: HOSTILE, events: continuing(target) }) };
  if (attack === 'badPayload')
    return {
      refused: true,
      make: () =>
        forgeBundle(file, {
          signer: HOSTILE,
          events: own({
            ...fundChange(HOSTILE.deviceId, '2026-11-27T10:00:00.000Z-0000'),
            payload: { id: 'acf', changes: { maxAwardPence: { from: 1, to: 'lots of money' } } },
          }),
        }),
    };
  if (attack === 'badClock')
    return {
      refused: true,
      make: () => forgeBundle(file, { signer: HOSTILE, events: own(fundChange(HOSTILE.deviceId, '2026-11-27T99:99:99.999Z-0000')) }),
    };
  if (!genuine) return undefined;
  const parts = await unzip(genuine);
  const manifest = JSON.parse(parts['manifest.json']!.toString()) as BundleManifest;
  const events = parts['events.ndjson']!.toString()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StoredEvent);
  if (attack === 'relay') return { refused: false, make: () => forgeBundle(file, { signer: HOSTILE, events, heads: manifest.heads }) };
  // One event changed, its own hash made good again: it no longer ends at its laptop's signed head.
  const i = events.length - 1;
  const e = events[i]!;
  events[i] = sealEvent(
    { ...e, actor: `${e.actor}`, entity: e.entity, payload: e.payload, hlc: e.hlc.replace(/-[0-9a-f]{4}$/, '-ffff') },
    e.prevHash,
  );
  return { refused: true, make: () => forgeBundle(file, { signer: HOSTILE, events, heads: manifest.heads }) };
}

const ids = (db: Db, sql: string) =>
  db
    .prepare<[], { id: string }>(sql)
    .all()
    .map((r) => r.id)
    .sort();

/**
 * The applications whose status, replayed in clock order, ends withdrawn: a status change sets the
 * status it names (with two statuses it cannot clash), a reinstatement takes back only a withdrawn one.
 */
function withdrawnByReplay(db: Db): string[] {
  const status = new Map<string, string>();
  const rows = db
    .prepare<[], { entity: string; type: string; payload: string }>(
      "SELECT entity, type, payload FROM events WHERE entity LIKE 'application:%' ORDER BY hlc, device_id, seq",
    )
    .all();
  for (const e of rows) {
    const p = JSON.parse(e.payload) as { changes?: { status?: { to: string } } };
    if (e.type === 'application.received') status.set(e.entity, status.get(e.entity) ?? 'received');
    else if (e.type === 'application.reinstated' && status.get(e.entity) === 'withdrawn') status.set(e.entity, 'received');
    else if (p.changes?.status) status.set(e.entity, p.changes.status.to);
  }
  return [...status]
    .filter(([, s]) => s === 'withdrawn')
    .map(([entity]) => entity.slice('application:'.length))
    .sort();
}

/**
 * The tables say what the log says: every application received is there, withdrawn iff its
 * withdrawals and reinstatements, replayed in clock order, leave it so, under its own reference or
 * that marked with its laptop (ACF-2026-0001-1A2B), references
 * unique; every round and area added or seeded is there; each fund's maximum is what replaying its
 * changes in clock order gives, a change from a value no longer held raising a conflict instead.
 */
function expectTablesFollowLog(db: Db): void {
  const payloadIds = (type: string) => ids(db, `SELECT DISTINCT json_extract(payload, '$.id') AS id FROM events WHERE type = '${type}'`);
  expect(ids(db, 'SELECT id FROM applications')).toEqual(payloadIds('application.received'));
  expect(ids(db, "SELECT id FROM applications WHERE status = 'withdrawn'")).toEqual(withdrawnByReplay(db));
  expect(ids(db, 'SELECT id FROM rounds')).toEqual(payloadIds('round.added'));
  // No application loses a priority it chose, whatever became of the plan.
  expect(
    db
      .prepare(
        'SELECT count(*) AS n FROM application_priorities ap WHERE NOT EXISTS (SELECT 1 FROM priorities p WHERE p.id = ap.priority_id)',
      )
      .get(),
  ).toEqual({ n: 0 });
  expect(ids(db, 'SELECT id FROM areas')).toEqual([...new Set([...payloadIds('area.added'), ...payloadIds('area.seeded')])].sort());
  const references = db
    .prepare<[], { reference: string; given: string; device: string }>(
      `SELECT a.reference, json_extract(e.payload, '$.reference') AS given, e.device_id AS device
         FROM applications a JOIN events e ON e.type = 'application.received' AND json_extract(e.payload, '$.id') = a.id`,
    )
    .all();
  for (const r of references) expect([r.given, `${r.given}-${r.device.slice(0, 4).toUpperCase()}`]).toContain(r.reference);
  const history = db.prepare<[string], { type: string; payload: string }>(
    "SELECT type, payload FROM events WHERE entity = ? AND type IN ('fund.seeded', 'fund.changed', 'conflict.resolved') ORDER BY hlc, device_id, seq",
  );
  const conflicts = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM conflicts WHERE kind = 'fund' AND entity_id = ? AND fields LIKE '%maxAwardPence%'",
  );
  for (const f of db.prepare<[], { id: string; max: number | null }>('SELECT id, max_award_pence AS max FROM funds').all()) {
    let max: number | null | undefined;
    let clashes = 0;
    for (const e of history.all(`fund:${f.id}`)) {
      const p = JSON.parse(e.payload) as {
        maxAwardPence?: number | null;
        changes?: { maxAwardPence?: { from: number | null; to: number | null } };
      };
      const change = p.changes?.maxAwardPence;
      if (e.type === 'fund.seeded') max = max === undefined ? (p.maxAwardPence ?? null) : max;
      else if (change && change.from === max) max = change.to;
      else if (change && change.to !== max) clashes++;
    }
    expect(f.max, `fund ${f.id}`).toBe(max ?? null);
    expect(conflicts.get(f.id)?.n, `conflicts on fund ${f.id}`).toBe(clashes);
  }
}

interface Laptop {
  index: number;
  core: TestCore;
  made: number;
  /** Events this laptop appended itself, as "device/seq/hash", collected as they were accepted. */
  recorded: number;
}

interface Bundle {
  file: string;
  by: number;
  eventCount: number;
}

/** Runs the convergence property over the given step sequences; `label` names its summary line. */
async function convergence(label: string, stepsArb: fc.Arbitrary<Step[]>): Promise<void> {
  let runs = 0;
  let stepsRun = 0;
  let imports = 0;
  let refused = 0;
  let clashes = 0;
  let opened = 0;
  let resolved = 0;
  let hostileSent = 0;
  let hostileRefused = 0;
  const panelWork = { panels: 0, screenings: 0, scores: 0, declarations: 0, moderations: 0, allocations: 0, decisions: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), { minLength: LAPTOPS, maxLength: LAPTOPS }),
      stepsArb,
      fc.boolean(),
      async (skews, steps, sharedRound) => {
        runs++;
        const bundleDir = tempDir('grantpanel-bundles-');
        const laptops: Laptop[] = skews.map((skew, index) => ({
          index,
          // Each laptop's clock is off by up to three hours: bundles arrive older and newer than local work.
          core: makeCore(tempDir(), () => new Date(Date.now() + skew)),
          made: 0,
          recorded: 0,
        }));
        try {
          const accepted = new Set<string>();
          const record = () => {
            for (const l of laptops) {
              const rows = l.core.ctx.db
                .prepare<[string, number], { seq: number; hash: string }>(
                  'SELECT seq, hash FROM events WHERE device_id = ? AND seq > ? ORDER BY seq',
                )
                .all(l.core.ctx.device.id, l.recorded);
              for (const r of rows) accepted.add(`${l.core.ctx.device.id}/${r.seq}/${r.hash}`);
              l.recorded = rows.at(-1)?.seq ?? l.recorded;
            }
          };
          const bundles: Bundle[] = [];
          const at = (i: number) => laptops[i % LAPTOPS] as Laptop;
          const exportFrom = async (l: Laptop, sealedFor?: Laptop): Promise<Bundle> => {
            await byOfficer(l);
            const to = sealedFor && (await sealedFor.core.call('session.current', {})).device.sealRecipient;
            const b = { ...(await exportBundleTo(l.core, bundleDir, `laptop${l.index}`, to)), by: l.index };
            // Sealed ones only the laptop they are for opens: not passed on, relayed or tampered with later.
            if (!to) bundles.push(b);
            return b;
          };
          /** Bundles are passed on by a grants officer: the laptop's own, if someone else has it now. */
          const byOfficer = async (l: Laptop) => {
            const { person } = await l.core.call('session.current', {});
            if (person?.capabilities.includes('exchange-bundles')) return;
            await l.core.call('session.signOut', {});
            await l.core.call('session.signIn', { personId: officerOf(l.core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
          };
          const importInto = async (l: Laptop, b: Bundle) => {
            await byOfficer(l);
            // Other laptops' events: the import may also record this laptop's own sign-in, first in a session.
            const othersHeld = () =>
              (l.core.ctx.db.prepare('SELECT count(*) AS n FROM events WHERE device_id != ?').get(l.core.ctx.device.id) as { n: number }).n;
            const before = othersHeld();
            const result = await l.core.dispatch('bundles.import', { file: b.file });
            // Every laptop trusts every other, clocks are within a day and nobody equivocates: no refusal is legitimate.
            if (!result.ok)
              throw new Error(`laptop ${l.index} refused laptop ${b.by}'s bundle: ${result.error.code} ${result.error.message}`);
            imports++;
            const { newEvents, knownEvents, gaps } = result.value as { newEvents: number; knownEvents: number; gaps: string[] };
            expect(newEvents + knownEvents).toBe(b.eventCount);
            expect(othersHeld()).toBe(before + newEvents);
            expect(gaps).toEqual([]);
            expect(l.core.ctx.db.inTransaction).toBe(false);
          };
          /** Passes the laptop to someone who can sign in on it (choosing their own passphrase first time). */
          /** Hands the laptop to a person (who changes a first passphrase as they sign in); false if they cannot sign in here. */
          const signInAs = async (l: Laptop, personId: string): Promise<boolean> => {
            const { person: current } = await l.core.call('session.current', {});
            if (current?.id === personId) return true;
            if (!(await l.core.call('session.choices', {})).some((c) => c.id === personId)) return false;
            await l.core.call('session.signOut', {});
            const own = personId === officerOf(l.core.ctx.device.id) ? TEST_OFFICER.passphrase : OWN_PASSPHRASE;
            if ((await l.core.dispatch('session.signIn', { personId, passphrase: own })).ok) return true;
            if (!(await l.core.dispatch('session.signIn', { personId, passphrase: FIRST_PASSPHRASE })).ok) return false;
            await l.core.call('session.changePassphrase', { current: FIRST_PASSPHRASE, next: OWN_PASSPHRASE });
            return true;
          };
          const switchPerson = async (l: Laptop, which: number) => {
            const choices = await l.core.call('session.choices', {});
            const person = choices[which % choices.length];
            if (person) await signInAs(l, person.id);
          };
          /** A register change; the core may refuse it (a duplicate name, an amount over a lowered maximum…). */
          const change = async (l: Laptop, method: string, input: unknown) => {
            const result = await l.core.dispatch(method, input);
            if (!result.ok) {
              refused++;
              expect(result.error.code).not.toBe('INTERNAL');
            }
          };

          for (const a of laptops) for (const b of laptops) if (a !== b) await trustLaptop(a.core, b.core, `Laptop ${b.index}`);
          // Trusted by every honest laptop: it is a trusted laptop gone bad.
          for (const a of laptops) await a.core.call('devices.trust', { publicKey: HOSTILE.publicKey, name: 'Hostile laptop' });
          // Often the office opens a round and every laptop has it before work starts, so laptops
          // number applications alike (ACF-2026-0001 on each) and the clash must settle the same everywhere.
          if (sharedRound) {
            const office = at(0);
            await office.core.call('rounds.create', {
              fundId: 'acf',
              planId: 'pcp-2025-2029',
              name: 'Shared round',
              opens: '2026-11-01',
              closes: '2026-12-31',
            });
            const b = await exportFrom(office);
            for (const l of laptops) if (l !== office) await importInto(l, b);
          }
          record();

          for (const step of steps) {
            stepsRun++;
            switch (step.kind) {
              case 'round': {
                const l = at(step.at);
                const fund = FUNDS[step.fund] ?? FUNDS[0];
                await change(l, 'rounds.create', {
                  fundId: fund.fundId,
                  planId: fund.planId,
                  name: `Round L${l.index}-${++l.made}`,
                  opens: '2026-11-01',
                  closes: '2026-12-31',
                  budgets: step.budgeted
                    ? [
                        { areaId: 'coventry', amountPence: 2_000_000 },
                        { areaId: 'dudley', amountPence: 1_000_000 },
                      ]
                    : [],
                });
                break;
              }
              case 'application': {
                const l = at(step.at);
                const db = l.core.ctx.db;
                const rounds = db.prepare<[], { id: string; plan_id: string }>('SELECT id, plan_id FROM rounds ORDER BY name').all();
                const round = rounds[step.round % Math.max(rounds.length, 1)];
                // In one of the round's budgeted areas, where it has budgets (others are refused).
                const budgeted = db
                  .prepare<[string], { id: string }>('SELECT area_id AS id FROM round_budgets WHERE round_id = ? ORDER BY area_id')
                  .all(round?.id ?? '');
                const areas = budgeted.length ? budgeted : db.prepare<[], { id: string }>('SELECT id FROM areas ORDER BY id').all();
                const area = areas[step.area % Math.max(areas.length, 1)];
                if (!round || !area) break;
                const priorityId = FUNDS.find((f) => f.planId === round.plan_id)?.priorityId ?? FUNDS[0].priorityId;
                await change(
                  l,
                  'applications.create',
                  validDraft(round.id, { areaId: area.id, priorityIds: [priorityId], organisationName: `Group L${l.index}-${++l.made}` }),
                );
                break;
              }
              case 'withdraw': {
                const l = at(step.at);
                const open = l.core.ctx.db
                  .prepare<[], { id: string }>("SELECT id FROM applications WHERE status = 'received' ORDER BY reference")
                  .all();
                const app = open[step.pick % Math.max(open.length, 1)];
                if (app) await change(l, 'applications.withdraw', { id: app.id, reason: `Withdrawn on laptop ${l.index}` });
                break;
              }
              case 'reinstate': {
                const l = at(step.at);
                const withdrawn = l.core.ctx.db
                  .prepare<[], { id: string }>("SELECT id FROM applications WHERE status = 'withdrawn' ORDER BY reference")
                  .all();
                const app = withdrawn[step.pick % Math.max(withdrawn.length, 1)];
                if (app) await change(l, 'applications.reinstate', { id: app.id, reason: `Reinstated on laptop ${l.index}` });
                break;
              }
              case 'person': {
                const l = at(step.at);
                const n = ++l.made;
                const role = ROLE_IDS[step.role] ?? 'panel-member';
                await change(l, 'people.add', { name: `Person ${l.index}.${n}`, roles: [role], areas: [], passphrase: FIRST_PASSPHRASE });
                break;
              }
              case 'personRoles': {
                const l = at(step.at);
                const people = await l.core.dispatch('people.list', {});
                if (!people.ok) break;
                // Never a laptop's own officer: someone must always be able to pass bundles on.
                const list = (people.value as { id: string }[]).filter((p) => !p.id.startsWith('officer-'));
                const person = list[step.pick % list.length];
                if (person) await change(l, 'people.change', { id: person.id, roles: [ROLE_IDS[step.role] ?? 'auditor'] });
                break;
              }
              case 'switch': {
                const l = at(step.at);
                await switchPerson(l, step.pick);
                break;
              }
              case 'area': {
                const l = at(step.at);
                const n = ++l.made;
                await change(l, 'catalogue.saveArea', {
                  id: `l${l.index}-area-${n}`,
                  name: `Area ${l.index}.${n}`,
                  onsCode: null,
                  localAuthority: 'Test Borough Council',
                  adding: true,
                });
                break;
              }
              case 'fundMax': {
                const l = at(step.at);
                const funds = await l.core.call('catalogue.funds', {});
                const fund = funds.find((f) => f.id === (FUNDS[step.fund] ?? FUNDS[0]).fundId);
                if (fund) await change(l, 'catalogue.saveFund', { ...fund, maxAwardPence: step.max, adding: false });
                break;
              }
              case 'plan': {
                // The 2025–2029 plan changed: VIOLENCE (which applications choose) reworded, ROADS
                // (which none choose) taken out or put back, its last year or its name.
                const l = at(step.at);
                const plan = (await l.core.call('catalogue.plans', {})).find((p) => p.id === 'pcp-2025-2029');
                if (!plan) break;
                const held = plan.priorities.map(({ id, code, title }) => ({ id, code, title }));
                const n = ++l.made;
                const edits = [
                  { priorities: held.map((p) => (p.code === 'VIOLENCE' ? { ...p, title: `Violence ${l.index}.${n}` } : p)) },
                  {
                    priorities: held.some((p) => p.code === 'ROADS')
                      ? held.filter((p) => p.code !== 'ROADS')
                      : [...held, { code: 'ROADS', title: 'Road safety' }],
                  },
                  { endYear: 2029 + (n % 3) },
                  { name: `Police and Crime Plan 2025–2029 (${l.index}.${n})` },
                ];
                const { id, name, startYear, endYear } = plan;
                const plain = { id, name, startYear, endYear, priorities: held, confirmed: true };
                await change(l, 'catalogue.savePlan', { ...plain, ...edits[step.edit] });
                break;
              }
              case 'budget': {
                // One area's budget in a round set, changed or (at £0) removed; the other areas untouched.
                const l = at(step.at);
                const all = await l.core.call('rounds.list', {});
                const round = all[step.pick % Math.max(all.length, 1)];
                if (!round) break;
                const areaId = (['coventry', 'dudley', 'walsall'] as const)[step.area] ?? 'coventry';
                const others = round.budgets.filter((b) => b.areaId !== areaId);
                const budgets = step.amount === 0 ? others : [...others, { areaId, amountPence: step.amount }];
                const { name, fundId, planId, opens, closes, status } = round;
                await change(l, 'rounds.update', { id: round.id, changes: { name, fundId, planId, opens, closes, status, budgets } });
                break;
              }
              case 'clash': {
                // Two laptops change the same fund's maximum to different amounts before they next meet.
                for (const [l, max] of [
                  [at(step.a), 250_000],
                  [at(step.b), 350_000],
                ] as const) {
                  const fund = (await l.core.call('catalogue.funds', {})).find((f) => f.id === (FUNDS[step.fund] ?? FUNDS[0]).fundId);
                  if (fund) await change(l, 'catalogue.saveFund', { ...fund, maxAwardPence: max, adding: false });
                }
                break;
              }
              case 'retitle': {
                const l = at(step.at);
                const apps = l.core.ctx.db.prepare<[], { id: string }>('SELECT id FROM applications ORDER BY reference').all();
                const app = apps[step.pick % Math.max(apps.length, 1)];
                if (!app) break;
                const detail = await l.core.call('applications.get', { id: app.id });
                await change(l, 'applications.update', {
                  id: app.id,
                  application: { ...draftOf(detail), projectTitle: `Project title ${step.title}` },
                });
                break;
              }
              case 'resolve': {
                const l = at(step.at);
                const [conflict] = (await l.core.call('conflicts.list', {})).conflicts;
                if (!conflict) break;
                const choice = step.incoming ? 'incoming' : 'kept';
                await change(l, 'conflicts.resolve', {
                  id: conflict.id,
                  choices: Object.fromEntries(conflict.fields.map((f) => [f.field, choice])),
                });
                resolved++;
                break;
              }
              case 'exchange':
                await importInto(at(step.to), await exportFrom(at(step.from), step.sealed ? at(step.to) : undefined));
                break;
              case 'export':
                await exportFrom(at(step.at));
                break;
              case 'importOld': {
                const b = bundles[step.pick % Math.max(bundles.length, 1)];
                if (b) await importInto(at(step.to), b);
                break;
              }
              case 'hostile': {
                const target = at(step.to);
                const victim = at(step.to + 1 + (step.pick % (LAPTOPS - 1)));
                const file = join(bundleDir, `hostile-${++hostileSent}.gpbundle`);
                const attack = await hostileBundle(
                  file,
                  step.attack,
                  target.core,
                  victim.core,
                  bundles[step.pick % Math.max(bundles.length, 1)]?.file,
                );
                if (!attack) break;
                await attack.make();
                await byOfficer(target);
                const before = { events: eventKeys(target.core.ctx.db), tables: projectionSnapshot(target.core.ctx.db) };
                const result = await target.core.dispatch('bundles.import', { file });
                if (attack.refused) {
                  expect(result.ok, `${step.attack} was imported`).toBe(false);
                  if (!result.ok) expect(['BUNDLE_INVALID', 'BUNDLE_SIGNATURE'], result.error.message).toContain(result.error.code);
                  expect(eventKeys(target.core.ctx.db)).toEqual(before.events);
                  expect(projectionSnapshot(target.core.ctx.db)).toEqual(before.tables);
                  hostileRefused++;
                } else {
                  // A faithful relay of genuine events: taken like any bundle.
                  expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
                }
                break;
              }
              case 'panel': {
                const l = at(step.at);
                await byOfficer(l);
                const db = l.core.ctx.db;
                // A round with applications if there is one: a panel with nothing to score tests little.
                const withApplications = db
                  .prepare<[], { id: string }>('SELECT DISTINCT round_id AS id FROM applications ORDER BY round_id')
                  .all();
                const rounds = withApplications.length
                  ? withApplications
                  : db.prepare<[], { id: string }>('SELECT id FROM rounds ORDER BY name').all();
                const round = rounds[step.round % Math.max(rounds.length, 1)];
                if (!round) break;
                const view = await l.core.call('rubrics.get', { roundId: round.id });
                // A rubric, or a change to it: once scored, a new version.
                const content = view.rubric
                  ? {
                      ...view.suggested,
                      criteria: view.suggested.criteria.map((c, i) => (i === 0 ? { ...c, weight: 1 + (step.size % 3) } : c)),
                    }
                  : view.suggested;
                await change(l, 'rubrics.save', { roundId: round.id, content, newVersion: step.size % 2 === 0 });
                const scorersHere = async () =>
                  (await l.core.call('people.list', {})).filter((p) => p.active && p.roles.some((r) => r.startsWith('panel-')));
                // A panel needs people: the officer adds a chair if this laptop has nobody to sit on one.
                if ((await scorersHere()).length === 0)
                  await change(l, 'people.add', {
                    name: `Chair ${l.index}.${++l.made}`,
                    roles: ['panel-chair', 'panel-member'],
                    areas: [],
                    passphrase: FIRST_PASSPHRASE,
                  });
                const scorers = await scorersHere();
                const members = scorers.slice(0, step.size).map((p) => p.id);
                if (members.length === 0) break;
                const chair = scorers.find((p) => members.includes(p.id) && p.roles.includes('panel-chair'));
                const areas = db
                  .prepare<[], { id: string }>('SELECT id FROM areas ORDER BY id')
                  .all()
                  .map((a) => a.id);
                const held = (await l.core.call('panels.list', { roundId: round.id }))[0];
                await change(l, 'panels.save', {
                  id: held?.id ?? null,
                  roundId: round.id,
                  name: held?.name ?? `Panel L${l.index}-${++l.made}`,
                  chairId: chair?.id ?? null,
                  quorum: 1,
                  areaIds: held?.areaIds ?? areas,
                  memberIds: members,
                });
                break;
              }
              case 'score': {
                const l = at(step.at);
                // A member of a panel this laptop holds picks it up and scores: the same member on
                // another laptop in another step scores the same application there.
                const panels = await l.core.call('panels.list', {});
                const panel = panels[step.pick % Math.max(panels.length, 1)];
                const memberId = panel?.memberIds[step.pick % panel.memberIds.length];
                if (!panel || !memberId || !(await signInAs(l, memberId))) break;
                const { person } = await l.core.call('session.current', {});
                if (!person?.capabilities.includes('score')) break;
                const apps = (await l.core.call('panels.get', { id: panel.id })).applications;
                const app = apps[Math.floor(step.pick / 7) % Math.max(apps.length, 1)];
                if (!app) break;
                if (app.declaration === 'undeclared')
                  await change(l, 'scoring.declare', { applicationId: app.id, interest: step.level === 0, nature: 'Knows the group' });
                const sheet = await l.core.dispatch('scoring.sheet', { applicationId: app.id });
                const rubric = sheet.ok ? (sheet.value as ScoringSheet).rubric : null;
                const criterion = rubric?.criteria[step.pick % rubric.criteria.length];
                if (criterion)
                  await change(l, 'scoring.enter', {
                    applicationId: app.id,
                    criterionId: criterion.id,
                    level: Math.min(step.level, criterion.scale),
                    comment: 'Seen',
                  });
                if (sheet.ok && step.pick % 3 === 0) await change(l, 'scoring.submit', { applicationId: app.id });
                break;
              }
              case 'paper': {
                const l = at(step.at);
                await byOfficer(l);
                const panels = await l.core.call('panels.list', {});
                const panel = panels[step.pick % Math.max(panels.length, 1)];
                if (!panel) break;
                const detail = await l.core.call('panels.get', { id: panel.id });
                const app = detail.applications[step.pick % Math.max(detail.applications.length, 1)];
                const memberId = panel.memberIds[step.pick % panel.memberIds.length];
                const rubric = (await l.core.call('rubrics.get', { roundId: panel.roundId })).rubric;
                if (!app || !memberId || !rubric) break;
                const scores = step.interest
                  ? []
                  : [
                      ...rubric.criteria.map((c, i) => ({ criterionId: c.id, level: 1 + ((step.pick + i) % (c.scale - 1)), comment: '' })),
                      ...rubric.gates.map((g) => ({ criterionId: g.id, level: 1, comment: '' })),
                    ];
                await change(l, 'scoring.fromPaper', {
                  applicationId: app.id,
                  memberId,
                  interest: step.interest,
                  nature: 'On paper',
                  scores,
                });
                break;
              }
              case 'moderate': {
                const l = at(step.at);
                // The chair of a panel this laptop holds picks it up.
                const chaired = (await l.core.call('panels.list', {})).filter((p) => p.chairId);
                const panel = chaired[step.pick % Math.max(chaired.length, 1)];
                if (!panel?.chairId || !(await signInAs(l, panel.chairId))) break;
                const { person } = await l.core.call('session.current', {});
                if (!person?.capabilities.includes('moderate')) break;
                await change(l, 'moderation.open', { panelId: panel.id });
                const view = await l.core.call('moderation.view', { panelId: panel.id });
                const row = view.applications[step.pick % Math.max(view.applications.length, 1)];
                if (!row || !view.rubric) break;
                // A chair declares before moderating, as before reading.
                const mine = (await l.core.call('panels.get', { id: panel.id })).applications.find((a) => a.id === row.id);
                if (mine?.declaration === 'undeclared') await change(l, 'scoring.declare', { applicationId: row.id, interest: false });
                await change(l, 'moderation.record', {
                  applicationId: row.id,
                  levels: Object.fromEntries(view.rubric.criteria.map((c) => [c.id, Math.min(step.level, c.scale)])),
                  gates: Object.fromEntries(view.rubric.gates.map((g) => [g.id, step.level > 0 ? 'pass' : 'fail'])),
                  rationales: Object.fromEntries(view.rubric.criteria.map((c) => [c.id, 'Agreed'])),
                  recommendation: step.level > 1 ? 'fund-in-full' : 'defer',
                });
                break;
              }
              case 'screen': {
                // The officer screens an application: eligible (any failing automatic check set aside
                // with a reason) or not; on two laptops differently, a dispute for a person.
                const l = at(step.at);
                await byOfficer(l);
                const apps = l.core.ctx.db
                  .prepare<[], { id: string; round_id: string }>(
                    "SELECT id, round_id FROM applications WHERE status != 'withdrawn' ORDER BY id",
                  )
                  .all();
                const app = apps[step.pick % Math.max(apps.length, 1)];
                if (!app) break;
                const screening = await l.core.dispatch('screening.round', { roundId: app.round_id });
                if (!screening.ok) break;
                const { rows, officerChecks } = screening.value as RoundScreening;
                const row = rows.find((r) => r.applicationId === app.id);
                if (!row) break;
                await change(l, 'screening.record', {
                  applicationId: app.id,
                  officerAnswers: officerChecks.map((_, i) => step.eligible || i !== 0),
                  overrides: step.eligible
                    ? row.automatic.filter((c) => !c.passed).map((c) => ({ check: c.check, reason: 'Checked with the applicant' }))
                    : [],
                });
                break;
              }
              case 'allocate': {
                // The officer allocates in an area with a recommendation: on this laptop, or the next
                // one holding any (allocating waits on moderation, which most steps come before):
                // the suggestion, or a share of what was recommended.
                const recommendedOn = (l: Laptop) =>
                  l.core.ctx.db
                    .prepare<[], { round_id: string; area_id: string }>(
                      `SELECT DISTINCT a.round_id, a.area_id FROM moderations m JOIN applications a ON a.id = m.application_id
                       WHERE m.content LIKE '%"recommendation":"fund-%' ORDER BY a.round_id, a.area_id`,
                    )
                    .all();
                const l = Array.from({ length: LAPTOPS }, (_, i) => at(step.at + i)).find((c) => recommendedOn(c).length > 0);
                if (!l) break;
                await byOfficer(l);
                const recommended = recommendedOn(l);
                const app = recommended[step.pick % recommended.length];
                if (!app) break;
                const ws = await l.core.dispatch('allocation.workspace', { roundId: app.round_id, areaId: app.area_id });
                if (!ws.ok) break;
                const rows = (ws.value as { rows: { applicationId: string; recommendedPence: number | null }[] }).rows;
                const row = rows[step.pick % Math.max(rows.length, 1)];
                if (step.share === 4 || !row?.recommendedPence)
                  await change(l, 'allocation.suggest', { roundId: app.round_id, areaId: app.area_id, confirmed: true });
                else
                  await change(l, 'allocation.set', {
                    applicationId: row.applicationId,
                    amountPence: Math.floor((row.recommendedPence * (4 - step.share)) / 4),
                    reason: step.share === 0 ? null : 'Within the area’s budget',
                  });
                break;
              }
              case 'decide': {
                // The Chief Executive picks up a laptop and decides an application, signing with their passphrase.
                const l = at(step.at);
                const chief = (await l.core.call('session.choices', {})).find((c) => c.roles.includes('chief-executive'));
                if (!chief || !(await signInAs(l, chief.id))) break;
                const apps = l.core.ctx.db
                  .prepare<[], { id: string; amount_requested: number }>(
                    "SELECT id, amount_requested FROM applications WHERE status != 'withdrawn' ORDER BY id",
                  )
                  .all();
                const app = apps[step.pick % Math.max(apps.length, 1)];
                if (!app) break;
                const decision = (['approve', 'amend', 'decline'] as const)[step.decision]!;
                await change(l, 'decisions.sign', {
                  applicationId: app.id,
                  decision,
                  amountPence: decision === 'amend' ? Math.max(1, Math.floor(app.amount_requested / 2)) : app.amount_requested,
                  reason: decision === 'approve' ? '' : 'Decided at the sign-off',
                  passphrase: OWN_PASSPHRASE,
                });
                break;
              }
              case 'importOwn': {
                const l = at(step.at);
                const own = bundles.filter((b) => b.by === l.index);
                await importInto(l, own[0] ?? (await exportFrom(l)));
                break;
              }
            }
            record();
          }

          // Each laptop's own officer again, to settle what is left.
          for (const l of laptops) {
            await l.core.call('session.signOut', {});
            await l.core.call('session.signIn', { personId: officerOf(l.core.ctx.device.id), passphrase: TEST_OFFICER.passphrase });
          }
          // The final exchange: every laptop exports, every other imports — twice round.
          for (let pass = 0; pass < 2; pass++)
            for (const from of laptops) {
              const b = await exportFrom(from);
              for (const to of laptops) if (to !== from) await importInto(to, b);
            }
          record();

          const [first, ...others] = laptops.map((l) => l.core);
          if (!first) throw new Error('no laptops');
          const tables = projectionSnapshot(first.ctx.db);
          const events = eventKeys(first.ctx.db);
          for (const c of others) {
            expect(projectionSnapshot(c.ctx.db)).toEqual(tables);
            expect(eventKeys(c.ctx.db)).toEqual(events);
          }
          for (const l of laptops) {
            expect(verifyChain(l.core.ctx.db)).toEqual([]);
            const held = new Set(eventKeys(l.core.ctx.db));
            expect([...accepted].filter((k) => !held.has(k))).toEqual([]);
            // What the laptop shows is what replaying its log gives, whichever path (incremental or rebuild) built it.
            l.core.ctx.projection.rebuild();
            expect(projectionSnapshot(l.core.ctx.db)).toEqual(tables);
          }
          expectTablesFollowLog(first.ctx.db);
          for (const table of ['panels', 'screenings', 'scores', 'declarations', 'moderations', 'allocations', 'decisions'] as const)
            panelWork[table] += (first.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
          // One person settles every conflict left; once that travels, no laptop has any open.
          const left = (await first.call('conflicts.list', {})).conflicts;
          opened += left.length;
          for (const c of left) {
            await first.call('conflicts.resolve', { id: c.id, choices: Object.fromEntries(c.fields.map((f) => [f.field, 'incoming'])) });
          }
          const settled = await exportFrom(laptops[0] as Laptop);
          for (const l of laptops.slice(1)) await importInto(l, settled);
          for (const l of laptops) expect((await l.core.call('conflicts.list', {})).open, `laptop ${l.index}`).toBe(0);
          for (const c of others) expect(projectionSnapshot(c.ctx.db)).toEqual(projectionSnapshot(first.ctx.db));
          // Every laptop's own first-run events, trusts and changes are all there.
          expect(events.length).toBe(accepted.size);
          // References two laptops gave alike are settled the same everywhere (ACF-2026-0001-1A2B).
          clashes += first.ctx.db
            .prepare<[], { reference: string }>('SELECT reference FROM applications')
            .all()
            .filter((a) => /^[A-Z]+-\d{4}-\d{4}-[0-9A-F]{4}$/.test(a.reference)).length;
        } finally {
          laptops.forEach((l) => l.core.dispose());
          rmSync(bundleDir, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 10) },
  );
  console.log(
    `${label}: ${runs} runs, ${stepsRun} steps, ${imports} imports, ${refused} local changes refused by the core, ${clashes} clashing references settled, ${resolved} conflicts resolved along the way and ${opened} at the end; ${hostileSent} hostile bundles sent, ${hostileRefused} refused; panels ${JSON.stringify(panelWork)}`,
  );
  expect(runs).toBe(Number(process.env.CONVERGENCE_RUNS ?? 10));
}

/** Each run is two to four seconds on a quiet laptop: room for a busy one. */
const RUNS_TIMEOUT = Number(process.env.CONVERGENCE_RUNS ?? 10) * 10_000;

test(
  'three laptops exchanging bundles in any order converge, and no accepted event is lost',
  async () => {
    await convergence('sync-convergence', fc.array(stepArb, { minLength: 15, maxLength: 30 }));
  },
  RUNS_TIMEOUT,
);

test(
  '…and so do they with a panel sitting: members scoring on several laptops, paper sheets, interests, moderation, signed decisions',
  async () => {
    await convergence(
      'sync-convergence (panels)',
      fc.array(panelStepArb, { minLength: 20, maxLength: 35 }).map((steps) => [...PANEL_SITTING, ...steps]),
    );
  },
  RUNS_TIMEOUT,
);

test('withdrawn on one laptop, reinstated on two, withdrawn again: every order of arrival gives the same register and history', async () => {
  const clock = steppingClock();
  const [a, b, c] = [0, 1, 2].map(() => makeCore(tempDir(), clock)) as [TestCore, TestCore, TestCore];
  const readers: TestCore[] = [];
  const dir = tempDir('grantpanel-bundles-');
  try {
    for (const x of [a, b, c]) for (const y of [a, b, c]) if (x !== y) await trustLaptop(x, y, `Laptop ${[a, b, c].indexOf(y)}`);
    const round = await a.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'Winter',
      opens: '2026-11-01',
      closes: '2026-12-31',
    });
    const { id } = await a.call('applications.create', validDraft(round.id));
    const send = async (from: TestCore, ...to: TestCore[]) => {
      const { file } = await exportBundleTo(from, dir);
      for (const t of to) await t.call('bundles.import', { file });
    };
    // A withdraws; B and C each reinstate it, not knowing of the other; A, having B's, withdraws it again.
    await a.call('applications.withdraw', { id, reason: 'Asked to withdraw' });
    await send(a, b, c);
    await b.call('applications.reinstate', { id, reason: 'Withdrawn by mistake' });
    await c.call('applications.reinstate', { id, reason: 'The applicant rang back' });
    await send(b, a);
    await a.call('applications.withdraw', { id, reason: 'Funded elsewhere' });
    const bundles = await Promise.all([a, b, c].map(async (x) => (await exportBundleTo(x, dir)).file));
    // Clock order: withdrawn, reinstated (B), reinstated again (C: nothing to do), withdrawn again.
    const expected = [
      ['Received'],
      ['Withdrawn: Asked to withdraw'],
      ['Reinstated: Withdrawn by mistake'],
      ['Reinstated: The applicant rang back — it was not withdrawn by then, so nothing changed'],
      ['Withdrawn: Funded elsewhere'],
    ];
    // Each reader's own person and trust differ; the register must not.
    const register = (x: TestCore) => {
      const { applications, application_priorities, conflicts } = projectionSnapshot(x.ctx.db);
      return { applications, application_priorities, conflicts };
    };
    let tables: ReturnType<typeof register> | undefined;
    // A fresh laptop takes the three bundles in every order: C's reinstatement, earlier than A's second
    // withdrawal, often arrives after it.
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]) {
      const reader = makeCore(tempDir(), clock);
      readers.push(reader);
      for (const x of [a, b, c]) await trustLaptop(reader, x);
      for (const i of order) await reader.call('bundles.import', { file: bundles[i]! });
      const detail = await reader.call('applications.get', { id });
      expect(detail, order.join()).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Funded elsewhere', openConflicts: 0 });
      expect(
        (await reader.call('applications.history', { id })).entries.map((e) => e.lines),
        order.join(),
      ).toEqual(expected);
      const snapshot = register(reader);
      tables ??= snapshot;
      expect(snapshot, order.join()).toEqual(tables);
    }
    // And the three laptops themselves, once they have one another's bundles.
    for (const x of [a, b, c]) for (const file of bundles) await x.call('bundles.import', { file });
    for (const x of [a, b, c]) {
      expect(register(x)).toEqual(tables);
      expect((await x.call('applications.history', { id })).entries.map((e) => e.lines)).toEqual(expected);
    }
  } finally {
    [a, b, c, ...readers].forEach((x) => x.dispose());
    rmSync(dir, { recursive: true, force: true });
  }
});
