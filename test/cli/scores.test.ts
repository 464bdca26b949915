// Scores and rankings at the command line: the paper score sheets template and import (a row-numbered
// report, all or nothing, exit codes as the applications import), and `list scores` and
// `list ranking` in each format, showing only what the person may see.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cliIn } from '../support/cli-in';
import { makeCore, tempDir, TEST_OFFICER } from '../support/core';
import { validDraft } from '../support/drafts';
import { FIELDS } from '../../electron/core/cli/listings';
import { SCORE_COLUMNS } from '../../shared/formats/scores-csv';

const PASS = 'a long enough first passphrase';
const OWN = 'a panel member’s own passphrase';
const CRITERIA = [
  'Fit to the Police and Crime Plan priorities',
  'Evidence of local need',
  'Measurable outcomes',
  'Value for money',
  'Sustainability',
  'Reach to seldom-heard communities',
  'Deliverability',
];
const ROUND = 'ACF winter 2026';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Row = string[];
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (rows: Row[]) => [SCORE_COLUMNS.map((c) => c.header), ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';

/** A member's complete sheet: every criterion at `level` (with a comment where one is needed), governance passed. */
const sheet = (reference: string, member: string, level: number, comment = 'Why it scores so'): Row[] => [
  ...CRITERIA.map((c) => [reference, member, c, String(level), level === 0 || level === 5 ? comment : '']),
  [reference, member, 'Governance adequate', 'pass', ''],
];

interface Laptop {
  dataDir: string;
  refs: { first: string; second: string };
  people: Record<string, string>;
  /** grantpanel as the test officer, or as a person by name. */
  gp: (...args: string[]) => Promise<{ code: number; out: string; err: string }>;
  as: (name: string) => (...args: string[]) => Promise<{ code: number; out: string; err: string }>;
  file: (name: string, content: string) => string;
  events: () => number;
}

/** A round with a rubric, a Coventry panel (chair Chris Lane; Asha Patel, Ben Okafor) and two Coventry applications. */
async function laptop(): Promise<Laptop> {
  const dataDir = tempDir('grantpanel-scores-cli-');
  dirs.push(dataDir);
  const core = makeCore(dataDir);
  await core.ready();
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: ROUND,
    opens: '2026-10-01',
    closes: '2026-12-18',
    status: 'open',
  });
  const first = await core.call('applications.create', validDraft(round.id, { organisationName: 'Foleshill Residents’ Association' }));
  const second = await core.call('applications.create', validDraft(round.id, { organisationName: '=HYPERLINK("http://evil.example")' }));
  const people: Record<string, string> = {};
  for (const [name, roles] of [
    ['Asha Patel', ['panel-member']],
    ['Ben Okafor', ['panel-member']],
    ['Chris Lane', ['panel-chair', 'panel-member']],
  ] as const) {
    people[name] = (await core.call('people.add', { name, roles: [...roles], areas: [], passphrase: PASS })).id;
    await core.call('session.signOut', {});
    await core.call('session.signIn', { personId: people[name]!, passphrase: PASS });
    await core.call('session.changePassphrase', { current: PASS, next: OWN });
    await core.call('session.signOut', {});
    await core.call('session.signIn', { personId: `officer-${core.ctx.device.id}`, passphrase: TEST_OFFICER.passphrase });
  }
  await core.call('rubrics.save', { roundId: round.id, content: (await core.call('rubrics.get', { roundId: round.id })).suggested });
  await core.call('panels.save', {
    roundId: round.id,
    name: 'Coventry NPU panel',
    chairId: people['Chris Lane']!,
    quorum: 2,
    areaIds: ['coventry'],
    memberIds: [people['Asha Patel']!, people['Ben Okafor']!, people['Chris Lane']!],
  });
  core.close();
  const ownFile = join(dataDir, '..', `${dataDir.split('/').pop()}-own.txt`);
  writeFileSync(ownFile, `${OWN}\n`, { mode: 0o600 });
  dirs.push(ownFile);
  const db = () => makeCore(dataDir);
  return {
    dataDir,
    refs: { first: first.reference, second: second.reference },
    people,
    gp: cliIn(dataDir),
    as: (name) => cliIn(dataDir, { as: { name, passphraseFile: ownFile } }),
    file: (name, content) => {
      writeFileSync(join(dataDir, name), content);
      return name;
    },
    events: () => {
      const c = db();
      try {
        return (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        c.close();
      }
    },
  };
}

