// Small rubrics for the scoring tests, with numbers easy to work out by hand.
import type { Criterion, RubricContent } from '../../shared/domain/rubric';
import type { MemberScores } from '../../shared/domain/scoring';

export const criterion = (id: string, scale: 4 | 5, weight: number): Criterion => ({
  id,
  name: id === 'fit' ? 'Fit to the Plan' : id,
  guidance: '',
  scale,
  descriptors: Array.from({ length: scale + 1 }, (_, i) => `Level ${i}`),
  weight,
  priorityIds: [],
});

/**
 * fit 0–4 weight 5 (max 20), need 0–5 weight 2 (max 10), reach 0–5 weight 2 (max 10): out of 40,
 * so one fit point is 12.5% and one need or reach point is 5%. Bands 70 / 50 / 0.
 */
export const testRubric: RubricContent = {
  criteria: [criterion('fit', 4, 5), criterion('need', 5, 2), criterion('reach', 5, 2)],
  gates: [{ id: 'governance', name: 'Governance adequate', guidance: '' }],
  bands: [
    { id: 'recommend', label: 'Recommend', fromPercent: 70 },
    { id: 'refer', label: 'Refer', fromPercent: 50 },
    { id: 'do-not-recommend', label: 'Do not recommend', fromPercent: 0 },
  ],
  spreadPoints: 2,
  spreadDeviation: 15,
  rankShiftPlaces: 2,
};

/** A member's levels on the test rubric (fit, need, reach) and their governance answer. */
export const member = (
  memberId: string,
  fit: number | null,
  need: number | null,
  reach: number | null,
  governance: 'pass' | 'fail' | null = 'pass',
): MemberScores => ({ memberId, levels: { fit, need, reach }, gates: { governance } });
