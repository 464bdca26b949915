// Police and Crime Plans are catalogue data a grants officer edits: a new plan for a new term, its
// priorities reworded, added or taken out. A priority applications chose keeps its id and meaning.
import { afterEach, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { projectionSnapshot, trustLaptop } from '../support/laptops';
import { steppingClock } from '../support/clock';
import { draftOf } from '../../shared/domain/application';
import { validDraft } from '../support/drafts';
import type { Plan, PriorityInput } from '../../shared/domain/catalogue';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = (clock = steppingClock()) => {
  const c = makeCore(tempDir(), clock);
  cores.push(c);
  return c;
};

const NEW_PLAN = {
  id: 'pcp-2029-2033',
  adding: true,
  name: 'Police and Crime Plan 2029–2033',
  startYear: 2029,
  endYear: 2033,
  priorities: [
    { code: 'SAFER', title: 'Safer streets and town centres' },
    { code: 'VICTIMS', title: 'Putting victims first' },
  ],
};

const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const planOf = async (c: TestCore, id: string) => (await c.call('catalogue.plans', {})).find((p) => p.id === id)!;
/** A plan as the form sends it back: each priority with its id, nothing else changed. */
const asInput = (p: Plan, priorities: PriorityInput[] = p.priorities.map(({ id, code, title }) => ({ id, code, title }))) => ({
  id: p.id,
  name: p.name,
  startYear: p.startYear,
  endYear: p.endYear,
  priorities,
});
const round = (c: TestCore, planId: string, name = 'Winter 2029') =>
  c.call('rounds.create', { fundId: 'acf', planId, name, opens: '2029-11-01', closes: '2029-12-31' });

test('a new plan for a new term: its priorities get lasting ids, a round can use it and applications choose them', async () => {
  const c = laptop();
  const saved = await c.call('catalogue.savePlan', NEW_PLAN);
  expect(saved).toEqual({
    id: 'pcp-2029-2033',
    name: 'Police and Crime Plan 2029–2033',
    startYear: 2029,
    endYear: 2033,
    sections: [],
    priorities: [
      { id: 'pcp-2029-2033:SAFER', planId: 'pcp-2029-2033', code: 'SAFER', title: 'Safer streets and town centres' },
      { id: 'pcp-2029-2033:VICTIMS', planId: 'pcp-2029-2033', code: 'VICTIMS', title: 'Putting victims first' },
    ],
  });
  expect((await c.call('catalogue.plans', {})).map((p) => p.name)).toEqual([
    'Police and Crime Plan 2021–2025',
    'Police and Crime Plan 2025–2029',
    'Police and Crime Plan 2029–2033',
  ]);
  const r = await round(c, 'pcp-2029-2033');
  const a = await c.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2029-2033:VICTIMS'] }));
  expect((await c.call('applications.get', { id: a.id })).priorities).toEqual([
    { id: 'pcp-2029-2033:VICTIMS', code: 'VICTIMS', title: 'Putting victims first' },
  ]);
  // The old plan's priorities are not this round's.
  expect(await c.dispatch('applications.create', validDraft(r.id))).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'priorityIds' }] },
  });
  const row = c.ctx.db.prepare("SELECT type, payload FROM events WHERE entity = 'plan:pcp-2029-2033'").all();
  expect(row).toEqual([{ type: 'plan.added', payload: expect.stringContaining('"pcp-2029-2033:SAFER"') }]);
});

