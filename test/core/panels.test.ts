// Panels in the core: the rubric and its lock, panels and who may sit on them, declaring before
// reading, blind scoring, submitting, and paper sheets typed in by an officer. Every refusal writes nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeCore, TEST_OFFICER, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';
import { panelRound } from '../support/panels';
import { write } from '../../electron/core/context';
import type { Role } from '../../shared/domain/people';
import type { RubricContent } from '../../shared/domain/rubric';

const PASS = 'a long enough first passphrase';
const OWN = 'a panel member’s own passphrase';

let core: TestCore;
let roundId: string;
let applicationId: string;
const people: Record<string, string> = {};

const events = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

async function add(name: string, roles: Role[]): Promise<string> {
  const person = await core.call('people.add', { name, roles, areas: [], passphrase: PASS });
  people[name] = person.id;
  return person.id;
}

const chosen = new Set<string>();

/** Signs in as this person; the first time, they choose their own passphrase. */
async function as(name: string): Promise<void> {
  await core.call('session.signOut', {});
  if (name === 'officer') {
    await core.call('session.signIn', { personId: `officer-${core.ctx.device.id}`, passphrase: TEST_OFFICER.passphrase });
    return;
  }
  const personId = people[name]!;
  await core.call('session.signIn', { personId, passphrase: chosen.has(personId) ? OWN : PASS });
  if (!chosen.has(personId)) await core.call('session.changePassphrase', { current: PASS, next: OWN });
  chosen.add(personId);
}

/** A call expected to be refused: its code, and nothing written. */
async function refused(
  method: Parameters<TestCore['dispatch']>[0],
  input: unknown,
): Promise<{ code: string; message: string; fields: string[] }> {
  const before = events();
  const answer = await core.dispatch(method, input);
  expect(answer.ok, `${method} should be refused`).toBe(false);
  expect(events()).toBe(before);
  if (answer.ok) throw new Error('unreachable');
  return { code: answer.error.code, message: answer.error.message, fields: (answer.error.details ?? []).map((d) => d.field) };
}

async function rubric(): Promise<RubricContent> {
  return (await core.call('rubrics.get', { roundId })).suggested;
}

/** Scores every criterion and gate of the default rubric: 3s with no comment needed, gates passed. */
async function scoreAll(level = 3): Promise<void> {
  const r = (await core.call('rubrics.get', { roundId })).rubric!;
  for (const c of r.criteria)
    await core.call('scoring.enter', { applicationId, criterionId: c.id, level, comment: level === 3 ? '' : 'Why' });
  for (const g of r.gates) await core.call('scoring.enter', { applicationId, criterionId: g.id, level: 1, comment: '' });
}

beforeEach(async () => {
  chosen.clear();
  core = makeCore();
  await core.ready();
  const opened = await panelRound(core);
  roundId = opened.roundId;
  const app = await core.call('applications.create', validDraft(roundId, { areaId: 'coventry', priorityIds: [opened.priorityId] }));
  applicationId = app.id;
  await add('Asha', ['panel-member']);
  await add('Ben', ['panel-member']);
  await add('Chris', ['panel-chair', 'panel-member']);
  await add('Dee', ['panel-member']);
  await core.call('panels.save', {
    roundId,
    name: 'Coventry NPU panel',
    chairId: people.Chris!,
    quorum: 2,
    areaIds: ['coventry'],
    memberIds: [people.Asha!, people.Ben!, people.Chris!],
  });
});
afterEach(() => core.dispose());

