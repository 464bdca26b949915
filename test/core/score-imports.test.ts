// Paper score sheets imported from CSV: a clean file imports every sheet (declaration, scores,
// submission, each recording who typed it); any problem, reported with its row and column, imports
// nothing. Hostile files are refused or kept as inert text.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { truncateSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { makeCore, TEST_OFFICER, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';
import { csvFile } from '../support/csv';
import type { Role } from '../../shared/domain/people';
import { SCORE_COLUMNS } from '../../shared/formats/scores-csv';

const PASS = 'a long enough first passphrase';
const OWN = 'a panel member’s own passphrase';
const HEADER = SCORE_COLUMNS.map((c) => c.header);
const CRITERIA = [
  'Fit to the Police and Crime Plan priorities',
  'Evidence of local need',
  'Measurable outcomes',
  'Value for money',
  'Sustainability',
  'Reach to seldom-heard communities',
  'Deliverability',
];

let core: TestCore;
let roundId: string;
let panelId: string;
const apps: Record<string, { id: string; reference: string }> = {};
const people: Record<string, string> = {};
const chosen = new Set<string>();

const events = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const scoreCount = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM scores').get() as { n: number }).n;

type Row = string[];
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (rows: Row[], header: Row = HEADER) => [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';

/** One member's complete sheet: every criterion at `level` (comments where 0 or 5 needs one), governance passed. */
function sheet(reference: string, member: string, level = 3, change: (rows: Row[]) => Row[] = (r) => r): Row[] {
  const rows = CRITERIA.map((c) => [reference, member, c, String(level), level === 0 || level === 5 ? 'Why it scores so' : '']);
  return change([...rows, [reference, member, 'Governance adequate', 'pass', '']]);
}

const input = (content: string | Buffer) => ({ roundId, file: csvFile(content, 'scores.csv') });

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

async function add(name: string, roles: Role[]): Promise<void> {
  people[name] = (await core.call('people.add', { name, roles, areas: [], passphrase: PASS })).id;
}

/** The file's problems as "row column: message", in row order. */
async function problems(content: string): Promise<string[]> {
  const report = await core.call('scores.preview', input(content));
  expect(report.importable).toBe(0);
  return report.problems.map((p) => `${p.row} ${p.field}: ${p.message}`);
}

beforeEach(async () => {
  chosen.clear();
  core = makeCore(undefined, () => new Date('2026-11-25T10:00:00Z'));
  await core.ready();
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'ACF winter 2026',
    opens: '2026-10-01',
    closes: '2026-12-18',
    status: 'open',
  });
  roundId = round.id;
  for (const key of ['first', 'second', 'withdrawn', 'dudley']) {
    const app = await core.call('applications.create', validDraft(roundId, key === 'dudley' ? { areaId: 'dudley' } : {}));
    apps[key] = { id: app.id, reference: app.reference };
  }
  await core.call('applications.withdraw', { id: apps.withdrawn!.id, reason: 'The group asked to withdraw' });
  await add('Asha Patel', ['panel-member']);
  await add('Ben Okafor', ['panel-member']);
  await add('Chris Lane', ['panel-chair', 'panel-member']);
  await add('Dee Ward', ['panel-member']);
  await add('Sam Jones', ['panel-member']);
  await add('sam jones', ['panel-member']);
  const rubric = (await core.call('rubrics.get', { roundId })).suggested;
  await core.call('rubrics.save', { roundId, content: rubric });
  panelId = (
    await core.call('panels.save', {
      roundId,
      name: 'Coventry NPU panel',
      chairId: people['Chris Lane']!,
      quorum: 2,
      areaIds: ['coventry'],
      memberIds: [people['Asha Patel']!, people['Ben Okafor']!, people['Chris Lane']!, people['Sam Jones']!, people['sam jones']!],
    })
  ).id;
});
afterEach(() => core.dispose());

