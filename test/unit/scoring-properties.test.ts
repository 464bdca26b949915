// Properties of the scoring arithmetic over generated rounds (the seed is fixed in
// test/support/fast-check-seed.ts): what must hold whatever the panel scored.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compare, fraction, type Fraction } from '../../shared/domain/fraction';
import { normaliseRound, rankApplications, type MemberTotal, type RankingEntry } from '../../shared/domain/ranking';
import type { Band, RubricContent } from '../../shared/domain/rubric';
import {
  bandOf,
  rankingScore,
  summariseApplication,
  weightedFraction,
  type GateAnswer,
  type MemberScores,
} from '../../shared/domain/scoring';
import { criterion } from '../support/rubrics';

const rubricArb: fc.Arbitrary<RubricContent> = fc
  .record({
    criteria: fc.array(fc.record({ scale: fc.constantFrom(4 as const, 5 as const), weight: fc.integer({ min: 1, max: 10 }) }), {
      minLength: 1,
      maxLength: 5,
    }),
    gateCount: fc.integer({ min: 0, max: 2 }),
    spreadPoints: fc.integer({ min: 1, max: 5 }),
    spreadDeviation: fc.integer({ min: 1, max: 30 }),
    rankShiftPlaces: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ criteria, gateCount, ...rest }) => ({
    criteria: criteria.map((c, i) => criterion(`c${i}`, c.scale, c.weight)),
    gates: Array.from({ length: gateCount }, (_, i) => ({ id: `g${i}`, name: `Gate ${i}`, guidance: '' })),
    bands: [
      { id: 'recommend' as const, label: 'Recommend', fromPercent: 70 },
      { id: 'refer' as const, label: 'Refer', fromPercent: 50 },
      { id: 'do-not-recommend' as const, label: 'Do not recommend', fromPercent: 0 },
    ],
    ...rest,
  }));

const MEMBERS = ['m0', 'm1', 'm2', 'm3', 'm4'];

/** A round on a rubric: per application, the members who scored it, their levels (some missing) and gate answers. */
const roundArb = rubricArb.chain((rubric) =>
  fc.record({
    rubric: fc.constant(rubric),
    quorum: fc.integer({ min: 1, max: 3 }),
    applications: fc.array(
      fc.subarray(MEMBERS, { minLength: 0 }).chain((memberIds) =>
        fc.tuple(
          ...memberIds.map((memberId) =>
            fc.record({
              memberId: fc.constant(memberId),
              levels: fc.tuple(...rubric.criteria.map((c) => fc.option(fc.integer({ min: 0, max: c.scale }), { freq: 8, nil: null }))),
              gates: fc.tuple(...rubric.gates.map(() => fc.constantFrom<GateAnswer>('pass', 'pass', 'pass', 'fail', null))),
            }),
          ),
        ),
      ),
      { minLength: 1, maxLength: 10 },
    ),
  }),
);

type Round = {
  rubric: RubricContent;
  quorum: number;
  applications: { memberId: string; levels: (number | null)[]; gates: GateAnswer[] }[][];
};

const memberScores = (rubric: RubricContent, m: Round['applications'][number][number]): MemberScores => ({
  memberId: m.memberId,
  levels: Object.fromEntries(rubric.criteria.map((c, i) => [c.id, m.levels[i] ?? null])),
  gates: Object.fromEntries(rubric.gates.map((g, i) => [g.id, m.gates[i] ?? null])),
});

/** What the core will do: summarise each application, normalise the round, rank with normalisation. */
function score(round: Round, order: { applications: number[]; members: number[][] } | null = null) {
  const indices = order?.applications ?? round.applications.map((_, i) => i);
  const inputs = indices.map((i) => {
    const members = round.applications[i]!;
    const memberOrder = order?.members[i] ?? members.map((_, j) => j);
    return { applicationId: `a${i}`, members: memberOrder.map((j) => memberScores(round.rubric, members[j]!)) };
  });
  const summaries = inputs.map((a) => ({ ...a, summary: summariseApplication(round.rubric, a.members, round.quorum) }));
  const totals: MemberTotal[] = summaries.flatMap((a) =>
    a.summary.members.flatMap((m) => (m.score ? [{ applicationId: a.applicationId, memberId: m.memberId, score: m.score.fraction }] : [])),
  );
  const normalisation = normaliseRound(totals);
  const entries: RankingEntry[] = summaries.map((a) => ({
    applicationId: a.applicationId,
    reference: `GP-${a.applicationId}`,
    score: rankingScore(a.summary, null),
    gatesPassed: a.summary.gatesPassed,
  }));
  const bySummaryId = Object.fromEntries(summaries.map((a) => [a.applicationId, a.summary]));
  return { summaries: bySummaryId, totals, normalisation, ranking: rankApplications(round.rubric, entries, normalisation) };
}

/** A permutation of 0..n−1 from generated sort keys (ties keep index order). */
const permutation = (keys: number[], n: number) =>
  Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);

const withOrder = roundArb.chain((round) =>
  fc.record({
    round: fc.constant(round),
    appKeys: fc.array(fc.integer(), { minLength: round.applications.length, maxLength: round.applications.length }),
    memberKeys: fc.array(fc.array(fc.integer(), { minLength: 5, maxLength: 5 }), {
      minLength: round.applications.length,
      maxLength: round.applications.length,
    }),
  }),
);

