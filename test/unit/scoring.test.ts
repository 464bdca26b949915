// Scoring arithmetic by hand: every expected number is worked out in the comments beside it.
import { describe, expect, test } from 'vitest';
import { add, compare, decimalText, divideBy, fraction, median, mean, percentNumber, percentText } from '../../shared/domain/fraction';
import { defaultRubric } from '../../shared/domain/rubric';
import { bandedPercentText, bandOf, rankingScore, summariseApplication, weightedFraction } from '../../shared/domain/scoring';
import { member, testRubric } from '../support/rubrics';

const rubric = testRubric;

const f = (n: number, d: number) => fraction(n, d);

describe('fractions', () => {
  test('are kept in lowest terms, sign on the numerator', () => {
    expect(fraction(27, 40)).toEqual({ num: 27, den: 40 });
    expect(fraction(30, 40)).toEqual({ num: 3, den: 4 });
    expect(fraction(3, -6)).toEqual({ num: -1, den: 2 });
    expect(fraction(0, 7)).toEqual({ num: 0, den: 1 });
    expect(() => fraction(1, 0)).toThrow(/zero denominator/);
    expect(() => fraction(0.5, 2)).toThrow(/exact range/);
  });

  test('add, divide by a whole number and compare exactly', () => {
    // 27/40 + 32/40 = 59/40; 1/3 + 1/6 = 1/2.
    expect(add(f(27, 40), f(32, 40))).toEqual(f(59, 40));
    expect(add(f(1, 3), f(1, 6))).toEqual(f(1, 2));
    // 59/40 ÷ 2 = 59/80.
    expect(divideBy(f(59, 40), 2)).toEqual(f(59, 80));
    expect(() => divideBy(f(1, 2), 0)).toThrow(/non-zero whole number/);
    // 0.1 + 0.2 is not 0.3 in floats; 1/10 + 2/10 is 3/10 here.
    expect(compare(add(f(1, 10), f(2, 10)), f(3, 10))).toBe(0);
    expect(compare(f(6999, 10000), f(7, 10))).toBe(-1);
    expect(compare(f(2, 3), f(3, 5))).toBe(1);
  });

  test('mean and median, including an even count', () => {
    // 16, 27, 28 and 32 out of 40: mean 103/160 = 64.375%; median (27 + 28) / 2 / 40 = 55/80 = 68.75%.
    const totals = [f(27, 40), f(32, 40), f(16, 40), f(28, 40)];
    expect(mean(totals)).toEqual(f(103, 160));
    expect(median(totals)).toEqual(f(11, 16));
    // Odd count: the middle one of 16, 27, 32.
    expect(median([f(32, 40), f(16, 40), f(27, 40)])).toEqual(f(27, 40));
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });

  test.each([
    [29, 40, '72.5%', 72.5],
    [2, 3, '66.7%', 66.7], // 66.666…
    [1, 3, '33.3%', 33.3], // 33.333…
    [11, 16, '68.8%', 68.8], // 68.75 → half up
    [103, 160, '64.4%', 64.4], // 64.375 → 64.4
    [3, 2000, '0.2%', 0.2], // 0.15 exactly → half up (a float 0.15 is 0.1499…, and toFixed says 0.1)
    [1449, 2000, '72.5%', 72.5], // 72.45 → 72.5
    [1, 1, '100.0%', 100],
    [0, 1, '0.0%', 0],
    [6996, 10000, '70.0%', 70],
  ])('%i/%i is %s', (n, d, text, number) => {
    expect(percentText(f(n, d))).toBe(text);
    expect(percentNumber(f(n, d))).toBe(number);
  });

  test('decimal text with a sign', () => {
    expect(decimalText(f(1224745, 1000000), 2, true)).toBe('+1.22');
    expect(decimalText(f(-1224745, 1000000), 2, true)).toBe('-1.22');
    expect(decimalText(f(-1, 1000), 2, true)).toBe('0.00');
    expect(decimalText(f(5, 1000), 2)).toBe('0.01'); // 0.005 half up
  });
});