test('the template: a BOM, the header row and one example row', async () => {
  const { csv, fileName } = await core.call('scores.template', {});
  expect(fileName).toBe('grantpanel-scores-template.csv');
  expect(csv.startsWith('\ufeffApplication reference,Member,Criterion,Score,Comment\r\n')).toBe(true);
  const rows = parse(csv, { bom: true }) as string[][];
  expect(rows).toHaveLength(2);
  expect(rows[1]).toEqual(['ACF-2026-0001', 'Sam Jones', 'Evidence of local need', '4', 'Two local surveys and police data show the need']);
  // A panel member may read the template (it holds nothing of the register), but not import.
  await as('Asha Patel');
  expect((await core.call('scores.template', {})).csv).toBe(csv);
  const before = events();
  for (const method of ['scores.preview', 'scores.commit'] as const)
    expect(await core.dispatch(method, input(toCsv(sheet(apps.first!.reference, 'Asha Patel'))))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  expect(events()).toBe(before);
});

describe('a good file', () => {
  test('checks clean and writes nothing; imported, each sheet is declared, scored and submitted, typed by the officer', async () => {
    const { first, second } = apps;
    const rows = [
      // By name in another case, criteria by id or name, a gate as 1; and by person id.
      ...sheet(first!.reference.toLowerCase(), 'asha patel', 5, (r) => [
        ...r.slice(0, 7),
        [first!.reference, 'Asha Patel', 'governance', '1', ''],
      ]),
      ...sheet(first!.reference, people['Ben Okafor']!, 2),
      ...sheet(second!.reference, 'Ben Okafor', 0),
    ];
    const before = events();
    const report = await core.call('scores.preview', input(toCsv(rows)));
    expect(report).toMatchObject({
      rowCount: 24,
      sheetCount: 3,
      problems: [],
      problemCount: 0,
      importable: 3,
      missingColumns: [],
      encoding: 'UTF-8',
      replacing: [],
    });
    expect(events()).toBe(before);

    expect(await core.call('scores.commit', input(toCsv(rows)))).toMatchObject({
      sheets: 3,
      scores: 24,
      panels: [{ id: panelId, name: 'Coventry NPU panel' }],
    });
    const typed = core.ctx.db.prepare('SELECT DISTINCT member_id, typed_by FROM scores ORDER BY member_id').all();
    expect(typed).toEqual(
      [people['Asha Patel']!, people['Ben Okafor']!].sort().map((m) => ({ member_id: m, typed_by: core.ctx.person.id })),
    );
    expect(scoreCount()).toBe(24);
    const view = await core.call('moderation.view', { panelId });
    const row = view.applications.find((a) => a.id === first!.id)!;
    expect(row.members.filter((m) => m.submitted).map((m) => [m.name, m.typedBy])).toEqual([
      ['Asha Patel', TEST_OFFICER.name],
      ['Ben Okafor', TEST_OFFICER.name],
    ]);
    expect(row.members.find((m) => m.name === 'Asha Patel')).toMatchObject({
      levels: { 'plan-fit': 5, need: 5 },
      gates: { governance: 'pass' },
      comments: { need: 'Why it scores so' },
    });
    expect(row.scores?.quorumMet).toBe(true);
    // The declarations are the sheets' own, typed from paper.
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM declarations WHERE typed_by IS NOT NULL').get()).toEqual({ n: 3 });

    // The same sheets typed in again replace the earlier typing (said in the report); the scores stay one set.
    const again = await core.call('scores.preview', input(toCsv(rows)));
    expect(again.replacing.map((r) => [r.row, r.member])).toEqual([
      [2, 'Asha Patel'],
      [10, 'Ben Okafor'],
      [18, 'Ben Okafor'],
    ]);
    await core.call('scores.commit', input(toCsv(rows)));
    expect(scoreCount()).toBe(24);
  });

  test('other headers are matched by known names, in any order; comments that look like formulas are kept as text', async () => {
    const rows = sheet(apps.first!.reference, 'Asha Patel', 5).map(([ref, member, criterion, score, comment]) => [
      criterion!,
      score!,
      member!,
      ref!,
      comment ? '=HYPERLINK("http://evil.example","click")' : '',
    ]);
    const report = await core.call('scores.preview', input(toCsv(rows, ['Question', 'Level', 'Panel member', 'Reference', 'Notes'])));
    expect(report).toMatchObject({ problemCount: 0, importable: 1 });
    await core.call('scores.commit', input(toCsv(rows, ['Question', 'Level', 'Panel member', 'Reference', 'Notes'])));
    expect(core.ctx.db.prepare("SELECT comment FROM scores WHERE criterion_id = 'need'").get()).toEqual({
      comment: '=HYPERLINK("http://evil.example","click")',
    });
  });
});

describe('a bad file imports nothing', () => {
  test('each kind of bad row is reported with its row and column, in words', async () => {
    const { first, second, withdrawn, dudley } = apps;
    const rows: Row[] = [
      ...sheet(first!.reference, 'Asha Patel', 3, (r) => {
        r[0] = [first!.reference, 'Asha Patel', CRITERIA[0]!, '6', '']; // row 2: above the scale
        r[1] = [first!.reference, 'Asha Patel', CRITERIA[1]!, 'four', '']; // row 3: not a number
        r[2] = [first!.reference, 'Asha Patel', CRITERIA[2]!, '', '']; // row 4: blank
        r[3] = [first!.reference, 'Asha Patel', CRITERIA[3]!, '5', '']; // row 5: no comment at the top
        r[4] = [first!.reference, 'Asha Patel', 'Charisma', '3', '']; // row 6: not in the rubric
        r[7] = [first!.reference, 'Asha Patel', 'Governance adequate', 'maybe', '']; // row 9: not pass or fail
        return [...r, [first!.reference, 'Asha Patel', CRITERIA[6]!, '3', '']]; // row 10: twice
      }),
      [withdrawn!.reference, 'Asha Patel', CRITERIA[0]!, '3', ''], // 11
      ['ACF-1999-9999', 'Asha Patel', CRITERIA[0]!, '3', ''], // 12
      [first!.reference, 'Dee Ward', CRITERIA[0]!, '3', ''], // 13: not on the panel
      [first!.reference, 'Sam Jones', CRITERIA[0]!, '3', ''], // 14: two people of that name
      [first!.reference, 'Nobody Here', CRITERIA[0]!, '3', ''], // 15
      [first!.reference, '', CRITERIA[0]!, '3', ''], // 16
      [dudley!.reference, 'Asha Patel', CRITERIA[0]!, '3', ''], // 17: no panel
      [second!.reference, 'Ben Okafor', CRITERIA[0]!, '3', 'A bell\u0007 in it'], // 18: a control character; the sheet incomplete
      [second!.reference, 'Chris Lane', CRITERIA[0]!, '3', '', 'extra'], // 19: a stray comma
    ];
    const found = await problems(toCsv(rows));
    const lacks = (row: number, member: string, ref: string, names: string[]) =>
      `${row} Criterion: ${member}’s sheet for ${ref} has no row for ${names.join('; ')} — a sheet scores every criterion and gate`;
    expect(found).toEqual([
      '2 Score: 6 is above the scale — score Fit to the Police and Crime Plan priorities from 0 to 5',
      // Charisma took Sustainability's row.
      lacks(2, 'Asha Patel', first!.reference, ['Sustainability']),
      '3 Score: "four" is not a score — enter a whole number from 0 to 5',
      '4 Score: Enter the score for Measurable outcomes, from 0 to 5 (a blank is not read as 0)',
      '5 Comment: Say why Value for money scores 5: a comment is needed at the lowest and the highest level',
      expect.stringMatching(/^6 Criterion: "Charisma" is not a criterion or gate of the round’s rubric — use one of: Fit to the Police/),
      '9 Score: "maybe" is not pass or fail — write pass or fail for Governance adequate',
      `10 Criterion: Asha Patel’s score for Deliverability on ${first!.reference} is also on row 8`,
      `11 Application reference: ${withdrawn!.reference} was withdrawn, so it is not scored`,
      '12 Application reference: No application in ACF winter 2026 has the reference "ACF-1999-9999"',
      `13 Member: Dee Ward is not a member of Coventry NPU panel, which scores ${first!.reference}`,
      '14 Member: 2 people are called "Sam Jones" — use the person id instead (grantpanel list people shows it)',
      '15 Member: Nobody is called "Nobody Here" — use the member’s name as on the People screen, or their person id',
      '16 Member: Enter whose sheet it is: the member’s name or person id',
      `17 Application reference: ${dudley!.reference} is not given to a panel yet — a grants officer assigns it to one first`,
      '18 Comment: The comment must not contain control characters (line breaks and tabs are fine)',
      lacks(18, 'Ben Okafor', second!.reference, [...CRITERIA.slice(1), 'Governance adequate']),
      '19 (whole row): Row has 6 cells but the header has 5 — check for a stray comma',
      lacks(19, 'Chris Lane', second!.reference, [...CRITERIA.slice(1), 'Governance adequate']),
    ]);
    const report = await core.call('scores.preview', input(toCsv(rows)));
    expect(report.rowsWithProblems).toBe(16);
    const before = events();
    expect(await core.dispatch('scores.commit', input(toCsv(rows)))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '16 rows have problems — nothing was imported. Fix them and import again.' },
    });
    expect(events()).toBe(before);
    expect(scoreCount()).toBe(0);
  });

  test('one bad sheet among good ones: nothing at all is imported', async () => {
    const rows = [
      ...sheet(apps.first!.reference, 'Asha Patel'),
      ...sheet(apps.first!.reference, 'Ben Okafor', 3, (r) => r.slice(1)),
      ...sheet(apps.second!.reference, 'Asha Patel'),
    ];
    expect(await problems(toCsv(rows))).toEqual([
      `10 Criterion: Ben Okafor’s sheet for ${apps.first!.reference} has no row for Fit to the Police and Crime Plan priorities — a sheet scores every criterion and gate`,
    ]);
    const before = events();
    expect((await core.dispatch('scores.commit', input(toCsv(rows)))).ok).toBe(false);
    expect(events()).toBe(before);
    expect(scoreCount()).toBe(0);
  });

  test('a member with an interest, one who submitted on their own laptop, and a panel in moderation are refused', async () => {
    const { first, second } = apps;
    await as('Asha Patel');
    await core.call('scoring.declare', { applicationId: first!.id, interest: true, nature: 'I chair the group' });
    await as('Ben Okafor');
    await core.call('scoring.declare', { applicationId: first!.id, interest: false });
    for (const c of ['plan-fit', 'need', 'outcomes', 'value', 'sustainability', 'reach', 'deliverability'])
      await core.call('scoring.enter', { applicationId: first!.id, criterionId: c, level: 3, comment: '' });
    await core.call('scoring.enter', { applicationId: first!.id, criterionId: 'governance', level: 1, comment: '' });
    await core.call('scoring.submit', { applicationId: first!.id });
    await as('officer');
    const rows = [
      ...sheet(first!.reference, 'Asha Patel'),
      ...sheet(first!.reference, 'Ben Okafor'),
      ...sheet(second!.reference, 'Chris Lane'),
    ];
    expect(await problems(toCsv(rows))).toEqual([
      `2 Member: Asha Patel declared an interest in ${first!.reference}, so takes no part in scoring it`,
      `10 Member: Ben Okafor submitted their own scores for ${first!.reference} — a paper sheet cannot replace them`,
    ]);
    await as('Chris Lane');
    await core.call('moderation.open', { panelId });
    await as('officer');
    expect(await problems(toCsv(sheet(second!.reference, 'Chris Lane')))).toEqual([
      `2 Application reference: The chair has opened moderation on Coventry NPU panel, so scoring ${second!.reference} has closed`,
    ]);
  });

  test('missing columns are named; no rubric, an unknown round: refused', async () => {
    const report = await core.call('scores.preview', input('Reference,Colour\r\nACF-1,Blue\r\n'));
    expect(report).toMatchObject({ missingColumns: ['Member', 'Criterion', 'Score'], importable: 0 });
    expect(await core.dispatch('scores.commit', input('Reference,Colour\r\nACF-1,Blue\r\n'))).toMatchObject({
      ok: false,
      error: { message: 'The file has no column for: Member, Criterion, Score — nothing was imported' },
    });
    const other = await core.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'No rubric yet',
      opens: '2026-10-01',
      closes: '2026-12-18',
    });
    expect(await core.dispatch('scores.preview', { ...input(toCsv([])), roundId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^No rubric yet has no rubric yet/) },
    });
    expect(await core.dispatch('scores.preview', { ...input(toCsv([])), roundId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('a hostile file', () => {
  test('formula cells cannot name anything: they are reported as unknown, and the template neutralises nothing it needs to', async () => {
    const rows: Row[] = [['=cmd|"/c calc"!A1', '@SUM(A1:A2)', '+Criterion', '-1', '\tcomment']];
    expect(await problems(toCsv(rows))).toEqual([
      '2 Application reference: No application in ACF winter 2026 has the reference "=cmd|"/c calc"!A1"',
      '2 Member: Nobody is called "@SUM(A1:A2)" — use the member’s name as on the People screen, or their person id',
      expect.stringMatching(/^2 Criterion: "\+Criterion" is not a criterion or gate/),
    ]);
  });

  test('control characters in names are refused, not matched; NUL bytes make it no CSV at all', async () => {
    const rows = sheet(apps.first!.reference, 'Asha\u202e Patel');
    expect((await problems(toCsv(rows)))[0]).toMatch(/^2 Member: Nobody is called "Asha\u202e Patel"/);
    expect(await core.dispatch('scores.preview', input(Buffer.from('Application reference\0,Member\r\n')))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('This is not a CSV file') },
    });
  });

  test('an empty file, a header alone, too many rows and too many bytes are refused before any row is checked', async () => {
    expect(await core.dispatch('scores.preview', input(''))).toMatchObject({
      ok: false,
      error: { message: 'The file is empty — choose a CSV file with a header row and at least one score' },
    });
    expect(await core.dispatch('scores.preview', input(toCsv([])))).toMatchObject({
      ok: false,
      error: { message: 'The file has a header row but no scores' },
    });
    const many = toCsv(Array.from({ length: 50_001 }, () => sheet(apps.first!.reference, 'Asha Patel')[0]!));
    expect(await core.dispatch('scores.preview', input(many))).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: 'The file has 50,001 rows — import at most 50,000 at a time' },
    });
    const file = csvFile('', 'huge.csv');
    truncateSync(file, 60 * 1024 * 1024);
    expect(await core.dispatch('scores.preview', { roundId, file })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: expect.stringContaining('the largest file GrantPanel imports is 50 MB') },
    });
  });
});
