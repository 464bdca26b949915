// The renderer's exact invalidation: an answer's `changed` tables mark stale exactly the queries
// whose `meta.reads` name one of them, and refetch those on screen.
import { QueryObserver } from '@tanstack/react-query';
import { expect, test } from 'vitest';
import type { TableName } from '../../shared/domain/kinds';
import { invalidateChanged, makeQueryClient } from '../../renderer/app/query-client';

const READS: Record<string, readonly TableName[]> = {
  funds: ['funds'],
  rounds: ['rounds', 'round_budgets', 'applications'],
  register: ['applications', 'application_priorities'],
  conflicts: ['conflicts'],
  devices: ['trusted_devices'],
  nothing: [],
};

async function clientWithQueries() {
  const client = makeQueryClient();
  const fetches = new Map<string, number>();
  const options = (name: string) => ({
    queryKey: [name],
    queryFn: () => {
      fetches.set(name, (fetches.get(name) ?? 0) + 1);
      return name;
    },
    meta: { reads: READS[name] ?? [] },
  });
  for (const name of Object.keys(READS)) await client.prefetchQuery(options(name));
  const invalidated = () =>
    Object.keys(READS)
      .filter((name) => client.getQueryState([name])?.isInvalidated)
      .sort();
  return { client, fetches, invalidated, options };
}

test('exactly the queries that read a changed table are invalidated', async () => {
  const { client, invalidated } = await clientWithQueries();
  await invalidateChanged(client, ['applications', 'signed_heads']);
  expect(invalidated()).toEqual(['register', 'rounds']);
});

test('a query the caller sets from the answer itself is left alone; the others reading the table are invalidated', async () => {
  const { client, invalidated } = await clientWithQueries();
  await invalidateChanged(client, ['applications'], ['register']);
  expect(invalidated()).toEqual(['rounds']);
});

test('each changed table reaches every query reading it, and no other', async () => {
  for (const [changed, expected] of [
    [['funds'], ['funds']],
    [['round_budgets'], ['rounds']],
    [
      ['conflicts', 'trusted_devices'],
      ['conflicts', 'devices'],
    ],
    [['equivocations'], []],
  ] as const) {
    const { client, invalidated } = await clientWithQueries();
    await invalidateChanged(client, changed);
    expect(invalidated(), changed.join()).toEqual(expected);
  }
});

test('an answer that changed nothing (or a failure that names nothing) invalidates nothing', async () => {
  const { client, invalidated } = await clientWithQueries();
  await invalidateChanged(client, []);
  await invalidateChanged(client, undefined);
  expect(invalidated()).toEqual([]);
});

test('a query on screen is refetched before the invalidation settles; one off screen waits until it is shown', async () => {
  const { client, fetches, options } = await clientWithQueries();
  const onScreen = new QueryObserver(client, options('register'));
  const unsubscribe = onScreen.subscribe(() => {});
  try {
    await invalidateChanged(client, ['applications']);
    expect(fetches.get('register')).toBe(2);
    expect(fetches.get('rounds')).toBe(1);
    expect(client.getQueryState(['rounds'])?.isInvalidated).toBe(true);
  } finally {
    unsubscribe();
  }
});