describe('weighted fraction', () => {
  test('weights the levels: Σ weight × level / Σ weight × scale', () => {
    // fit 3 × 5 = 15, need 4 × 2 = 8, reach 2 × 2 = 4: 27 of 40 = 67.5%.
    expect(weightedFraction(rubric.criteria, { fit: 3, need: 4, reach: 2 })).toEqual(f(27, 40));
    // Weights matter more than raw points: 4 points on fit (20 of 40 = 50%) beat 8 points on
    // need and reach (0 + 8 + 8 = 16 of 40 = 40%).
    expect(weightedFraction(rubric.criteria, { fit: 4, need: 0, reach: 0 })).toEqual(f(1, 2));
    expect(weightedFraction(rubric.criteria, { fit: 0, need: 4, reach: 4 })).toEqual(f(2, 5));
  });

  test('the default rubric: plan fit weighted highest, out of 60', () => {
    // Weights 3, 2, 2, 2, 1, 1, 1 on 0–5 scales: Σ weight × 5 = 12 × 5 = 60.
    // Levels 5, 4, 4, 3, 2, 3, 4: 15 + 8 + 8 + 6 + 2 + 3 + 4 = 46 of 60 = 76.666…% → "76.7%".
    const rd = defaultRubric(['p1']);
    const levels = { 'plan-fit': 5, need: 4, outcomes: 4, value: 3, sustainability: 2, reach: 3, deliverability: 4 };
    const total = weightedFraction(rd.criteria, levels)!;
    expect(total).toEqual(f(23, 30));
    expect(percentText(total)).toBe('76.7%');
    expect(bandOf(rd, total).id).toBe('recommend');
  });

  test('is null until every criterion is scored', () => {
    expect(weightedFraction(rubric.criteria, { fit: 3, need: 4, reach: null })).toBeNull();
    expect(weightedFraction(rubric.criteria, { fit: 3, need: 4 })).toBeNull();
    // A level for a criterion not in the rubric is ignored.
    expect(weightedFraction(rubric.criteria, { fit: 3, need: 4, reach: 2, old: 5 })).toEqual(f(27, 40));
  });

  test('refuses a level outside the scale, naming the criterion', () => {
    expect(() => weightedFraction(rubric.criteria, { fit: 5, need: 4, reach: 2 })).toThrow(
      'The score for “Fit to the Plan” must be a whole number from 0 to 4',
    );
    expect(() => weightedFraction(rubric.criteria, { fit: 2.5, need: 4, reach: 2 })).toThrow(/whole number/);
    expect(() => weightedFraction(rubric.criteria, { fit: -1, need: 4, reach: 2 })).toThrow(/whole number/);
  });
});

describe('bands', () => {
  test.each([
    [7, 10, 'recommend'], // exactly 70%
    [6999, 10000, 'refer'], // 69.99%: below 70, whatever it rounds to
    [1, 1, 'recommend'],
    [1, 2, 'refer'], // exactly 50%
    [4999, 10000, 'do-not-recommend'], // 49.99%
    [0, 1, 'do-not-recommend'],
  ])('%i/%i is %s', (n, d, band) => expect(bandOf(rubric, f(n, d)).id).toBe(band));

  test('a weighted score of exactly 70% is recommended', () => {
    // fit 4 × 5 = 20, need 2 × 2 = 4, reach 2 × 2 = 4: 28 of 40 = 70%.
    const total = weightedFraction(rubric.criteria, { fit: 4, need: 2, reach: 2 })!;
    expect(percentText(total)).toBe('70.0%');
    expect(bandOf(rubric, total).label).toBe('Recommend');
  });

  test('a percentage just under a band is never shown rounded up onto it', () => {
    // 69.96% would round to "70.0%" beside "Refer"; it shows two decimals, rounded down.
    expect(bandedPercentText(rubric, f(6996, 10000))).toBe('69.96%');
    expect(bandedPercentText(rubric, f(69999, 100000))).toBe('69.99%');
    // 69.94% rounds to 69.9%: no band crossed, one decimal as usual.
    expect(bandedPercentText(rubric, f(6994, 10000))).toBe('69.9%');
    expect(bandedPercentText(rubric, f(49951, 100000))).toBe('49.95%');
    expect(bandedPercentText(rubric, f(29, 40))).toBe('72.5%');
  });
});