describe('scoring properties', () => {
  test('ranking (raw and normalised) does not depend on the order of members or applications', () => {
    fc.assert(
      fc.property(withOrder, ({ round, appKeys, memberKeys }) => {
        const order = {
          applications: permutation(appKeys, round.applications.length),
          members: round.applications.map((members, i) => permutation(memberKeys[i]!, members.length)),
        };
        const plain = score(round);
        const shuffled = score(round, order);
        expect(shuffled.ranking).toEqual(plain.ranking);
        expect(shuffled.normalisation).toEqual(plain.normalisation);
        expect(shuffled.summaries).toEqual(plain.summaries);
      }),
      { numRuns: 150 },
    );
  });

  test('scaling every weight by the same k changes no fraction and no rank', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 2, max: 10 }), (round, k) => {
        const scaled = {
          ...round,
          rubric: { ...round.rubric, criteria: round.rubric.criteria.map((c) => ({ ...c, weight: c.weight * k })) },
        };
        const plain = score(round);
        const bigger = score(scaled);
        expect(bigger.totals).toEqual(plain.totals);
        expect(bigger.ranking).toEqual(plain.ranking);
        for (const members of round.applications)
          for (const m of members) {
            const levels = memberScores(round.rubric, m).levels;
            expect(weightedFraction(scaled.rubric.criteria, levels)).toEqual(weightedFraction(round.rubric.criteria, levels));
          }
      }),
      { numRuns: 150 },
    );
  });

  test('a gate any member failed always excludes the application, whatever its score', () => {
    fc.assert(
      fc.property(roundArb, (round) => {
        const { ranking } = score(round);
        round.applications.forEach((members, i) => {
          const failed = members.some((m) => m.gates.includes('fail'));
          const row = ranking.find((r) => r.applicationId === `a${i}`)!;
          expect(row.status === 'excluded').toBe(failed);
          if (failed) expect(row.rank).toBeNull();
        });
      }),
      { numRuns: 150 },
    );
  });

  test('a failed gate excludes in any ranking, moderated scores included', () => {
    const entryArb = fc.record({
      score: fc.option(
        fc.tuple(fc.nat(100), fc.integer({ min: 1, max: 100 })).map(([n, d]) => fraction(Math.min(n, d), d)),
        { nil: null },
      ),
      gatesPassed: fc.constantFrom(true, false, null),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 20 }), (raw) => {
        const rows = rankApplications(
          { bands: [{ id: 'do-not-recommend', label: 'Do not recommend', fromPercent: 0 }], rankShiftPlaces: 3 },
          raw.map((e, i) => ({ ...e, applicationId: `a${i}`, reference: `GP-${i}` })),
        );
        for (const row of rows) if (row.gatesPassed === false) expect(row).toMatchObject({ status: 'excluded', rank: null });
        // Ranked rows come first, best first, and no excluded row sits among them.
        const ranked = rows.filter((r) => r.status === 'ranked');
        expect(rows.slice(0, ranked.length)).toEqual(ranked);
        for (let i = 1; i < ranked.length; i++)
          expect(compare(ranked[i - 1]!.score!.fraction, ranked[i]!.score!.fraction)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  test('normalisation keeps each member’s own order of applications', () => {
    fc.assert(
      fc.property(roundArb, (round) => {
        const { totals, normalisation } = score(round);
        for (const m of normalisation.members) {
          const p = new Map(totals.filter((t) => t.memberId === m.memberId).map((t) => [t.applicationId, t.score]));
          for (const a of m.scores)
            for (const b of m.scores) {
              const order = compare(p.get(a.applicationId)!, p.get(b.applicationId)!);
              const zOrder = Math.sign(a.zUnits - b.zUnits);
              // Strictly: a member who spread their scores keeps every difference; one who did not is all 0.
              expect(zOrder).toBe(m.note ? 0 : order);
            }
        }
      }),
      { numRuns: 150 },
    );
  });

  test('bands are monotone in the percentage', () => {
    const bandsArb: fc.Arbitrary<Band[]> = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 0, maxLength: 2 }).map((froms) => {
      const ids = ['recommend', 'refer'] as const;
      const sorted = [...froms].sort((a, b) => b - a);
      return [
        ...sorted.map((fromPercent, i) => ({ id: ids[i]!, label: ids[i]!, fromPercent })),
        { id: 'do-not-recommend' as const, label: 'Do not recommend', fromPercent: 0 },
      ];
    });
    const fractionArb: fc.Arbitrary<Fraction> = fc
      .tuple(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }))
      .map(([n, d]) => fraction(Math.min(n, d), d));
    fc.assert(
      fc.property(bandsArb, fractionArb, fractionArb, (bands, x, y) => {
        const [low, high] = compare(x, y) <= 0 ? [x, y] : [y, x];
        const index = (f: Fraction) => bands.indexOf(bandOf({ bands }, f));
        // Higher percentage, same or higher band (bands run highest first).
        expect(index(high)).toBeLessThanOrEqual(index(low));
        // And exactly at or above the band's start, below the one above it.
        const band = bandOf({ bands }, high);
        expect(high.num * 100 >= band.fromPercent * high.den).toBe(true);
        const above = bands[bands.indexOf(band) - 1];
        if (above) expect(high.num * 100 < above.fromPercent * high.den).toBe(true);
      }),
    );
  });
});