test('bad input is refused with the field named, and nothing is written', async () => {
  const c = laptop();
  await c.ready();
  const before = events(c);
  const refused = async (input: object, details: { field: string; message: string }[]) => {
    const result = await c.dispatch('catalogue.savePlan', { ...NEW_PLAN, ...input });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok ? [] : result.error.details).toEqual(details);
    expect(events(c)).toBe(before);
  };
  await refused({ name: '  ' }, [{ field: 'name', message: 'Enter the plan’s name, like Police and Crime Plan 2029–2033' }]);
  await refused({ endYear: 2029 }, [{ field: 'endYear', message: 'The plan’s last year must be after its first year' }]);
  // Every problem at once: a field's own, and the years' order.
  await refused({ name: '', endYear: 2028 }, [
    { field: 'name', message: 'Enter the plan’s name, like Police and Crime Plan 2029–2033' },
    { field: 'endYear', message: 'The plan’s last year must be after its first year' },
  ]);
  await refused({ startYear: 29 }, [{ field: 'startYear', message: 'The plan’s first year must be 2000 or later' }]);
  await refused({ priorities: [] }, [{ field: 'priorities', message: 'Add at least one priority' }]);
  await refused(
    {
      priorities: [
        { code: 'SAFER', title: 'Safer streets' },
        { code: 'safer', title: 'Safer streets' },
      ],
    },
    [
      { field: 'priorities.1.code', message: 'Give each priority its own code: safer is used twice' },
      { field: 'priorities.1.title', message: 'Each priority must be different: “Safer streets” is listed twice' },
    ],
  );
  await refused({ priorities: [{ code: 'Road safety', title: '' }] }, [
    { field: 'priorities.0.code', message: 'Use letters, digits and hyphens in a priority’s code, like VIOLENCE' },
    { field: 'priorities.0.title', message: 'Enter the priority as the plan words it' },
  ]);
  await refused({ priorities: [{ code: 'LONG', title: 'x'.repeat(201) }] }, [
    { field: 'priorities.0.title', message: 'A priority must be 200 characters or fewer' },
  ]);
  await refused({ priorities: Array.from({ length: 51 }, (_, i) => ({ code: `P${i}`, title: `Priority ${i}` })) }, [
    { field: 'priorities', message: 'A plan can have up to 50 priorities' },
  ]);
  await refused({ name: 'Plan\u202e9202' }, [{ field: 'name', message: expect.stringMatching(/^Plan name must not contain/) as never }]);
  // Input no form sends is refused as input, never a failure of the core.
  for (const input of [{ priorities: [null] }, { priorities: 'VIOLENCE' }, { startYear: '2029' }, { priorities: [{ id: 5, code: 1 }] }])
    expect(await c.dispatch('catalogue.savePlan', { ...NEW_PLAN, ...input }), JSON.stringify(input)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  expect(await c.dispatch('catalogue.savePlan', null)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  // Adding over a plan already there; changing one that is not.
  await refused({ id: 'pcp-2025-2029' }, [
    {
      field: 'startYear',
      message: 'There is already a plan for these years (Police and Crime Plan 2025–2029) — change that one, or choose other years',
    },
  ]);
  expect(await c.dispatch('catalogue.savePlan', { ...NEW_PLAN, adding: false })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  // A priority id the plan does not hold (another plan's, or one made up).
  const plan = await planOf(c, 'pcp-2025-2029');
  expect(
    await c.dispatch('catalogue.savePlan', asInput(plan, [{ id: 'pcp-2021-2025:VAWG', code: 'VAWG', title: 'Violence against women' }])),
  ).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ field: 'priorities.0.code' }] } });
  expect(events(c)).toBe(before);
});

test('changing a plan records only what changed, each with the value it replaces; rewording keeps applications’ priorities', async () => {
  const c = laptop();
  const r = await round(c, 'pcp-2025-2029');
  const a = await c.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2025-2029:VIOLENCE'] }));
  const plan = await planOf(c, 'pcp-2025-2029');
  expect(await c.call('catalogue.priorityUse', { planId: plan.id })).toMatchObject({
    'pcp-2025-2029:VIOLENCE': 1,
    'pcp-2025-2029:ROADS': 0,
  });
  await c.ready();
  const before = events(c);
  // Nothing changed: nothing written.
  await c.call('catalogue.savePlan', asInput(plan));
  expect(events(c)).toBe(before);

  const reworded = plan.priorities.map(({ id, code, title }) => ({ id, code, title: code === 'VIOLENCE' ? 'Preventing violence' : title }));
  // Rewording a priority an application chose says what it changes, and waits for a yes.
  expect(await c.dispatch('catalogue.savePlan', { ...asInput(plan, reworded), endYear: 2030 })).toMatchObject({
    ok: false,
    error: {
      code: 'NEEDS_CONFIRMATION',
      details: [
        {
          field: 'priorities.1.title',
          message: '1 application chose VIOLENCE — Preventing and Tackling Violence; it will show it as VIOLENCE — Preventing violence.',
        },
      ],
    },
  });
  expect(events(c)).toBe(before);
  await c.call('catalogue.savePlan', { ...asInput(plan, reworded), endYear: 2030, confirmed: true });
  const [change] = c.ctx.db
    .prepare<[], { payload: string }>("SELECT payload FROM events WHERE type = 'plan.changed'")
    .all()
    .map((e) => JSON.parse(e.payload) as { changes: Record<string, { from: unknown; to: unknown }> });
  expect(Object.keys(change!.changes).sort()).toEqual(['endYear', 'priorities']);
  expect(change!.changes.endYear).toEqual({ from: 2029, to: 2030 });
  expect((await c.call('applications.get', { id: a.id })).priorities).toEqual([
    { id: 'pcp-2025-2029:VIOLENCE', code: 'VIOLENCE', title: 'Preventing violence' },
  ]);
});