describe('template scores and import scores', () => {
  let l: Laptop;
  beforeAll(async () => {
    l = await laptop();
  });

  test('template scores prints the header row and one example row, with a BOM', async () => {
    const r = await l.gp('template', 'scores');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.startsWith('\ufeffApplication reference,Member,Criterion,Score,Comment\r\n')).toBe(true);
    expect(parse(r.out, { bom: true })).toHaveLength(2);
  });

  test('a file with problems: every one on stderr with its row and column, exit 1, nothing written', async () => {
    const rows = [
      ...sheet(l.refs.first, 'Asha Patel', 3).map((r, i) => (i === 1 ? [r[0]!, r[1]!, r[2]!, '7', ''] : r)),
      ...sheet(l.refs.first, 'Ben Okafor', 5, ''),
    ];
    const name = l.file('bad.csv', toCsv(rows));
    const before = l.events();
    for (const dry of [['--dry-run'], []]) {
      const r = await l.gp('import', 'scores', name, '--round', ROUND, ...dry);
      expect(r.code).toBe(1);
      expect(r.out).toBe('File: bad.csv (UTF-8), 16 score rows, 2 sheets\n');
      expect(r.err).toContain(
        dry.length
          ? '8 rows have problems. Dry run: nothing was written.'
          : '8 rows have problems. Nothing was imported. Fix them and import again.',
      );
      expect(r.err).toContain('  Row 3, Score: 7 is above the scale — score Evidence of local need from 0 to 5\n');
      expect(r.err).toContain(
        '  Row 10, Comment: Say why Fit to the Police and Crime Plan priorities scores 5: a comment is needed at the lowest and the highest level\n',
      );
    }
    expect(l.events()).toBe(before);
  });

  test('a clean file: the dry run says what would be imported; the import takes every sheet', async () => {
    const rows = [
      ...sheet(l.refs.first, 'Asha Patel', 4),
      ...sheet(l.refs.first, 'ben okafor', 2),
      ...sheet(l.refs.second, 'Asha Patel', 3),
    ];
    const name = l.file('good.csv', toCsv(rows));
    const before = l.events();
    const dry = await l.gp('import', 'scores', name, '--round', ROUND, '--dry-run');
    expect(dry).toMatchObject({
      code: 0,
      err: '',
      out: 'File: good.csv (UTF-8), 24 score rows, 3 sheets\nDry run: no problems. 3 sheets would be imported. Nothing was written.\n',
    });
    expect(l.events()).toBe(before);
    const done = await l.gp('import', 'scores', name, '--round', ROUND);
    expect(done).toMatchObject({ code: 0, err: '' });
    expect(done.out).toContain(`Imported 3 sheets (24 scores) into ${ROUND}\n`);
    expect(l.events()).toBeGreaterThan(before);
  });

  test('usage errors exit 2; a missing file or unknown round exit 1', async () => {
    expect(await l.gp('import', 'scores', 'good.csv')).toMatchObject({ code: 2, err: expect.stringContaining('Missing --round') });
    expect(await l.gp('import', 'scores', '--round', ROUND)).toMatchObject({ code: 2, err: expect.stringContaining('Missing FILE') });
    expect(await l.gp('import', 'scores', 'nope.csv', '--round', ROUND)).toMatchObject({
      code: 1,
      err: expect.stringContaining('there is no such file'),
    });
    expect(await l.gp('import', 'scores', 'good.csv', '--round', 'Nope')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No round is called "Nope"'),
    });
  });
});

