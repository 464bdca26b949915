// Ranking and normalisation by hand: every expected number is worked out in the comments beside it.
import { describe, expect, test } from 'vitest';
import { fraction } from '../../shared/domain/fraction';
import { normaliseRound, rankApplications, type MemberTotal, type RankingEntry } from '../../shared/domain/ranking';
import { testRubric } from '../support/rubrics';

const f = (n: number, d: number) => fraction(n, d);
const entry = (
  applicationId: string,
  reference: string,
  score: [number, number] | null,
  gatesPassed: boolean | null = true,
): RankingEntry => ({
  applicationId,
  reference,
  score: score ? f(...score) : null,
  gatesPassed,
});

describe('ranking', () => {
  // GP-001 75%, GP-002 70%, GP-003 75% (tied with GP-001), GP-004 65%, GP-005 90% but failed a
  // gate, GP-006 not scored, GP-007 80% with its gate not yet answered.
  const entries = [
    entry('a6', 'GP-006', null),
    entry('a3', 'GP-003', [3, 4]),
    entry('a5', 'GP-005', [9, 10], false),
    entry('a2', 'GP-002', [7, 10]),
    entry('a7', 'GP-007', [4, 5], null),
    entry('a4', 'GP-004', [13, 20]),
    entry('a1', 'GP-001', [3, 4]),
  ];

  test('standard competition ranks; excluded and unscored listed after', () => {
    // 80 → 1; 75, 75 → =2, =2 (listed by reference); 70 → 4 (not 3); 65 → 5.
    const rows = rankApplications(testRubric, entries);
    expect(rows.map((r) => [r.reference, r.status, r.rank, r.rankText, r.score?.percentText ?? null])).toEqual([
      ['GP-007', 'ranked', 1, '1', '80.0%'],
      ['GP-001', 'ranked', 2, '=2', '75.0%'],
      ['GP-003', 'ranked', 2, '=2', '75.0%'],
      ['GP-002', 'ranked', 4, '4', '70.0%'],
      ['GP-004', 'ranked', 5, '5', '65.0%'],
      ['GP-005', 'excluded', null, '', '90.0%'],
      ['GP-006', 'not-ranked', null, '', null],
    ]);
    expect(rows[5]?.statusText).toBe('Excluded: failed a gate');
    expect(rows[6]?.statusText).toBe('Not ranked: no score yet');
    expect(rows[0]?.gatesPassed).toBeNull();
    expect(rows[3]?.score?.band.label).toBe('Recommend');
    expect(rows.every((r) => r.normalised === null)).toBe(true);
  });

  test('the order does not depend on the input order', () => {
    expect(rankApplications(testRubric, [...entries].reverse())).toEqual(rankApplications(testRubric, entries));
  });

  test('equal scores with the same reference fall back to the id', () => {
    const rows = rankApplications(testRubric, [entry('b', 'GP-1', [1, 2]), entry('a', 'GP-1', [2, 4])]);
    expect(rows.map((r) => [r.applicationId, r.rankText])).toEqual([
      ['a', '=1'],
      ['b', '=1'],
    ]);
  });

  test('a failed gate excludes even with no score; an application twice is refused', () => {
    expect(rankApplications(testRubric, [entry('a', 'GP-1', null, false)])[0]?.status).toBe('excluded');
    expect(() => rankApplications(testRubric, [entry('a', 'GP-1', [1, 2]), entry('a', 'GP-2', [1, 3])])).toThrow(/twice/);
  });
});

