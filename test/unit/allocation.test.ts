// Allocation by hand (every expected amount worked out beside it) and its properties: never over
// budget plus tolerance, rank order respected, the same inputs the same allocation.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ceilingOf, suggestAllocation, type AllocationLimits, type Bid } from '../../shared/domain/allocation';
import '../support/fast-check-seed';

const bids = (...pence: number[]): Bid[] => pence.map((requestedPence, i) => ({ applicationId: `a${i + 1}`, requestedPence }));
const limits = (over: Partial<AllocationLimits> = {}): AllocationLimits => ({
  budgetPence: 1_000_000,
  tolerancePercent: 0,
  minAwardPence: 50_000,
  maxAwardPence: 500_000,
  ...over,
});
const shape = (a: ReturnType<typeof suggestAllocation>) => a.awards.map((x) => [x.applicationId, x.amountPence, x.basis]);

describe('suggest allocation by hand', () => {
  test('in rank order until the budget is used; the first bid that does not fit gets what remains', () => {
    // £10,000 budget: £4,000 + £3,000 = £7,000; £4,500 does not fit, £3,000 remains (≥ £500 minimum); the last gets nothing.
    const a = suggestAllocation(bids(400_000, 300_000, 450_000, 100_000), limits());
    expect(shape(a)).toEqual([
      ['a1', 400_000, 'in-full'],
      ['a2', 300_000, 'in-full'],
      ['a3', 300_000, 'partial'],
      ['a4', 0, 'not-funded'],
    ]);
    expect([a.ceilingPence, a.allocatedPence, a.remainingPence]).toEqual([1_000_000, 1_000_000, 0]);
  });

  test('no partial award below the fund’s minimum: the run stops there, leaving the remainder', () => {
    // £9,700 in full; £300 remains, below the £500 minimum: no partial award, and a4 after it gets nothing.
    const a = suggestAllocation(bids(500_000, 470_000, 200_000, 100_000), limits());
    expect(shape(a)).toEqual([
      ['a1', 500_000, 'in-full'],
      ['a2', 470_000, 'in-full'],
      ['a3', 0, 'not-funded'],
      ['a4', 0, 'not-funded'],
    ]);
    expect(a.remainingPence).toBe(30_000);
  });

  test('a bid above the fund’s maximum is offered the maximum', () => {
    // £6,000 asked, £5,000 maximum: capped; then £2,000 in full; £3,000 left over.
    const a = suggestAllocation(bids(600_000, 200_000), limits());
    expect(shape(a)).toEqual([
      ['a1', 500_000, 'capped'],
      ['a2', 200_000, 'in-full'],
    ]);
    expect(a.remainingPence).toBe(300_000);
  });

  test('a tolerance lets the allocation pass the budget by that much, and no more', () => {
    // 10% of £10,000: a ceiling of £11,000. £5,000 + £5,000 = £10,000; £1,000 of the next (≥ £500).
    const a = suggestAllocation(bids(500_000, 500_000, 400_000), limits({ tolerancePercent: 10 }));
    expect(a.ceilingPence).toBe(1_100_000);
    expect(shape(a)).toEqual([
      ['a1', 500_000, 'in-full'],
      ['a2', 500_000, 'in-full'],
      ['a3', 100_000, 'partial'],
    ]);
    expect(a.remainingPence).toBe(-100_000);
  });

  test('the round’s own remaining total is a second ceiling', () => {
    // The area has £10,000 but the round only £6,000 left: £4,000, then £2,000 of £3,000.
    const a = suggestAllocation(bids(400_000, 300_000), limits({ roundRemainingPence: 600_000 }));
    expect(shape(a)).toEqual([
      ['a1', 400_000, 'in-full'],
      ['a2', 200_000, 'partial'],
    ]);
  });

  test('a bid below the fund’s minimum is passed over without stopping the run', () => {
    const a = suggestAllocation(bids(300_000, 20_000, 300_000), limits());
    expect(shape(a)).toEqual([
      ['a1', 300_000, 'in-full'],
      ['a2', 0, 'below-minimum'],
      ['a3', 300_000, 'in-full'],
    ]);
  });

  test('a fund without minimum or maximum; a budget of nothing; no bids', () => {
    expect(shape(suggestAllocation(bids(700_000, 700_000), limits({ minAwardPence: null, maxAwardPence: null })))).toEqual([
      ['a1', 700_000, 'in-full'],
      ['a2', 300_000, 'partial'],
    ]);
    expect(shape(suggestAllocation(bids(100_000), limits({ budgetPence: 0 })))).toEqual([['a1', 0, 'not-funded']]);
    expect(suggestAllocation([], limits())).toEqual({ awards: [], ceilingPence: 1_000_000, allocatedPence: 0, remainingPence: 1_000_000 });
  });

  test('the ceiling rounds the tolerance down to the penny', () => {
    // 7% of £333.33 is 2,333.31p: 2,333p.
    expect(ceilingOf({ budgetPence: 33_333, tolerancePercent: 7 })).toBe(35_666);
    expect(ceilingOf({ budgetPence: 100_000, tolerancePercent: 0, roundRemainingPence: -5 })).toBe(0);
  });
});

