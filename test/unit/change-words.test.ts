import { expect, test } from 'vitest';
import { readableChange } from '../../renderer/features/sync/change-words';

test('a newer version’s kind of change reads as words, not as its event type', () => {
  expect(readableChange('grant.offerMade')).toBe('Grant: offer made');
  expect(readableChange('monitoringReturn.received')).toBe('Monitoring return: received');
  expect(readableChange('panel.score_moderated')).toBe('Panel: score moderated');
  expect(readableChange('publication')).toBe('Publication');
  expect(readableChange('')).toBe('Another kind of change');
});
