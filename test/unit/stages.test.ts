// An application's stage, derived by hand case by case (shared/domain/stages.ts, docs/statuses.md).
import { expect, test } from 'vitest';
import { NOTHING_YET, stageOf, STAGE_IDS, type StageFacts } from '../../shared/domain/stages';

const at = (facts: Partial<StageFacts>) => stageOf({ ...NOTHING_YET, ...facts });
const approved = { id: 'd1', decision: 'approve' as const };
const sent = { decisionId: 'd1', sentOn: '2026-11-28', acceptedOn: null };

test('each stage along the way, the furthest reached', () => {
  expect(at({})).toBe('received');
  expect(at({ screening: 'eligible' })).toBe('eligible');
  expect(at({ screening: 'ineligible' })).toBe('ineligible');
  expect(at({ screening: 'eligible', scoresSubmitted: true })).toBe('scored');
  expect(at({ screening: 'eligible', scoresSubmitted: true, recommendation: 'fund-in-full' })).toBe('recommended');
  expect(at({ scoresSubmitted: true, recommendation: 'fund-lower' })).toBe('recommended');
  expect(at({ scoresSubmitted: true, recommendation: 'decline' })).toBe('not-recommended');
  expect(at({ recommendation: 'fund-in-full', decision: approved })).toBe('approved');
  expect(at({ recommendation: 'fund-lower', decision: { id: 'd1', decision: 'amend' } })).toBe('amended');
  expect(at({ recommendation: 'decline', decision: { id: 'd1', decision: 'decline' } })).toBe('declined');
  expect(at({ decision: approved, offer: sent })).toBe('offered');
  expect(at({ decision: approved, offer: { ...sent, acceptedOn: '2026-12-01' } })).toBe('accepted');
});

test('withdrawn wins at every stage', () => {
  expect(at({ withdrawn: true })).toBe('withdrawn');
  expect(at({ withdrawn: true, decision: approved, offer: { ...sent, acceptedOn: '2026-12-01' } })).toBe('withdrawn');
});

test('a deferral leaves it scored; scores from any one member make it scored', () => {
  expect(at({ scoresSubmitted: true, recommendation: 'defer' })).toBe('scored');
  expect(at({ recommendation: 'defer' })).toBe('scored');
  expect(at({ scoresSubmitted: true })).toBe('scored');
});

test('ineligible holds over scores and a recommendation made before it, but not over a signed decision', () => {
  expect(at({ screening: 'ineligible', scoresSubmitted: true, recommendation: 'fund-in-full' })).toBe('ineligible');
  expect(at({ screening: 'ineligible', decision: { id: 'd1', decision: 'decline' } })).toBe('declined');
});

test('an offer under a superseded decision does not count: the stage goes back to the decision standing now', () => {
  expect(at({ decision: { id: 'd2', decision: 'amend' }, offer: { ...sent, acceptedOn: '2026-12-01' } })).toBe('amended');
  // An offer can never stand under a decline, whatever a lying laptop wrote.
  expect(at({ decision: { id: 'd1', decision: 'decline' }, offer: sent })).toBe('declined');
});

test('the stages are listed in the order of the commissioning cycle, withdrawn last', () => {
  expect(STAGE_IDS).toEqual([
    'received',
    'eligible',
    'ineligible',
    'scored',
    'recommended',
    'not-recommended',
    'approved',
    'amended',
    'declined',
    'offered',
    'accepted',
    'withdrawn',
  ]);
});