describe('allocation properties', () => {
  const limitsArb = fc.record({
    budgetPence: fc.integer({ min: 0, max: 10_000_000 }),
    tolerancePercent: fc.integer({ min: 0, max: 25 }),
    roundRemainingPence: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    minAwardPence: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
    maxAwardPence: fc.option(fc.integer({ min: 100_000, max: 2_500_000 }), { nil: null }),
  });
  const bidsArb = fc
    .array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 40 })
    .map((amounts) => amounts.map((requestedPence, i) => ({ applicationId: `app-${i}`, requestedPence })));

  test('never over budget plus tolerance (nor the round’s remainder), nor over any bid or the maximum', () => {
    fc.assert(
      fc.property(bidsArb, limitsArb, (bs, l) => {
        const a = suggestAllocation(bs, l);
        const total = a.awards.reduce((sum, x) => sum + x.amountPence, 0);
        expect(total).toBe(a.allocatedPence);
        expect(total).toBeLessThanOrEqual(l.budgetPence + Math.floor((l.budgetPence * l.tolerancePercent) / 100));
        if (l.roundRemainingPence !== null) expect(total).toBeLessThanOrEqual(l.roundRemainingPence);
        a.awards.forEach((x, i) => {
          expect(x.amountPence).toBeGreaterThanOrEqual(0);
          expect(x.amountPence).toBeLessThanOrEqual(bs[i]!.requestedPence);
          if (l.maxAwardPence !== null) expect(x.amountPence).toBeLessThanOrEqual(l.maxAwardPence);
          if (x.amountPence > 0 && l.minAwardPence !== null) expect(x.amountPence).toBeGreaterThanOrEqual(l.minAwardPence);
        });
      }),
    );
  });

  test('rank order respected: a bid is funded only if every bid above it (that the fund could fund) got all it could', () => {
    fc.assert(
      fc.property(bidsArb, limitsArb, (bs, l) => {
        const a = suggestAllocation(bs, l);
        const full = (i: number) => {
          const x = a.awards[i]!;
          return x.basis === 'in-full' || x.basis === 'capped' || x.basis === 'below-minimum';
        };
        a.awards.forEach((x, i) => {
          if (x.amountPence > 0)
            for (let j = 0; j < i; j++) expect(full(j), `${a.awards[j]!.applicationId} above ${x.applicationId}`).toBe(true);
        });
        // At most one partial award, and nothing funded after it.
        const partial = a.awards.findIndex((x) => x.basis === 'partial');
        expect(a.awards.filter((x) => x.basis === 'partial').length).toBeLessThanOrEqual(1);
        if (partial >= 0) expect(a.awards.slice(partial + 1).every((x) => x.amountPence === 0)).toBe(true);
      }),
    );
  });

  test('the same inputs give the same allocation; a bid added below the last leaves those above as they were', () => {
    fc.assert(
      fc.property(bidsArb, limitsArb, fc.integer({ min: 1, max: 3_000_000 }), (bs, l, extra) => {
        expect(suggestAllocation(bs, l)).toEqual(suggestAllocation(structuredClone(bs), { ...l }));
        const more = suggestAllocation([...bs, { applicationId: 'last', requestedPence: extra }], l);
        expect(more.awards.slice(0, bs.length)).toEqual(suggestAllocation(bs, l).awards);
      }),
    );
  });
});
