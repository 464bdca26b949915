// The panel's documents as the core makes them from what the log holds: a blank score sheet and a
// panel pack for the officer to print, the panel report, and the register of interests (a page's
// data and a CSV a spreadsheet opens safely). Read back with poppler's pdftotext, as a person reads them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { validDraft } from '../support/drafts';
import { panelRound } from '../support/panels';

let core: TestCore;
let dir: string;
let panelId: string;
const ids: string[] = [];
const members: Record<string, string> = {};

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeEach(async () => {
  core = makeCore(undefined, () => new Date('2026-11-27T10:00:00.000Z'));
  dir = tempDir();
  const { roundId, priorityId } = await panelRound(core);
  ids.length = 0;
  for (const [organisationName, reference] of [
    ['Foleshill Residents’ Association', 'ACF-2026-0101'],
    ['=HYPERLINK("http://evil.example")', 'ACF-2026-0102'],
  ] as const) {
    const a = await core.call(
      'applications.create',
      validDraft(roundId, { areaId: 'coventry', organisationName, reference, priorityIds: [priorityId] }),
    );
    ids.push(a.id);
  }
  for (const name of ['Zoë Łukasiewicz', 'Siân Evans']) {
    members[name] = (await core.call('people.add', { name, roles: ['panel-member'], areas: [], passphrase: 'a long first passphrase' })).id;
  }
  const panel = await core.call('panels.save', {
    roundId,
    name: 'Coventry NPU panel',
    quorum: 1,
    areaIds: ['coventry'],
    memberIds: Object.values(members),
  });
  panelId = panel.id;
  const rubric = (await core.call('rubrics.get', { roundId })).rubric!;
  const sheet = (level: number) => [
    ...rubric.criteria.map((c) => ({ criterionId: c.id, level, comment: '' })),
    { criterionId: 'governance', level: 1, comment: '' },
  ];
  await core.call('scoring.fromPaper', {
    applicationId: ids[0]!,
    memberId: members['Zoë Łukasiewicz']!,
    interest: false,
    scores: sheet(4),
  });
  await core.call('scoring.fromPaper', {
    applicationId: ids[1]!,
    memberId: members['Zoë Łukasiewicz']!,
    interest: false,
    scores: sheet(2),
  });
  await core.call('scoring.fromPaper', {
    applicationId: ids[1]!,
    memberId: members['Siân Evans']!,
    interest: true,
    nature: 'Trustee of the group',
    scores: [],
  });
});
afterEach(() => core.dispose());

test('a blank score sheet and a panel pack print the application, every criterion and the declaration', async () => {
  const sheetFile = join(dir, 'sheet.pdf');
  expect(
    (await core.call('documents.scoreSheet', { applicationId: ids[0]!, memberId: members['Siân Evans']!, file: sheetFile })).bytes,
  ).toBeGreaterThan(1000);
  const sheet = text(sheetFile);
  for (const words of [
    'ACF-2026-0101',
    'Foleshill Residents’ Association',
    'Siân Evans',
    'Fit to the Police and Crime Plan priorities',
    'Declaration of interest',
    'Rubric version 1',
  ])
    expect(sheet).toContain(words);
  const packFile = join(dir, 'pack.pdf');
  await core.call('documents.panelPack', { panelId, file: packFile });
  const pack = text(packFile);
  expect(pack).toContain('Panel pack: Coventry NPU panel');
  expect(pack).toContain('Zoë Łukasiewicz');
  expect(pack).toContain('ACF-2026-0102');
  // A person on another panel's round is refused, naming the field.
  const refused = await core.dispatch('documents.scoreSheet', {
    applicationId: ids[0]!,
    memberId: 'person-nobody',
    file: join(dir, 'x.pdf'),
  });
  expect(refused.ok ? null : refused.error.details?.[0]?.field).toBe('memberId');
});

test('no blank sheet for an application that is not scored: withdrawn or screened ineligible', async () => {
  const { officerChecks } = await core.call('screening.round', { roundId: (await core.call('applications.get', { id: ids[0]! })).roundId });
  await core.call('screening.record', { applicationId: ids[0]!, officerAnswers: officerChecks.map((_, i) => i !== 0) });
  const ineligible = await core.dispatch('documents.scoreSheet', { applicationId: ids[0]!, file: join(dir, 'a.pdf') });
  expect(ineligible.ok ? null : ineligible.error.message).toBe('This application was screened ineligible, so it is not scored');
  await core.call('applications.withdraw', { id: ids[1]!, reason: 'The group found other funding' });
  const withdrawn = await core.dispatch('documents.scoreSheet', { applicationId: ids[1]!, file: join(dir, 'b.pdf') });
  expect(withdrawn.ok ? null : withdrawn.error.message).toBe('This application was withdrawn, so it is not scored');
});

test('the panel report ranks, explains who took no part, and lists the register of interests', async () => {
  const file = join(dir, 'report.pdf');
  await core.call('documents.panelReport', { panelId, file });
  const report = text(file);
  expect(report).toContain('Panel report: Coventry NPU panel');
  // Every criterion at 4 of 5: 80%; at 2: 40%.
  expect(report).toMatch(/1\s+ACF-2026-0101\s+Foleshill.*80\.0%\s+Recommend\s+1\s+Not yet moderated/);
  expect(report).toMatch(/2\s+ACF-2026-0102\s+=HYPERLINK.*40\.0%\s+Do not\s+2/);
  expect(report).toContain('Siân Evans (Declared an interest: Trustee of the group)');
  expect(report).toContain('Register of interests');
  const register = report.slice(report.indexOf('Register of interests'));
  expect(register).toMatch(/ACF-2026-0102\s+Siân Evans\s.*Trustee of the group/);
  // Cell by cell, as the content stream (and a screen reader) reads it.
  const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(raw).toContain('Siân Evans (typed in by Grants officer) Trustee of the group');
});

test('the register of interests as a page’s data and as CSV: UTF-8 with a BOM, formulas defused', async () => {
  const { interests } = await core.call('panels.interests', { panelId });
  expect(interests).toEqual([
    expect.objectContaining({
      reference: 'ACF-2026-0102',
      member: 'Siân Evans',
      nature: 'Trustee of the group',
      standing: true,
      typedBy: 'Grants officer',
    }),
  ]);
  await core.call('scoring.fromPaper', {
    applicationId: ids[0]!,
    memberId: members['Siân Evans']!,
    interest: true,
    nature: '=1+1 the treasurer is my neighbour',
    scores: [],
  });
  const file = join(dir, 'interests.csv');
  await core.call('documents.interestsCsv', { panelId, file });
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  // Windows line endings, as Excel saves CSV (shared/formats/csv-out.ts).
  expect(csv.split('\r\n')[0]).toBe('reference,member,interest,declared_at,standing,typed_in_by');
  expect(csv).toContain("'=1+1 the treasurer is my neighbour");
  expect(csv).not.toMatch(/,=1\+1/);
});