describe('the rubric', () => {
  test('starts from the default, version 1; the priorities a criterion assesses must be the round’s plan’s', async () => {
    const view = await core.call('rubrics.get', { roundId });
    expect(view.rubric?.version).toBe(1);
    expect(view.rubric?.criteria[0]?.name).toBe('Fit to the Police and Crime Plan priorities');
    expect(view.rubric?.criteria[0]?.weight).toBe(3);
    expect(view.rubric?.gates.map((g) => g.id)).toEqual(['governance']);
    expect(view.locked).toBe(false);
    const content = await rubric();
    content.criteria[0]!.priorityIds = ['pcp-1999:NOPE'];
    expect(await refused('rubrics.save', { roundId, content })).toMatchObject({
      code: 'VALIDATION',
      fields: ['content.criteria.0.priorityIds'],
    });
  });

  test('once scored, weights lock: a change needs the next version, and the old scores no longer count', async () => {
    await as('Asha');
    await core.call('scoring.declare', { applicationId, interest: false });
    await core.call('scoring.enter', { applicationId, criterionId: 'need', level: 2, comment: '' });
    await as('officer');
    expect((await core.call('rubrics.get', { roundId })).locked).toBe(true);
    const content = (await core.call('rubrics.get', { roundId })).rubric!;
    const heavier = { ...content, criteria: content.criteria.map((c) => (c.id === 'need' ? { ...c, weight: 5 } : c)) };
    const { id, version, ...changed } = heavier;
    void [id, version];
    expect(await refused('rubrics.save', { roundId, content: changed })).toMatchObject({
      code: 'NEEDS_CONFIRMATION',
      fields: ['newVersion'],
    });
    // Wording may change within a version.
    const reworded = { ...changed, criteria: content.criteria.map((c) => (c.id === 'need' ? { ...c, guidance: 'Clearer words' } : c)) };
    expect((await core.call('rubrics.save', { roundId, content: reworded })).version).toBe(1);
    expect((await core.call('rubrics.save', { roundId, content: changed, newVersion: true })).version).toBe(2);
    await as('Asha');
    const sheet = await core.call('scoring.sheet', { applicationId });
    expect(sheet.mine).toEqual([{ criterionId: 'need', level: 2, comment: '', stale: true }]);
  });

  test('only someone who manages panels saves a rubric', async () => {
    await as('Chris');
    expect((await refused('rubrics.save', { roundId, content: await rubric() })).code).toBe('FORBIDDEN');
  });
});

describe('panels', () => {
  test('members must have a panel role, the chair must chair, the quorum fit, and an area has one panel a round', async () => {
    const officerId = core.ctx.person.id;
    const base = { roundId, name: 'Second panel', chairId: null, quorum: 1, areaIds: ['dudley'], memberIds: [people.Dee!] };
    const cases: [object, string][] = [
      [{ memberIds: [officerId] }, 'memberIds.0'],
      [{ chairId: people.Dee! }, 'chairId'],
      [{ quorum: 3 }, 'quorum'],
      [{ areaIds: ['coventry'] }, 'areaIds.0'],
      [{ name: 'coventry npu panel' }, 'name'],
      [{ areaIds: ['atlantis'] }, 'areaIds.0'],
    ];
    for (const [change, field] of cases) expect((await refused('panels.save', { ...base, ...change })).fields, field).toContain(field);
    const saved = await core.call('panels.save', base);
    expect(saved.memberIds).toEqual([people.Dee!]);
  });

  test('an application goes to its area’s panel, or by hand to another; a member sees the panel’s list', async () => {
    const [panel] = await core.call('panels.list', { roundId });
    expect(panel?.applicationCount).toBe(1);
    const other = await core.call('panels.save', {
      roundId,
      name: 'Dudley panel',
      chairId: null,
      quorum: 1,
      areaIds: ['dudley'],
      memberIds: [people.Dee!],
    });
    await core.call('panels.assign', { applicationId, panelId: other.id });
    expect((await core.call('panels.get', { id: other.id })).applications.map((a) => [a.id, a.byHand])).toEqual([[applicationId, true]]);
    expect((await core.call('panels.get', { id: panel!.id })).applications).toEqual([]);
    await core.call('panels.assign', { applicationId, panelId: null, byArea: true });
    await as('Asha');
    const mine = await core.call('panels.get', { id: panel!.id });
    expect(mine.seat).toEqual({ member: true, chair: false });
    expect(mine.applications[0]).toMatchObject({ id: applicationId, declaration: 'undeclared', submitted: false });
    await as('Dee');
    expect((await refused('panels.get', { id: panel!.id })).code).toBe('FORBIDDEN');
  });
  test('which panel scores an application: by its area, by hand to another or to none, and back to its area’s', async () => {
    const [coventry] = await core.call('panels.list', { roundId });
    const dudley = await core.call('panels.save', {
      roundId,
      name: 'Dudley panel',
      chairId: null,
      quorum: 1,
      areaIds: ['dudley'],
      memberIds: [people.Dee!],
    });
    const byArea = {
      panel: { id: coventry!.id, name: 'Coventry NPU panel' },
      byHand: false,
      areaPanel: { id: coventry!.id, name: 'Coventry NPU panel' },
    };
    const seen = await core.call('panels.ofApplication', { applicationId });
    expect(seen).toMatchObject({ applicationId, roundId, ...byArea });
    expect(seen.roundPanels.map((p) => p.name)).toEqual(['Coventry NPU panel', 'Dudley panel']);
    await core.call('panels.assign', { applicationId, panelId: dudley.id });
    expect(await core.call('panels.ofApplication', { applicationId })).toMatchObject({ panel: { id: dudley.id }, byHand: true });
    await core.call('panels.assign', { applicationId, panelId: null });
    expect(await core.call('panels.ofApplication', { applicationId })).toMatchObject({ panel: null, byHand: true });
    await core.call('panels.assign', { applicationId, panelId: null, byArea: true });
    expect(await core.call('panels.ofApplication', { applicationId })).toMatchObject(byArea);
    expect((await refused('panels.ofApplication', { applicationId: 'no-such-application' })).code).toBe('NOT_FOUND');
  });
});

