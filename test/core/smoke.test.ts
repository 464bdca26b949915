import { afterEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';

let core: TestCore;
afterEach(() => core?.dispose());

test('demo loads and lists', async () => {
  core = makeCore();
  const demo = await core.call('demo.load', {});
  expect(demo.applications).toBe(40);
  const list = await core.call('applications.list', { limit: 5 });
  expect(list.total).toBe(40);
  const detail = await core.call('applications.get', { id: list.rows[0]!.id });
  expect(detail.priorities.length).toBeGreaterThan(0);
  const rounds = await core.call('rounds.list', {});
  expect(rounds).toHaveLength(2);
});