describe('normalisation', () => {
  // A generous member G scored X 70%, A 80%, B 90%; a harsh member H scored Y 50%, C 30%, D 40%.
  // G: mean 80, deviations −10, 0, +10, variance 200/3, sd √66.67 = 8.16497.
  //   z(X) = −10 / 8.16497 = −1.2247449 → −1,224,745 millionths; z(A) = 0; z(B) = +1.2247449.
  // H: mean 40, the same sd: z(Y) = +1.2247449, z(C) = −1.2247449, z(D) = 0.
  // Raw ranks: B 90 (1), A 80 (2), X 70 (3), Y 50 (4), D 40 (5), C 30 (6).
  // Normalised: B and Y +1.22 (=1), A and D 0.00 (=3), X and C −1.22 (=5).
  // X was above Y raw (3 vs 4); normalised Y is above X (1 vs 5). Y moves up 3 places, more than
  // the rubric's 2: shifted. X moves down 2: not more than 2, not shifted.
  const totals: MemberTotal[] = [
    { applicationId: 'x', memberId: 'g', score: f(7, 10) },
    { applicationId: 'a', memberId: 'g', score: f(8, 10) },
    { applicationId: 'b', memberId: 'g', score: f(9, 10) },
    { applicationId: 'y', memberId: 'h', score: f(5, 10) },
    { applicationId: 'c', memberId: 'h', score: f(3, 10) },
    { applicationId: 'd', memberId: 'h', score: f(4, 10) },
  ];
  const entries = totals.map((t) => ({
    applicationId: t.applicationId,
    reference: `GP-${t.applicationId}`,
    score: t.score,
    gatesPassed: true,
  }));

  test('a harsh and a generous member: normalisation reverses their raw order', () => {
    const n = normaliseRound(totals);
    expect(n.members).toEqual([
      {
        memberId: 'g',
        count: 3,
        meanText: '80.0%',
        deviationText: '8.2',
        note: null,
        noteText: null,
        scores: [
          { applicationId: 'a', zUnits: 0, zText: '0.00' },
          { applicationId: 'b', zUnits: 1224745, zText: '+1.22' },
          { applicationId: 'x', zUnits: -1224745, zText: '-1.22' },
        ],
      },
      expect.objectContaining({ memberId: 'h', meanText: '40.0%', deviationText: '8.2' }),
    ]);
    expect(n.applications.map((a) => [a.applicationId, a.zText, a.zNumber, a.memberCount])).toEqual([
      ['a', '0.00', 0, 1],
      ['b', '+1.22', 1.22, 1],
      ['c', '-1.22', -1.22, 1],
      ['d', '0.00', 0, 1],
      ['x', '-1.22', -1.22, 1],
      ['y', '+1.22', 1.22, 1],
    ]);

    const rows = rankApplications(testRubric, entries, n);
    expect(rows.map((r) => [r.applicationId, r.rank, r.normalised?.rankText, r.normalised?.places, r.normalised?.shifted])).toEqual([
      ['b', 1, '=1', 0, false],
      ['a', 2, '=3', -1, false],
      ['x', 3, '=5', -2, false],
      ['y', 4, '=1', 3, true],
      ['d', 5, '=3', 2, false],
      ['c', 6, '=5', 1, false],
    ]);
    expect(rows[3]?.normalised?.shiftText).toBe('Normalisation moves it up 3 places');
  });

  test('an application scored by both: the mean of its members’ z', () => {
    // Add Z, scored 90% by G and 30% by H. G: 70, 80, 90, 90 → mean 82.5, deviations −12.5, −2.5,
    // 7.5, 7.5, variance (156.25 + 6.25 + 56.25 + 56.25) / 4 = 68.75, sd 8.29156; z(Z by G) =
    // 7.5 / 8.29156 = 0.904534. H: 50, 30, 40, 30 → mean 37.5, deviations 12.5, −7.5, 2.5, −7.5,
    // variance (156.25 + 56.25 + 6.25 + 56.25) / 4 = 68.75, z(Z by H) = −0.904534.
    // Z's normalised score: (0.904534 − 0.904534) / 2 = 0.
    const n = normaliseRound([
      ...totals,
      { applicationId: 'z', memberId: 'g', score: f(9, 10) },
      { applicationId: 'z', memberId: 'h', score: f(3, 10) },
    ]);
    const z = n.applications.find((a) => a.applicationId === 'z')!;
    expect(z).toMatchObject({ zText: '0.00', zNumber: 0, memberCount: 2 });
    expect(n.members[0]?.scores.find((s) => s.applicationId === 'z')?.zUnits).toBe(904534);
    expect(n.members[1]?.scores.find((s) => s.applicationId === 'z')?.zUnits).toBe(-904534);
  });

  test('a member with one score, or the same score everywhere, counts as 0 and says why', () => {
    const n = normaliseRound([
      { applicationId: 'x', memberId: 'once', score: f(9, 10) },
      { applicationId: 'x', memberId: 'same', score: f(1, 2) },
      { applicationId: 'y', memberId: 'same', score: f(1, 2) },
    ]);
    expect(n.members.map((m) => [m.memberId, m.note, m.scores.map((s) => s.zUnits)])).toEqual([
      ['once', 'too-few-scores', [0]],
      ['same', 'no-spread', [0, 0]],
    ]);
    expect(n.members[0]?.noteText).toMatch(/^Fewer than 2 completed applications/);
    expect(n.members[1]?.noteText).toMatch(/^Gave every application the same score/);
  });

  test('an application the ranking has but normalisation has not gets no normalised rank', () => {
    const rows = rankApplications(testRubric, [entry('m', 'GP-m', [1, 2])], normaliseRound([]));
    expect(rows[0]?.normalised).toEqual({ score: null, rank: null, rankText: '', places: null, shifted: false, shiftText: null });
  });

  test('a member with two totals for one application is refused', () => {
    expect(() => normaliseRound([totals[0]!, { ...totals[0]! }])).toThrow(/two totals/);
  });
});