describe('declaring, then scoring blind', () => {
  test('a member reads an application in full only after declaring no interest', async () => {
    await as('Asha');
    expect((await refused('applications.get', { id: applicationId })).code).toBe('FORBIDDEN');
    const before = await core.call('scoring.sheet', { applicationId });
    expect(before.application).toBeNull();
    expect(before.cannotScore).toBe('Declare whether you have an interest first');
    expect((await refused('scoring.enter', { applicationId, criterionId: 'need', level: 2 })).code).toBe('FORBIDDEN');
    expect(await core.call('scoring.declare', { applicationId, interest: false })).toEqual({ state: 'none', natures: [], disputed: false });
    expect((await core.call('applications.get', { id: applicationId })).projectTitle).toBeTruthy();
    const after = await core.call('scoring.sheet', { applicationId });
    expect(after.application?.contactHidden).toBe(true);
    expect(after.application?.contactEmail).toBe('');
    expect(after.cannotScore).toBeNull();
    // Someone on no panel for it reads nothing of it.
    await as('Dee');
    expect((await refused('applications.get', { id: applicationId })).code).toBe('FORBIDDEN');
    expect((await refused('scoring.sheet', { applicationId })).code).toBe('FORBIDDEN');
  });

  test('a member with an interest cannot score it, see its scores, or read it; the nature is required', async () => {
    await as('Ben');
    expect((await refused('scoring.declare', { applicationId, interest: true, nature: '' })).fields).toEqual(['nature']);
    await core.call('scoring.declare', { applicationId, interest: true, nature: 'I am a trustee of the group' });
    expect((await refused('scoring.enter', { applicationId, criterionId: 'need', level: 2 })).message).toMatch(/declared an interest/);
    expect((await refused('applications.get', { id: applicationId })).code).toBe('FORBIDDEN');
    const sheet = await core.call('scoring.sheet', { applicationId });
    expect(sheet).toMatchObject({ application: null, others: null, mine: [] });
    expect(sheet.declaration).toEqual({ state: 'interest', natures: ['I am a trustee of the group'], disputed: false });
  });

  test('others’ scores stay hidden until a member submits their own; submitting needs every score and the comments at the extremes', async () => {
    await as('Asha');
    await core.call('scoring.declare', { applicationId, interest: false });
    await scoreAll(3);
    await core.call('scoring.enter', { applicationId, criterionId: 'need', level: 5, comment: '' });
    expect(await refused('scoring.submit', { applicationId })).toMatchObject({ code: 'VALIDATION', fields: ['need'] });
    await core.call('scoring.enter', { applicationId, criterionId: 'need', level: 5, comment: 'Strong local evidence from two sources' });
    await core.call('scoring.submit', { applicationId });
    expect((await refused('scoring.enter', { applicationId, criterionId: 'need', level: 1 })).message).toMatch(/submitted/);

    await as('Chris');
    await core.call('scoring.declare', { applicationId, interest: false });
    await core.call('scoring.enter', { applicationId, criterionId: 'need', level: 1, comment: 'Thin' });
    const blind = await core.call('scoring.sheet', { applicationId });
    expect(blind.others).toBeNull();
    expect(blind.mine.map((s) => [s.criterionId, s.level])).toEqual([['need', 1]]);
    expect(blind.progress).toEqual({ submitted: 0, total: 1 });
    expect((await refused('scoring.submit', { applicationId })).fields.length).toBeGreaterThan(0);
    await scoreAll(2);
    await core.call('scoring.submit', { applicationId });
    const open = await core.call('scoring.sheet', { applicationId });
    expect(open.progress).toEqual({ submitted: 1, total: 1 });
    expect(open.others?.map((o) => [o.name, o.submitted])).toEqual([
      ['Asha', true],
      ['Ben', false],
    ]);
    expect(open.others?.[0]?.scores.find((s) => s.criterionId === 'need')).toMatchObject({
      level: 5,
      comment: 'Strong local evidence from two sources',
    });

    // The officer sees every score, and scores nothing.
    await as('officer');
    const officer = await core.call('scoring.sheet', { applicationId });
    expect(officer.others?.map((o) => o.name)).toEqual(['Asha', 'Ben', 'Chris']);
    expect(officer.cannotScore).toBe('Only the panel’s members score applications');
  });

  test('a score outside the scale, or for a criterion not in the rubric, is refused naming the field', async () => {
    await as('Asha');
    await core.call('scoring.declare', { applicationId, interest: false });
    expect((await refused('scoring.enter', { applicationId, criterionId: 'need', level: 6 })).fields).toEqual(['level']);
    expect((await refused('scoring.enter', { applicationId, criterionId: 'governance', level: 2 })).fields).toEqual(['level']);
    expect((await refused('scoring.enter', { applicationId, criterionId: 'charisma', level: 2 })).fields).toEqual(['criterionId']);
  });
});

