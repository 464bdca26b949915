import { expect, test } from 'vitest';
import { planInForce } from '../../shared/domain/catalogue';

const plans = [
  { id: 'pcp-2021-2025', startYear: 2021, endYear: 2025 },
  { id: 'pcp-2025-2029', startYear: 2025, endYear: 2029 },
  { id: 'pcp-2029-2033', startYear: 2029, endYear: 2033 },
];

test('a new round scores against the plan in force that year, not one adopted ahead of its term', () => {
  expect(planInForce(plans, 2026)?.id).toBe('pcp-2025-2029');
  // Where two plans' years meet, the newer one is in force.
  expect(planInForce(plans, 2025)?.id).toBe('pcp-2025-2029');
  expect(planInForce(plans, 2030)?.id).toBe('pcp-2029-2033');
  // No plan covers the year: the newest.
  expect(planInForce(plans, 2040)?.id).toBe('pcp-2029-2033');
  expect(planInForce([], 2026)).toBeUndefined();
});