describe('one application', () => {
  test('members, mean, median, quorum, spread and gates', () => {
    // A: 3, 4, 2 → 15 + 8 + 4 = 27/40 = 67.5% Refer
    // B: 4, 3, 3 → 20 + 6 + 6 = 32/40 = 80.0% Recommend
    // C: 2, 2, 1 → 10 + 4 + 2 = 16/40 = 40.0% Do not recommend
    // Mean 75/120 = 62.5% Refer; median 67.5%.
    // Spread by points: fit 4 − 2 = 2, need 4 − 2 = 2, reach 3 − 1 = 2, all ≥ 2.
    // Deviation: 67.5, 80, 40 from 62.5 are 5, 17.5, −22.5; squares 25 + 306.25 + 506.25 = 837.5;
    // ÷ 3 = 279.17 > 15² = 225, so flagged; √279.17 = 16.7.
    const s = summariseApplication(rubric, [member('c', 2, 2, 1), member('a', 3, 4, 2), member('b', 4, 3, 3)], 3);
    expect(s.members.map((m) => [m.memberId, m.score?.percentText, m.score?.band.label])).toEqual([
      ['a', '67.5%', 'Refer'],
      ['b', '80.0%', 'Recommend'],
      ['c', '40.0%', 'Do not recommend'],
    ]);
    expect(s.completeCount).toBe(3);
    expect(s.quorumMet).toBe(true);
    expect(s.mean).toMatchObject({ fraction: f(5, 8), percent: 62.5, percentText: '62.5%', band: { id: 'refer' } });
    expect(s.median).toMatchObject({ fraction: f(27, 40), percentText: '67.5%' });
    expect(s.spread.criteria.map((c) => [c.criterionId, c.min, c.max, c.points, c.flagged])).toEqual([
      ['fit', 2, 4, 2, true],
      ['need', 2, 4, 2, true],
      ['reach', 1, 3, 2, true],
    ]);
    expect(s.spread).toMatchObject({ flaggedCriteria: ['fit', 'need', 'reach'], deviation: 16.7, deviationText: '16.7' });
    expect(s.spread.deviationFlagged).toBe(true);
    expect(s.spread.flagged).toBe(true);
    expect(s.gatesPassed).toBe(true);
    expect(s.gates).toEqual([
      { gateId: 'governance', name: 'Governance adequate', failedBy: [], passedBy: ['a', 'b', 'c'], result: 'pass' },
    ]);
  });

  test('spread by points only', () => {
    // A: 3, 4, 2 = 27/40 = 67.5%; B: 3, 2, 3 = 15 + 4 + 6 = 25/40 = 62.5%.
    // Need differs by 4 − 2 = 2 points: flagged. Deviation: ±2.5 points, well under 15.
    const s = summariseApplication(rubric, [member('a', 3, 4, 2), member('b', 3, 2, 3)], 2);
    expect(s.spread.flaggedCriteria).toEqual(['need']);
    expect(s.spread.deviationText).toBe('2.5');
    expect(s.spread.deviationFlagged).toBe(false);
    expect(s.spread.flagged).toBe(true);
    // Median of an even count: (62.5 + 67.5) / 2 = 65%.
    expect(s.median?.percentText).toBe('65.0%');
  });

  test('spread by deviation only, and a deviation equal to the threshold is not past it', () => {
    // A: 4, 5, 5 = 40/40 = 100%; B: 4, 3, 3 = 20 + 6 + 6 = 32/40 = 80%. Mean 90, deviations ±10:
    // variance 100, standard deviation exactly 10. Points: need and reach differ by 2, so the
    // spread in points is set to 5 (out of reach) to see the deviation alone.
    const wide = { ...rubric, spreadPoints: 5 };
    const pair = [member('a', 4, 5, 5), member('b', 4, 3, 3)];
    const atTen = summariseApplication({ ...wide, spreadDeviation: 10 }, pair, 2);
    expect(atTen.spread.deviationText).toBe('10.0');
    expect(atTen.spread.deviationFlagged).toBe(false); // 100 is not > 10² = 100
    expect(atTen.spread.flagged).toBe(false);
    const atNine = summariseApplication({ ...wide, spreadDeviation: 9 }, pair, 2);
    expect(atNine.spread.deviationFlagged).toBe(true); // 100 > 9² = 81
    expect(atNine.spread.flaggedCriteria).toEqual([]);
    expect(atNine.spread.flagged).toBe(true);
    // With the rubric's points (2) and a fit difference of 1 only, the deviation is what flags it:
    // A: 4, 5, 5 = 100%; B: 3, 4, 4 = 15 + 8 + 8 = 31/40 = 77.5%; ±11.25 → variance 126.5625 > 10².
    const s = summariseApplication({ ...rubric, spreadDeviation: 10 }, [member('a', 4, 5, 5), member('b', 3, 4, 4)], 2);
    expect(s.spread.flaggedCriteria).toEqual([]);
    expect(s.spread.deviationText).toBe('11.3'); // 11.25, display only
    expect(s.spread.deviationFlagged).toBe(true);
  });

  test('a missing score leaves that member out of the totals; quorum not met', () => {
    // A: 27/40; B has not scored reach, so counts for the spread on what they scored but not the totals.
    // C: 32/40. Complete: A and C, 2 of a quorum of 3. Mean (27 + 32) / 80 = 59/80 = 73.75% → "73.8%".
    const s = summariseApplication(rubric, [member('a', 3, 4, 2), member('b', 1, 4, null), member('c', 4, 3, 3)], 3);
    expect(s.members[1]).toMatchObject({ memberId: 'b', scoredCount: 2, complete: false, score: null });
    expect(s.completeCount).toBe(2);
    expect(s.quorumMet).toBe(false);
    expect(s.mean?.percentText).toBe('73.8%');
    // Fit spread counts B's 1 against C's 4: 3 points.
    expect(s.spread.criteria[0]).toMatchObject({ criterionId: 'fit', scoredBy: 3, min: 1, max: 4, points: 3, flagged: true });
    // Not ranked on the mean until the quorum is met; a moderated score ranks it anyway.
    expect(rankingScore(s, null)).toBeNull();
    expect(rankingScore(s, f(3, 4))).toEqual(f(3, 4));
    expect(rankingScore(summariseApplication(rubric, [member('a', 3, 4, 2)], 1), null)).toEqual(f(27, 40));
  });

  test('no complete member: no mean, no median, no deviation', () => {
    const s = summariseApplication(rubric, [member('a', 3, null, null, null)], 2);
    expect(s).toMatchObject({ completeCount: 0, quorumMet: false, mean: null, median: null, gatesPassed: null });
    expect(s.spread).toMatchObject({ deviation: 0, deviationFlagged: false, flagged: false });
  });

  test('a gate any member fails fails the application', () => {
    const s = summariseApplication(rubric, [member('a', 4, 5, 5, 'pass'), member('b', 4, 5, 5, 'fail'), member('c', 4, 5, 5, null)], 2);
    expect(s.gates[0]).toMatchObject({ failedBy: ['b'], passedBy: ['a'], result: 'fail' });
    expect(s.members[1]?.failedGates).toEqual(['governance']);
    expect(s.gatesPassed).toBe(false);
    // Nobody has answered: not yet known. One pass and no fail: passed.
    expect(summariseApplication(rubric, [member('a', 4, 5, 5, null)], 1).gatesPassed).toBeNull();
    expect(summariseApplication(rubric, [member('a', 4, 5, 5, null), member('b', 1, 1, 1, 'pass')], 1).gatesPassed).toBe(true);
    // No gates in the rubric: nothing to fail.
    expect(summariseApplication({ ...rubric, gates: [] }, [member('a', 4, 5, 5, null)], 1).gatesPassed).toBe(true);
  });

  test('the worked example in docs/panels.md', () => {
    // Default rubric, out of 60. Asha 46 (76.7%), Ben 37 (61.7%), Cara 32 (53.3%); mean 115/180 =
    // 63.9%, median 61.7%; fit (5, 4, 3) and outcomes (4, 3, 2) spread by 2 points; deviation 9.7.
    const rd = defaultRubric(['p1']);
    const levels = (ls: number[]) => Object.fromEntries(rd.criteria.map((c, i) => [c.id, ls[i]!]));
    const s = summariseApplication(
      rd,
      [
        { memberId: 'asha', levels: levels([5, 4, 4, 3, 2, 3, 4]), gates: { governance: 'pass' } },
        { memberId: 'ben', levels: levels([4, 3, 3, 3, 2, 2, 3]), gates: { governance: 'pass' } },
        { memberId: 'cara', levels: levels([3, 4, 2, 2, 1, 3, 3]), gates: { governance: 'pass' } },
      ],
      3,
    );
    expect(s.members.map((m) => [m.score?.fraction, m.score?.percentText, m.score?.band.label])).toEqual([
      [f(46, 60), '76.7%', 'Recommend'],
      [f(37, 60), '61.7%', 'Refer'],
      [f(32, 60), '53.3%', 'Refer'],
    ]);
    expect(s.mean).toMatchObject({ fraction: f(115, 180), percentText: '63.9%', band: { label: 'Refer' } });
    expect(s.median?.percentText).toBe('61.7%');
    expect(s.spread).toMatchObject({
      flaggedCriteria: ['plan-fit', 'outcomes'],
      deviationText: '9.7',
      deviationFlagged: false,
      flagged: true,
    });
    expect(s.gatesPassed).toBe(true);
  });

  test('refuses a member twice, and a quorum below 1', () => {
    expect(() => summariseApplication(rubric, [member('a', 1, 1, 1), member('a', 2, 2, 2)], 1)).toThrow(/twice/);
    expect(() => summariseApplication(rubric, [], 0)).toThrow(/quorum/);
  });
});