describe('list scores and list ranking', () => {
  let l: Laptop;
  beforeAll(async () => {
    l = await laptop();
    const rows = [
      ...sheet(l.refs.first, 'Asha Patel', 5, '=1+1 strong'),
      ...sheet(l.refs.first, 'Ben Okafor', 4),
      ...sheet(l.refs.second, 'Asha Patel', 2),
      ...sheet(l.refs.second, 'Ben Okafor', 1),
    ];
    expect((await l.gp('import', 'scores', l.file('sheets.csv', toCsv(rows)), '--round', ROUND)).code).toBe(0);
  });

  test('scores as JSON: one record per application, member and criterion, with the stable fields', async () => {
    const r = await l.gp('list', 'scores', '--round', ROUND, '--format', 'json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const records = JSON.parse(r.out) as Record<string, unknown>[];
    expect(records).toHaveLength(32);
    expect(Object.keys(records[0]!)).toEqual(FIELDS.scores);
    expect(records.find((s) => s.reference === l.refs.first && s.member === 'Asha Patel' && s.criterionId === 'need')).toMatchObject({
      panelName: 'Coventry NPU panel',
      organisationName: 'Foleshill Residents’ Association',
      criterion: 'Evidence of local need',
      gate: false,
      level: 5,
      scale: 5,
      comment: '=1+1 strong',
      typedBy: TEST_OFFICER.name,
      submitted: true,
    });
    expect(records.find((s) => s.criterionId === 'governance')).toMatchObject({ gate: true, level: 1, scale: 1 });
  });

  test('scores as CSV (BOM, formulas defused) and as a table', async () => {
    const csv = await l.gp('list', 'scores', '--round', ROUND, '--format', 'csv');
    expect(csv.out.startsWith(`\ufeff${FIELDS.scores!.join(',')}\r\n`)).toBe(true);
    const rows = parse(csv.out, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.comment)).toContain("'=1+1 strong");
    expect(rows.map((x) => x.organisationName)).toContain('\'=HYPERLINK("http://evil.example")');
    const table = await l.gp('list', 'scores', '--round', ROUND);
    expect(table.out.split('\n')[0]).toMatch(/^Reference\s+Organisation\s+Member\s+Criterion\s+Level\s+Comment\s+Typed by\s+Submitted$/);
    expect(table.out).toMatch(/Asha Patel\s+Evidence of local need\s+5 of 5/);
    expect(table.out).toContain('32 scores from 4 sheets');
  });

  test('the ranking: per panel, best first, with the normalised rank on asking', async () => {
    const raw = JSON.parse((await l.gp('list', 'ranking', '--round', ROUND, '--format', 'json')).out) as Record<string, unknown>[];
    expect(Object.keys(raw[0]!)).toEqual(FIELDS.ranking);
    expect(raw.map((r) => [r.rank, r.reference, r.scorePercent, r.band, r.moderated])).toEqual([
      [1, l.refs.first, 90, 'Recommend', false],
      [2, l.refs.second, 30, 'Do not recommend', false],
    ]);
    expect(raw[0]).toMatchObject({ amountRequested: 250000, status: 'ranked', recommendation: null, recommendedPence: null });
    const normalised = JSON.parse((await l.gp('list', 'ranking', '--round', ROUND, '--normalised', '--format', 'json')).out) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(normalised[0]!)).toEqual(FIELDS['ranking --normalised']);
    expect(normalised.map((r) => [r.normalisedRank, r.zText])).toEqual([
      [1, '+1.00'],
      [2, '-1.00'],
    ]);
    const table = await l.gp('list', 'ranking', '--round', ROUND, '--normalised');
    expect(table.out.split('\n')[0]).toMatch(
      /^Panel\s+Rank\s+Reference\s+Organisation\s+Requested\s+Score\s+Band\s+Moderated\s+Recommendation\s+Normalised\s+z\s+Note$/,
    );
    expect(table.out).toMatch(/£2,500\.00\s+90\.0%\s+Recommend\s+no/);
    expect(table.out).toContain('2 applications ranked of 2');
    const csv = await l.gp('list', 'ranking', '--round', ROUND, '--format', 'csv');
    expect(csv.out.startsWith(`\ufeff${FIELDS.ranking!.join(',')}\r\n`)).toBe(true);
  });

  test('--area narrows to its applications', async () => {
    expect(JSON.parse((await l.gp('list', 'ranking', '--round', ROUND, '--area', 'coventry', '--format', 'json')).out)).toHaveLength(2);
    expect(JSON.parse((await l.gp('list', 'scores', '--round', ROUND, '--area', 'Dudley', '--format', 'json')).out)).toEqual([]);
    expect(await l.gp('list', 'scores', '--round', ROUND, '--area', 'Atlantis')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No area is called "Atlantis"'),
    });
  });

  test('the chair sees their panel’s scores once they open moderation; a member sees none', async () => {
    const chair = l.as('Chris Lane');
    const closed = await chair('list', 'scores', '--round', ROUND, '--format', 'json');
    expect(closed).toMatchObject({ code: 0, err: expect.stringContaining('its scores show here once you open moderation') });
    expect(JSON.parse(closed.out)).toEqual([]);
    const core = makeCore(l.dataDir);
    try {
      await core.call('session.signOut', {});
      await core.call('session.signIn', { personId: l.people['Chris Lane']!, passphrase: OWN });
      const [panel] = await core.call('panels.list', { mine: true });
      // A chair sees an application's scores once they have declared no interest in it.
      for (const a of (await core.call('panels.get', { id: panel!.id })).applications)
        await core.call('scoring.declare', { applicationId: a.id, interest: false });
      await core.call('moderation.open', { panelId: panel!.id });
    } finally {
      core.close();
    }
    const open = await chair('list', 'scores', '--round', ROUND, '--format', 'json');
    expect(open).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(open.out)).toHaveLength(32);
    expect(await l.as('Asha Patel')('list', 'ranking', '--round', ROUND)).toMatchObject({
      code: 1,
      err: expect.stringContaining('Scores and rankings are read by the chair of a panel'),
    });
  });

  test('usage errors: no --round, --normalised or --area where they do not apply', async () => {
    for (const [args, message] of [
      [['list', 'scores'], 'Missing --round'],
      [['list', 'ranking', '--format', 'xml', '--round', ROUND], '--format must be table, json or csv'],
      [['list', 'scores', '--round', ROUND, '--normalised'], '--normalised applies only to list ranking'],
      [['list', 'rounds', '--area', 'Coventry'], '--area applies only to list scores and list ranking'],
    ] as const)
      expect(await l.gp(...args), args.join(' ')).toMatchObject({ code: 2, err: expect.stringContaining(message) });
  });
});