test('a priority applications chose cannot be taken out, with how many; an unused one can, and its id is never reused', async () => {
  const c = laptop();
  const r = await round(c, 'pcp-2025-2029');
  await c.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2025-2029:VIOLENCE'] }));
  await c.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2025-2029:VIOLENCE', 'pcp-2025-2029:ROADS'] }));
  const plan = await planOf(c, 'pcp-2025-2029');
  const keep = (...codes: string[]) =>
    plan.priorities.filter((p) => !codes.includes(p.code)).map(({ id, code, title }) => ({ id, code, title }));
  await c.ready();
  const before = events(c);
  expect(await c.dispatch('catalogue.savePlan', asInput(plan, keep('VIOLENCE', 'ROADS')))).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [
        {
          field: 'priorities',
          message:
            'VIOLENCE — Preventing and Tackling Violence is chosen by 2 applications, so it cannot be taken out of the plan. Keep it; you may reword it',
        },
        {
          field: 'priorities',
          message:
            'ROADS — Road and Travel Safety is chosen by 1 application, so it cannot be taken out of the plan. Keep it; you may reword it',
        },
      ],
    },
  });
  expect(events(c)).toBe(before);

  // EQUAL is unused: it goes. A new EQUAL later is a new priority, not the old one back.
  await c.call('catalogue.savePlan', asInput(plan, keep('EQUAL')));
  expect((await planOf(c, plan.id)).priorities.map((p) => p.code)).not.toContain('EQUAL');
  const now = await planOf(c, plan.id);
  const again = await c.call('catalogue.savePlan', asInput(now, [...keep('EQUAL'), { code: 'EQUAL', title: 'Fairness for all' }]));
  expect(again.priorities.at(-1)).toEqual({ id: 'pcp-2025-2029:EQUAL-2', planId: plan.id, code: 'EQUAL', title: 'Fairness for all' });
});

/** Two laptops, each trusting the other, holding the same register. */
async function pair() {
  const clock = steppingClock();
  const office = laptop(clock);
  const panel = laptop(clock);
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office');
  await send(office, panel);
  await send(panel, office);
  return { office, panel };
}
let n = 0;
async function send(from: TestCore, to: TestCore): Promise<void> {
  const file = join(tempDir(), `p${++n}.gpbundle`);
  await from.call('bundles.export', { file });
  await to.call('bundles.import', { file });
}

