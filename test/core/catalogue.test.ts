import { afterEach, expect, test } from 'vitest';
import { makeCore, type TestCore } from '../support/core';

let core: TestCore;
afterEach(() => core?.dispose());

test('the catalogue is seeded once: five funds, seven areas with ONS codes, two plans', async () => {
  core = makeCore();
  const funds = await core.call('catalogue.funds', {});
  expect(funds.map((f) => f.code).sort()).toEqual(['ACF', 'CSF', 'ECF', 'VF', 'VRU']);
  expect(funds.find((f) => f.id === 'acf')?.maxAwardPence).toBe(500_000);
  const areas = await core.call('catalogue.areas', {});
  expect(areas.map((a) => `${a.name} ${a.onsCode}`)).toContain('Coventry E08000026');
  expect(areas).toHaveLength(7);
  const plans = await core.call('catalogue.plans', {});
  expect(plans.map((p) => `${p.name}: ${p.priorities.length}`)).toEqual([
    'Police and Crime Plan 2021–2025: 10',
    'Police and Crime Plan 2025–2029: 7',
  ]);
  const dir = core.dataDir;
  const events = core.ctx.db.prepare('SELECT count(*) AS n FROM events').get();
  core.close();
  core = makeCore(dir);
  expect(core.ctx.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(events);
});

test('adding never overwrites, changing never creates', async () => {
  core = makeCore();
  const coventry = { id: 'coventry', name: 'Coventry NPU', onsCode: 'E08000026', localAuthority: 'Coventry City Council' };
  expect(await core.dispatch('catalogue.saveArea', { ...coventry, adding: true })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'id' }] },
  });
  expect(await core.dispatch('catalogue.saveArea', { ...coventry, id: 'nowhere' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  await core.call('catalogue.saveArea', coventry);
  await core.call('catalogue.saveArea', {
    id: 'birmingham-east',
    name: 'Birmingham East',
    onsCode: null,
    localAuthority: 'Birmingham City Council',
    adding: true,
  });
  const names = (await core.call('catalogue.areas', {})).map((a) => a.name);
  expect(names).toContain('Coventry NPU');
  expect(names).toContain('Birmingham East');
  expect(await core.dispatch('catalogue.saveArea', { ...coventry, onsCode: 'X123' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'onsCode', message: 'Enter the ONS code, like E08000026' }] },
  });
});