describe('paper sheets', () => {
  test('an officer types in a member’s sheet: it records who typed it and whose it was, all or nothing', async () => {
    const r = (await core.call('rubrics.get', { roundId })).rubric!;
    const scores = [
      ...r.criteria.map((c) => ({ criterionId: c.id, level: 3, comment: '' })),
      { criterionId: 'governance', level: 1, comment: '' },
    ];
    const incomplete = { applicationId, memberId: people.Ben!, interest: false, scores: scores.slice(1) };
    expect((await refused('scoring.fromPaper', incomplete)).fields).toEqual(['scores.plan-fit']);
    expect((await refused('scoring.fromPaper', { ...incomplete, memberId: people.Dee!, scores })).fields).toEqual(['memberId']);
    expect((await core.call('scoring.fromPaper', { applicationId, memberId: people.Ben!, interest: false, scores })).entered).toBe(8);
    const typed = core.ctx.db.prepare('SELECT DISTINCT member_id, typed_by FROM scores').all();
    expect(typed).toEqual([{ member_id: people.Ben!, typed_by: core.ctx.person.id }]);
    await as('Chris');
    await core.call('scoring.declare', { applicationId, interest: false });
    await scoreAll(3);
    await core.call('scoring.submit', { applicationId });
    const sheet = await core.call('scoring.sheet', { applicationId });
    expect(sheet.others?.find((o) => o.name === 'Ben')).toMatchObject({ submitted: true, typedBy: 'Grants officer' });
    // A panel member cannot type in someone else's sheet.
    expect((await refused('scoring.fromPaper', { applicationId, memberId: people.Asha!, interest: false, scores })).code).toBe('FORBIDDEN');
  });
});

describe('a lying laptop', () => {
  /** Appends an event as the signed-in person would, bypassing the handlers (a tampered build). */
  const forge = (type: string, entity: string, payload: object) =>
    write(core.ctx, () => core.ctx.log.append(core.ctx.person.id, type, entity, payload));
  const score = (memberId: string, fromPaper: boolean) => ({
    applicationId,
    memberId,
    roundId,
    criterionId: 'need',
    level: 0,
    comment: 'Forged',
    rubricVersion: 1,
    rubricShape: '0123456789abcdef',
    fromPaper,
  });
  const ignored = () => (core.ctx.db.prepare('SELECT coalesce(sum(count), 0) AS n FROM ignored_changes').get() as { n: number }).n;

  test('cannot score, submit or declare in another member’s name, nor pass a member’s own off as typed from paper', async () => {
    await as('Asha');
    const before = ignored();
    forge('score.entered', `score:${applicationId}:${people.Ben!}`, score(people.Ben!, false));
    forge('score.entered', `score:${applicationId}:${people.Ben!}`, score(people.Ben!, true));
    forge('score.submitted', `score:${applicationId}:${people.Ben!}`, {
      applicationId,
      memberId: people.Ben!,
      roundId,
      rubricVersion: 1,
      fromPaper: true,
    });
    forge('interest.declared', `declaration:${applicationId}:${people.Ben!}`, {
      applicationId,
      memberId: people.Ben!,
      interest: true,
      nature: 'Forged to keep Ben out',
      supersedes: [],
      fromPaper: false,
    });
    await as('officer');
    // An officer may type a sheet in, but may not score as if they were the member.
    forge('score.entered', `score:${applicationId}:${people.Ben!}`, score(people.Ben!, false));
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM scores').get()).toEqual({ n: 0 });
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM score_submissions').get()).toEqual({ n: 0 });
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM declarations').get()).toEqual({ n: 0 });
    expect(ignored() - before).toBe(5);
    // And the projection rebuilt from the log agrees.
    core.ctx.projection.rebuild();
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM scores').get()).toEqual({ n: 0 });
  });

  test('a panel member cannot change the rubric or the panel, even by a forged event', async () => {
    await as('Chris');
    const held = (await core.call('rubrics.get', { roundId })).rubric!;
    forge('rubric.changed', `rubric:${roundId}`, { id: roundId, changes: { spreadPoints: { from: held.spreadPoints, to: 5 } } });
    const [panel] = await core.call('panels.list', { roundId });
    forge('panel.changed', `panel:${panel!.id}`, { id: panel!.id, changes: { [`member:${people.Ben!}`]: { from: true, to: null } } });
    expect((await core.call('rubrics.get', { roundId })).rubric?.spreadPoints).toBe(held.spreadPoints);
    expect((await core.call('panels.list', { roundId }))[0]?.memberIds).toContain(people.Ben!);
  });
});