test('two laptops changing one plan: different fields merge; the priorities changed differently are one conflict, resolved alike', async () => {
  const { office, panel } = await pair();
  await office.call('catalogue.savePlan', NEW_PLAN);
  await send(office, panel);
  const plan = await planOf(panel, 'pcp-2029-2033');
  const ids = plan.priorities.map(({ id, code, title }) => ({ id, code, title }));
  await office.call('catalogue.savePlan', { ...asInput(plan), name: 'Police and Crime Plan 2029 to 2033' });
  await panel.call('catalogue.savePlan', { ...asInput(plan), endYear: 2034 });
  await send(office, panel);
  await send(panel, office);
  expect((await office.call('conflicts.list', {})).open).toBe(0);
  expect(await planOf(panel, plan.id)).toMatchObject({ name: 'Police and Crime Plan 2029 to 2033', endYear: 2034 });

  // The office rewords a priority; the panel adds one: two versions of the list.
  await office.call('catalogue.savePlan', asInput(await planOf(office, plan.id), [{ ...ids[0]!, title: 'Safer streets' }, ids[1]!]));
  await panel.call('catalogue.savePlan', asInput(await planOf(panel, plan.id), [...ids, { code: 'YOUNG', title: 'Young people' }]));
  await send(panel, office);
  await send(office, panel);
  const [a, b] = [await office.call('conflicts.list', {}), await panel.call('conflicts.list', {})];
  expect(a.open).toBe(1);
  expect(a.conflicts[0]).toMatchObject({
    kind: 'plan',
    label: 'Police and Crime Plan 2029 to 2033',
    fields: [
      {
        field: 'priorities',
        label: 'Priorities',
        kept: 'SAFER — Safer streets\nVICTIMS — Putting victims first',
        incoming: 'SAFER — Safer streets and town centres\nVICTIMS — Putting victims first\nYOUNG — Young people',
      },
    ],
  });
  expect(b.conflicts.map((x) => [x.id, x.fields])).toEqual(a.conflicts.map((x) => [x.id, x.fields]));
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));

  await office.call('conflicts.resolve', { id: a.conflicts[0]!.id, choices: { priorities: 'incoming' } });
  await send(office, panel);
  expect((await planOf(panel, plan.id)).priorities.map((p) => p.code)).toEqual(['SAFER', 'VICTIMS', 'YOUNG']);
  expect((await panel.call('conflicts.list', {})).open).toBe(0);
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
});

test('a priority taken out on one laptop while another chose it for an application stays for that application, on both', async () => {
  const { office, panel } = await pair();
  const r = await round(panel, 'pcp-2025-2029');
  await send(panel, office);
  // Unused on the office's laptop, so it may go there; the panel, not knowing, chooses it.
  const plan = await planOf(office, 'pcp-2025-2029');
  await office.call(
    'catalogue.savePlan',
    asInput(
      plan,
      plan.priorities.filter((p) => p.code !== 'ROADS').map(({ id, code, title }) => ({ id, code, title })),
    ),
  );
  const a = await panel.call('applications.create', validDraft(r.id, { priorityIds: ['pcp-2025-2029:ROADS'] }));
  for (const [from, to] of [
    [office, panel],
    [panel, office],
  ] as const)
    await send(from, to);
  for (const c of [office, panel]) {
    expect((await planOf(c, plan.id)).priorities.map((p) => p.code)).not.toContain('ROADS');
    expect((await c.call('applications.get', { id: a.id })).priorities).toEqual([
      { id: 'pcp-2025-2029:ROADS', code: 'ROADS', title: 'Road and Travel Safety' },
    ]);
    expect((await c.call('applications.list', { priorityId: 'pcp-2025-2029:ROADS' })).rows.map((x) => x.id)).toEqual([a.id]);
  }
  expect(projectionSnapshot(panel.ctx.db)).toEqual(projectionSnapshot(office.ctx.db));
  // A rebuild from the log gives the same tables.
  const held = projectionSnapshot(office.ctx.db);
  office.ctx.projection.rebuild();
  expect(projectionSnapshot(office.ctx.db)).toEqual(held);

  // The application is still corrected as any other: the priority it holds stays valid for it, and
  // adding one from the plan beside it is judged as usual; one not in the plan is refused.
  const detail = await office.call('applications.get', { id: a.id });
  const edit = { ...draftOf(detail), projectTitle: 'Safer routes to school' };
  await office.call('applications.update', { id: a.id, application: edit });
  const both = ['pcp-2025-2029:ROADS', 'pcp-2025-2029:VIOLENCE'];
  await office.call('applications.update', { id: a.id, application: { ...edit, priorityIds: both } });
  expect((await office.call('applications.get', { id: a.id })).priorityIds).toEqual(both);
  expect(
    await office.dispatch('applications.update', { id: a.id, application: { ...edit, priorityIds: [...both, 'pcp-2021-2025:ROADS'] } }),
  ).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ field: 'priorityIds' }] } });
});
