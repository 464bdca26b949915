import { expect, test } from 'vitest';
import { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { handlers } from '../../electron/core/app';

test('every contract method has an input schema and a handler, and every handler a method', () => {
  for (const name of METHOD_NAMES) {
    expect(contract[name].input, name).toBeInstanceOf(z.ZodType);
    expect(typeof handlers[name], name).toBe('function');
  }
  expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES]);
  expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES]);
});