describe('moderation and ranking', () => {
  /** A member declares none, scores every criterion at `level` (need at `need`), passes the gate and submits. */
  async function scoreAndSubmit(name: string, level: number, need: number) {
    await as(name);
    await core.call('scoring.declare', { applicationId, interest: false });
    await scoreAll(level);
    await core.call('scoring.enter', { applicationId, criterionId: 'need', level: need, comment: need === 0 || need === 5 ? 'Why' : '' });
    await core.call('scoring.submit', { applicationId });
  }

  test('the chair opens moderation, sees the spread, and records a moderated score with a recommendation; a later one supersedes', async () => {
    await scoreAndSubmit('Asha', 3, 5);
    await scoreAndSubmit('Ben', 3, 1);
    await as('Chris');
    await core.call('scoring.declare', { applicationId, interest: false });
    await scoreAll(2);
    const [panel] = await core.call('panels.list', { roundId });
    // Before opening, the chair sees who has submitted but no scores.
    const closed = await core.call('moderation.view', { panelId: panel!.id });
    expect(closed.open).toBe(false);
    expect(closed.applications[0]?.scores).toBeNull();
    expect((await refused('moderation.record', { applicationId, levels: {}, gates: {}, recommendation: 'defer' })).message).toMatch(
      /Open moderation/,
    );
    await core.call('moderation.open', { panelId: panel!.id });
    const view = await core.call('moderation.view', { panelId: panel!.id });
    const row = view.applications[0]!;
    expect(row.members.map((m) => [m.name, m.submitted])).toEqual([
      ['Asha', true],
      ['Ben', true],
      ['Chris', false],
    ]);
    expect(row.scores?.spread.flaggedCriteria).toEqual(['need']);
    expect(row.scores?.quorumMet).toBe(true);
    expect(row.ranking).toMatchObject({ status: 'ranked', rank: 1 });
    // Scoring has closed for the chair who had not submitted, who now sees the others.
    const sheet = await core.call('scoring.sheet', { applicationId });
    expect(sheet.cannotScore).toMatch(/opened moderation/);
    expect(sheet.others?.map((o) => o.name)).toEqual(['Asha', 'Ben']);

    const levels = Object.fromEntries(view.rubric!.criteria.map((c) => [c.id, 3]));
    // need's mean is (5 + 1 + 2) / 3 = 2.7: 3 needs no rationale, 5 does.
    const problems = await refused('moderation.record', {
      applicationId,
      levels: { ...levels, need: 5 },
      gates: { governance: 'pass' },
      recommendation: 'fund-lower',
    });
    expect(problems.fields.sort()).toEqual(['amountPence', 'reason']);
    const unexplained = await refused('moderation.record', {
      applicationId,
      levels: { ...levels, need: 5 },
      gates: { governance: 'pass' },
      recommendation: 'fund-in-full',
    });
    expect(unexplained.fields).toEqual(['rationales.need']);
    const first = await core.call('moderation.record', {
      applicationId,
      levels,
      gates: { governance: 'pass' },
      recommendation: 'fund-lower',
      amountPence: 100_000,
      reason: 'The trip is not eligible',
    });
    expect(first.recordedBy).toBe('Chris');
    await core.call('moderation.record', { applicationId, levels, gates: { governance: 'pass' }, recommendation: 'fund-in-full' });
    const after = (await core.call('moderation.view', { panelId: panel!.id })).applications[0]!;
    expect(after.moderation?.recommendation).toBe('fund-in-full');
    expect(after.superseded).toBe(1);
    expect(after.disagreeing).toEqual([]);
    // Every criterion moderated to 3 on a 0–5 scale: 60%.
    expect(after.ranking.score?.percentText).toBe('60.0%');
    expect(after.ranking.score?.band.label).toBe('Refer');

    // A member who is not the chair may not read or record the moderation.
    await as('Asha');
    expect((await refused('moderation.view', { panelId: panel!.id })).code).toBe('FORBIDDEN');
    expect(
      (await refused('moderation.record', { applicationId, levels, gates: { governance: 'pass' }, recommendation: 'defer' })).code,
    ).toBe('FORBIDDEN');
    // The officer reads it all.
    await as('officer');
    expect((await core.call('moderation.view', { panelId: panel!.id })).applications[0]?.moderation?.recommendation).toBe('fund-in-full');
  });

  test('a chair with an interest sees nothing of that application’s scores, its ranking score included, and cannot moderate it', async () => {
    await scoreAndSubmit('Asha', 4, 4);
    await scoreAndSubmit('Ben', 3, 3);
    await as('Chris');
    await core.call('scoring.declare', { applicationId, interest: true, nature: 'I chair the group’s committee' });
    const [panel] = await core.call('panels.list', { roundId });
    await core.call('moderation.open', { panelId: panel!.id });
    const row = (await core.call('moderation.view', { panelId: panel!.id })).applications[0]!;
    expect(row).toMatchObject({ scores: null, members: [], mayModerate: false });
    expect(row.ranking.score).toBeNull();
    expect(row.ranking.normalised?.score ?? null).toBeNull();
    const levels = Object.fromEntries((await rubric()).criteria.map((c) => [c.id, 3]));
    expect(
      (await refused('moderation.record', { applicationId, levels, gates: { governance: 'pass' }, recommendation: 'defer' })).code,
    ).toBe('FORBIDDEN');
  });

  test('an interest declared after scoring excludes those scores, and the chair is told', async () => {
    await scoreAndSubmit('Asha', 4, 4);
    await scoreAndSubmit('Ben', 1, 1);
    await as('Ben');
    await core.call('scoring.declare', { applicationId, interest: true, nature: 'Remembered: my cousin runs the group' });
    await as('officer');
    const [panel] = await core.call('panels.list', { roundId });
    const row = (await core.call('moderation.view', { panelId: panel!.id })).applications[0]!;
    expect(row.members.map((m) => m.name)).toEqual(['Asha']);
    expect(row.excluded).toEqual([
      expect.objectContaining({ name: 'Ben', reason: expect.stringMatching(/cousin runs the group.*not counted/) }),
    ]);
    expect(row.absent.map((a) => [a.name, a.reason])).toEqual([
      ['Ben', 'Declared an interest: Remembered: my cousin runs the group'],
      ['Chris', 'Has not declared'],
    ]);
    // One complete score of a quorum of 2: not ranked yet.
    expect(row.scores?.quorumMet).toBe(false);
    expect(row.ranking.status).toBe('not-ranked');
  });
});

test('an application screened ineligible is not scored, and leaves its panel’s list', async () => {
  const { officerChecks } = await core.call('screening.round', { roundId });
  expect(officerChecks.length).toBeGreaterThan(0);
  // The officer answers the fund's first check "no": ineligible.
  await core.call('screening.record', { applicationId, officerAnswers: officerChecks.map((_, i) => i !== 0) });
  const [panel] = await core.call('panels.list', { roundId });
  expect((await core.call('panels.get', { id: panel!.id })).applications).toEqual([]);
  await as('Asha');
  await core.call('scoring.declare', { applicationId, interest: false });
  expect((await core.call('scoring.sheet', { applicationId })).cannotScore).toBe(
    'This application was screened ineligible, so it is not scored',
  );
  expect((await refused('scoring.enter', { applicationId, criterionId: 'need', level: 2 })).code).toBe('FORBIDDEN');
});
