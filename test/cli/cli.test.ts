// The command line: run() in-process with captured output for the behaviour, and the bundled
// CLI as a child process for the exit codes a shell sees.
import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { run } from '../../electron/core/cli/run';
import { builtCommand, officerArgs, type Ran } from '../support/built-cli';
import { TEST_PASSPHRASE_LOG_N } from '../support/core';
import { FIELDS } from '../../electron/core/cli/listings';
import { csv } from '../../electron/core/cli/output';
import { APPLICATION_COLUMNS } from '../../shared/formats/applications-csv';
import { templateRow, toCsv } from '../support/csv';

const NOW = new Date('2026-11-25T10:00:00Z');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-cli-'));
  temps.push(dir);
  return dir;
}

/** grantpanel ARGS, in-process; the data folder only when the test gives one. */
async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await run(args, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: options.env ?? {},
    cwd: options.cwd ?? tmpdir(),
    now: () => NOW,
    passphraseLogN: TEST_PASSPHRASE_LOG_N,
  });
  return { code, out, err };
}

/**
 * A data folder and a `gp` bound to it, acting as its grants officer (the folder is set up on first
 * use; `byId`: --as names them by id); `asNobody`: a folder nobody has set up, and no --as.
 */
function folder(options: { asNobody?: boolean; byId?: boolean } = {}) {
  const dataDir = temp();
  let signIn: Promise<string[]> | undefined;
  const who = () =>
    options.asNobody ? Promise.resolve([]) : (signIn ??= officerArgs(dataDir, () => NOW, { byId: options.byId ?? false }));
  const gp = async (...args: string[]) => cli(['--data-dir', dataDir, ...(await who()), ...args], { cwd: dataDir });
  const listJson = async <T = Record<string, unknown>>(...args: string[]): Promise<T[]> => {
    const r = await gp('list', ...args, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as T[];
  };
  const file = (name: string, content: string) => {
    writeFileSync(join(dataDir, name), content);
    return name;
  };
  return { dataDir, gp, listJson, file };
}

const addAcfRound = (gp: (...a: string[]) => Promise<Ran>, name = 'ACF 2027') =>
  gp(
    'add',
    'round',
    '--fund',
    'ACF',
    '--name',
    name,
    '--opens',
    '01/10/2027',
    '--closes',
    '2027-12-17',
    '--budget',
    'Coventry=£45,000',
    '--budget',
    'birmingham=120000',
    '--budget',
    'Walsall=45000',
  );

describe('init', () => {
  test('creates the data folder and shows the device id and fingerprint; again, the same device', async () => {
    const { dataDir, gp } = folder({ asNobody: true });
    const first = await gp('init');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain(`Data folder: ${dataDir}`);
    expect(first.out).toMatch(/^Device id: [0-9a-f]{16}$/m);
    expect(first.out).toMatch(/^Key fingerprint: ([0-9A-F]{4} ){5}[0-9A-F]{4}$/m);
    expect(existsSync(join(dataDir, 'grantpanel.sqlite'))).toBe(true);
    const again = await gp('init');
    expect(again.out).toBe(first.out);
  });

  test('without --data-dir it uses GRANTPANEL_DATA_DIR', async () => {
    const dataDir = join(temp(), 'from-env');
    const r = await cli(['init'], { env: { GRANTPANEL_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Data folder: ${dataDir}`);
    expect(existsSync(join(dataDir, 'device-key.json'))).toBe(true);
  });

  test('--data-dir may also follow the command, relative to the current folder', async () => {
    const cwd = temp();
    const r = await cli(['init', '--data-dir', 'here'], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Data folder: ${join(cwd, 'here')}`);
  });
});

describe('demo and template', () => {
  test('demo loads the demo rounds once', async () => {
    const { gp, listJson } = folder();
    const r = await gp('demo');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/40 applications/);
    expect(await listJson('applications')).toHaveLength(40);
    expect(await listJson('rounds')).toHaveLength(2);
    const again = await gp('demo');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already loaded/);
    expect(await listJson('applications')).toHaveLength(40);
  });

  test('template applications prints the canonical header row', async () => {
    const { gp } = folder();
    const r = await gp('template', 'applications');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.startsWith('\ufeffApplicant reference,Organisation name,')).toBe(true);
    expect((parse(r.out, { bom: true }) as string[][])[0]).toEqual(APPLICATION_COLUMNS.map((c) => c.header));
  });
});

describe('add round', () => {
  test('creates a round with its budgets, on the newest plan by default', async () => {
    const { gp, listJson } = folder();
    const r = await addAcfRound(gp);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Created round ACF 2027/);
    const id = /Round id: (\S+)/.exec(r.out)?.[1];
    const [round] = await listJson('rounds');
    expect(round).toMatchObject({
      id,
      name: 'ACF 2027',
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      opens: '2027-10-01',
      closes: '2027-12-17',
      status: 'open',
      budgetPence: 21_000_000,
      budgets: [
        { areaId: 'birmingham', amountPence: 12_000_000 },
        { areaId: 'coventry', amountPence: 4_500_000 },
        { areaId: 'walsall', amountPence: 4_500_000 },
      ],
    });
  });

  test('--plan and --status are passed on; fund by name', async () => {
    const { gp, listJson } = folder();
    const r = await gp(
      'add',
      'round',
      '--fund',
      'community safety fund',
      '--name',
      'CSF',
      '--opens',
      '2026-04-01',
      '--closes',
      '30/06/2026',
      '--plan',
      'pcp-2021-2025',
      '--status',
      'draft',
    );
    expect(r.code).toBe(0);
    expect((await listJson('rounds'))[0]).toMatchObject({ fundId: 'csf', planId: 'pcp-2021-2025', status: 'draft', budgets: [] });
  });

  test('an unknown fund, area or amount is rejected with exit 1 and nothing is created', async () => {
    const { gp, listJson } = folder();
    const r = await gp(
      'add',
      'round',
      '--fund',
      'XYZ',
      '--name',
      'X',
      '--opens',
      '2027-10-01',
      '--closes',
      '2027-12-17',
      '--budget',
      'Atlantis=5',
      '--budget',
      'Coventry=lots',
    );
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('--fund: No fund is called "XYZ"');
    expect(r.err).toContain('--budget Atlantis=5: No area is called "Atlantis"');
    expect(r.err).toContain('--budget Coventry=lots: "lots" is not an amount of money');
    expect(await listJson('rounds')).toEqual([]);
  });

  test('the core’s checks come back with the option they are about: closes before opens, bad dates, bad status', async () => {
    const { gp, listJson } = folder();
    const early = await gp('add', 'round', '--fund', 'acf', '--name', 'X', '--opens', '2027-10-01', '--closes', '2027-09-30');
    expect(early.code).toBe(1);
    expect(early.err).toContain('--closes: The closing date must be on or after the opening date');
    const bad = await gp(
      'add',
      'round',
      '--fund',
      'acf',
      '--name',
      'X',
      '--opens',
      '31/02/2027',
      '--closes',
      '2027-09-30',
      '--status',
      'maybe',
      '--budget',
      'Dudley=-5',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--opens: Enter the opening date as a real date');
    expect(bad.err).toMatch(/--status: .*open/);
    expect(bad.err).toContain('--budget Dudley=-5: A budget cannot be negative');
    expect(bad.err).not.toMatch(/\n\s+at /);
    expect(await listJson('rounds')).toEqual([]);
  });

  test('a missing option is a usage error (exit 2) and touches no data', async () => {
    const dataDir = join(temp(), 'never-made');
    const r = await cli(['--data-dir', dataDir, 'add', 'round', '--fund', 'acf', '--opens', '2027-10-01', '--closes', '2027-12-17']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Missing --name');
    expect(r.err).toContain('grantpanel add round --help');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('import applications', () => {
  const good = () =>
    toCsv([
      templateRow({
        'Applicant reference': 'T-001',
        Area: 'Coventry',
        'Amount requested': '£1,200.50',
        'Budget lines': 'Hall hire: £700.50; Leaflets: £500',
      }),
      templateRow({ 'Applicant reference': 'T-002', 'Organisation name': '=HYPERLINK("http://evil.example","click")' }),
    ]);
  const bad = () =>
    toCsv([
      templateRow({ 'Applicant reference': 'T-001' }),
      templateRow({ 'Applicant reference': 'T-002', 'Amount requested': 'lots', 'Constituted group': 'Perhaps' }),
      templateRow({ 'Applicant reference': 'T-003', Area: 'Atlantis' }),
    ]);

  test('a bad file: dry run and import both exit 1 with rows and columns, and write nothing', async () => {
    const { gp, listJson, file } = folder();
    await addAcfRound(gp);
    const name = file('bad.csv', bad());
    for (const dry of [['--dry-run'], []]) {
      const r = await gp('import', 'applications', name, '--round', 'acf 2027', ...dry);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/bad\.csv \(UTF-8\), 3 application rows/);
      expect(r.err).toMatch(/^2 rows have problems\./);
      expect(r.err).toContain('Row 3, Amount requested: Enter the amount in pounds, like £1,200.50');
      expect(r.err).toContain('Row 3, Constituted group: Enter Yes or No');
      expect(r.err).toContain('Row 4, Area: "Atlantis" is not a known area');
      expect(r.err).not.toContain('Row 2');
      expect(await listJson('applications')).toEqual([]);
    }
    expect((await gp('list', 'applications')).out).toBe('No applications to list.\n');
  });

  test('a good file: the dry run writes nothing, the import writes all; again, duplicates are skipped', async () => {
    const { gp, listJson, file } = folder();
    await addAcfRound(gp);
    const name = file('good.csv', good());
    const dry = await gp('import', 'applications', name, '--round', 'ACF 2027', '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toMatch(/Dry run: no problems\. 2 applications would be imported/);
    expect(await listJson('applications')).toEqual([]);

    const done = await gp('import', 'applications', name, '--round', 'ACF 2027');
    expect(done).toMatchObject({ code: 0, err: '' });
    expect(done.out).toMatch(/Imported 2 applications \(0 duplicates skipped\)/);
    expect(await listJson('applications')).toHaveLength(2);

    const again = await gp('import', 'applications', name, '--round', 'ACF 2027');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Row 2: T-001 is already in the register/);
    expect(again.out).toMatch(/Imported 0 applications \(2 duplicates skipped\)/);
    expect(await listJson('applications')).toHaveLength(2);
  });

  test('an unknown round or a missing file is rejected (exit 1); no --round or no FILE is a usage error (exit 2)', async () => {
    const { gp, file } = folder();
    await addAcfRound(gp);
    const name = file('good.csv', good());
    expect(await gp('import', 'applications', name, '--round', 'Nope')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No round is called "Nope"'),
    });
    expect(await gp('import', 'applications', 'missing.csv', '--round', 'ACF 2027')).toMatchObject({
      code: 1,
      err: expect.stringContaining('there is no such file'),
    });
    expect(await gp('import', 'applications', name)).toMatchObject({ code: 2, err: expect.stringContaining('Missing --round') });
    expect(await gp('import', 'applications', '--round', 'ACF 2027')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Missing FILE'),
    });
  });

  test('a second round with the same name is refused, so a name always finds one round', async () => {
    const { gp } = folder();
    expect((await addAcfRound(gp, 'Twin')).code).toBe(0);
    const again = await addAcfRound(gp, 'twin');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/There is already a round called Twin/);
  });
});

describe('list', () => {
  async function registerWithTwoRounds() {
    const f = folder();
    await addAcfRound(f.gp, 'ACF 2027');
    await addAcfRound(f.gp, 'ACF 2028');
    const rows = [
      templateRow({
        'Applicant reference': 'T-001',
        Area: 'Coventry',
        'Amount requested': '£1,200.50',
        'Budget lines': 'Hall hire: £700.50; Leaflets: £500',
      }),
      templateRow({ 'Applicant reference': 'T-002', 'Organisation name': '=HYPERLINK("http://evil.example","click")' }),
    ];
    expect((await f.gp('import', 'applications', f.file('a.csv', toCsv(rows)), '--round', 'ACF 2027')).code).toBe(0);
    const other = [templateRow({ 'Applicant reference': 'U-001', 'Organisation name': '+Plus Group' })];
    expect((await f.gp('import', 'applications', f.file('b.csv', toCsv(other)), '--round', 'ACF 2028')).code).toBe(0);
    return f;
  }

  test('table: aligned columns, money in pounds, UK dates, no contact details', async () => {
    const { gp } = await registerWithTwoRounds();
    const r = await gp('list', 'applications');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Reference\s+Fund\s+Organisation\s+Project\s+Area\s+Requested\s+Status\s+Received$/);
    const t001 = lines.find((l) => l.startsWith('T-001')) ?? '';
    // Status is the stage, in words (docs/statuses.md).
    expect(t001).toMatch(/Coventry\s+£1,200\.50\s+Received\s+25 Nov 2026$/);
    // Aligned: every row's "Status" column starts where the header's does.
    const statusAt = lines[0]?.indexOf('Status') ?? -1;
    for (const line of lines.slice(1, 4)) expect(line.slice(statusAt, statusAt + 8)).toBe('Received');
    expect(lines.at(-1)).toBe('3 applications, £3,200.50 requested');
    expect(r.out).not.toMatch(/helen|example\.org|01922/i);

    const rounds = await gp('list', 'rounds');
    expect(rounds.out).toMatch(/ACF 2027\s+Active Citizens Fund\s+open\s+1 Oct 2027\s+17 Dec 2027\s+2\s+£2,200\.50\s+£210,000\.00/);
    expect((await gp('list', 'funds')).out).toMatch(/ACF\s+acf\s+Active Citizens Fund\s+£5,000\.00/);
    expect((await gp('list', 'areas')).out).toMatch(/coventry\s+Coventry\s+E08000026\s+Coventry City Council/);
    expect((await gp('list', 'priorities', '--round', 'ACF 2027')).out).not.toContain('2021–2025');
  });

  test('json: the documented field names, money in integer pence, ISO dates; --round filters', async () => {
    const { listJson } = await registerWithTwoRounds();
    const apps = await listJson<Record<string, unknown>>('applications');
    expect(apps.map((a) => a.reference)).toEqual(['T-001', 'T-002', 'U-001']);
    for (const a of apps) expect(Object.keys(a)).toEqual(FIELDS.applications);
    expect(apps[0]).toMatchObject({
      amountRequested: 120_050,
      areaId: 'coventry',
      fundCode: 'ACF',
      roundName: 'ACF 2027',
      status: 'received',
      receivedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(JSON.stringify(apps)).not.toMatch(/helen|example\.org|01922/i);
    expect((await listJson('applications', '--round', 'ACF 2028')).map((a) => a.reference)).toEqual(['U-001']);

    for (const kind of ['rounds', 'funds', 'areas', 'priorities']) {
      const rows = await listJson(kind);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(row)).toEqual(FIELDS[kind]);
    }
    const [acf] = await listJson<{ maxAwardPence: number }>('funds');
    expect(acf?.maxAwardPence).toBe(500_000);
  });

  test('csv: a header row, and cells a spreadsheet would run as formulas start with an apostrophe', async () => {
    const { gp } = await registerWithTwoRounds();
    const r = await gp('list', 'applications', '--format', 'csv');
    expect(r).toMatchObject({ code: 0, err: '' });
    // UTF-8 with a BOM, so Excel reads it as UTF-8; Windows line endings.
    expect(r.out.startsWith('\ufeffid,reference,')).toBe(true);
    expect(r.out).toContain('\r\n');
    const [header, ...rows] = parse(r.out, { bom: true }) as string[][];
    expect(header).toEqual(FIELDS.applications);
    const col = (name: string) => FIELDS.applications?.indexOf(name) ?? -1;
    const names = rows.map((row) => row[col('organisationName')]);
    expect(names).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(names).toContain("'+Plus Group");
    expect(rows.map((row) => row[col('amountRequested')])).toContain('120050');
    expect(r.out).not.toMatch(/helen|example\.org|01922/i);

    const rounds = parse((await gp('list', 'rounds', '--format', 'csv')).out, { columns: true, bom: true }) as Record<string, string>[];
    expect(rounds.find((x) => x.name === 'ACF 2027')?.budgets).toBe('birmingham=12000000;coventry=4500000;walsall=4500000');
    expect((await gp('list', 'applications', '--format', 'csv', '--round', 'nope')).code).toBe(1);
  });

  test('the csv guard: = + - @ tab and CR are defused; numbers are left alone', () => {
    const out = csv(
      ['v'],
      [{ v: '=1+1' }, { v: '+1' }, { v: '-1' }, { v: '@SUM(A1)' }, { v: '\tx' }, { v: '\rx' }, { v: -5 }, { v: 'plain' }, { v: null }],
    );
    expect((parse(out, { bom: true }) as string[][]).slice(1).map((r) => r[0])).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      '-5',
      'plain',
      '',
    ]);
  });

  test('applications are read page by page: more than 500 all come out', async () => {
    const { gp, listJson, file } = folder();
    await addAcfRound(gp);
    const rows = Array.from({ length: 520 }, (_, i) => templateRow({ 'Applicant reference': `P-${String(i).padStart(4, '0')}` }));
    expect((await gp('import', 'applications', file('many.csv', toCsv(rows)), '--round', 'ACF 2027')).out).toMatch(
      /Imported 520 applications/,
    );
    const apps = await listJson<{ id: string }>('applications');
    expect(apps).toHaveLength(520);
    expect(new Set(apps.map((a) => a.id)).size).toBe(520);
  });

  test('list screening: a round’s applications with what their checks found; without --round a usage error', async () => {
    const { gp, listJson } = await registerWithTwoRounds();
    const rows = await listJson<Record<string, unknown>>('screening', '--round', 'ACF 2027');
    expect(rows.map((r) => r.reference)).toEqual(['T-001', 'T-002']);
    for (const row of rows) expect(Object.keys(row)).toEqual(FIELDS.screening);
    expect(rows[0]).toMatchObject({ amountRequested: 120_050, automaticFails: [], result: null, disputed: false, setAside: [] });
    const table = await gp('list', 'screening', '--round', 'ACF 2027');
    expect(table.out).toMatch(/T-001\s.*£1,200\.50\s+all 5 pass\s+not screened/);
    expect(table.out.trim().split('\n').at(-1)).toBe('0 of 2 applications screened, 0 eligible');
    expect(await gp('list', 'screening')).toMatchObject({ code: 2, err: expect.stringContaining('list screening needs the round') });
  });

  test('unknown kinds and formats, and --round where it does not apply, are usage errors', async () => {
    const { gp } = folder();
    expect(await gp('list', 'things')).toMatchObject({
      code: 2,
      err: expect.stringContaining('choose one of: applications, rounds, funds, areas, priorities'),
    });
    expect(await gp('list', 'rounds', '--format', 'xml')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format must be table, json or csv'),
    });
    expect(await gp('list', 'funds', '--round', 'x')).toMatchObject({ code: 2 });
    expect(await gp('list')).toMatchObject({ code: 2, err: expect.stringContaining('Missing KIND') });
  });
});

describe('help and usage errors', () => {
  const helps = [
    [],
    ['init'],
    ['demo'],
    ['template', 'applications'],
    ['add', 'round'],
    ['import', 'applications'],
    ['list'],
    ['add'],
    ['import'],
  ];

  test.each(helps)('grantpanel %s --help exits 0 with usage and examples', async (...words) => {
    for (const flag of ['--help', '-h']) {
      const r = await cli([...words, flag]);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/Usage: grantpanel/);
    }
  });

  test('command help names the options, examples and exit codes', async () => {
    const r = await cli(['add', 'round', '--help']);
    for (const text of ['--fund FUND', '--budget AREA=AMOUNT', 'Examples:', 'Exit codes:']) expect(r.out).toContain(text);
    expect((await cli(['help', 'list'])).out).toContain('--format FORMAT');
    expect((await cli(['--help'])).out).toContain('import applications FILE --round ROUND [--dry-run]');
  });

  test.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [[], 'Give a command'],
    [['--verbose', 'init'], 'Unknown option --verbose'],
    [['init', '--verbose'], 'Unknown option --verbose for "grantpanel init"'],
    [['add'], '"grantpanel add" needs what to add'],
    [['add', 'fund'], '"grantpanel add fund" is not a command'],
    [['add', 'round', '--name'], '--name needs a value'],
    [['import', 'applications', 'a.csv', '--round', 'x', '--dry-run=yes'], '--dry-run takes no value'],
    [['init', 'extra'], 'Unexpected argument "extra"'],
    [['--data-dir'], '--data-dir needs a folder'],
  ])('%j is a usage error: exit 2 and a hint', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/Run "grantpanel .*--help"/);
  });
});

describe('the built command', () => {
  const node = builtCommand('grantpanel-cli-test');

  test('exit codes 0, 1 and 2 as a shell sees them, and no stack traces', async () => {
    const dataDir = temp();
    const init = await node(['--data-dir', dataDir, 'init']);
    expect(init.code).toBe(0);
    expect(init.out).toContain(`Data folder: ${dataDir}`);
    const asOfficer = await officerArgs(dataDir);
    expect(await node(['--data-dir', dataDir, ...asOfficer, 'list', 'applications', '--format', 'json'])).toMatchObject({
      code: 0,
      out: '[]\n',
    });
    const rejected = await node([
      '--data-dir',
      dataDir,
      ...asOfficer,
      'add',
      'round',
      '--fund',
      'nope',
      '--name',
      'X',
      '--opens',
      '2027-01-01',
      '--closes',
      '2027-02-01',
    ]);
    expect(rejected.code).toBe(1);
    expect(rejected.err).toContain('No fund is called "nope"');
    expect(rejected.err).not.toMatch(/\n\s+at /);
    const usage = await node(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Unknown command');
    expect((await node(['--help'])).code).toBe(0);
  });

  test('a data folder that cannot be opened is one line on stderr and exit 1', async () => {
    const blocker = join(temp(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r = await node(['--data-dir', join(blocker, 'data'), 'init']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^Cannot open the data folder/);
  });
});

describe('bundles', () => {
  test('export-bundle writes and checks a signed bundle; verify-bundle reads it; device show gives the key', async () => {
    const { gp, dataDir } = folder();
    expect((await gp('demo')).code).toBe(0);
    const exported = await gp('export-bundle', '--out', 'office.gpbundle');
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toMatch(/Wrote and checked the bundle: \d+ changes\./);
    expect(exported.out).toContain(join(dataDir, 'office.gpbundle'));
    const verified = await gp('verify-bundle', 'office.gpbundle');
    expect(verified).toMatchObject({ code: 0, err: '' });
    expect(verified.out).toMatch(/signature is good[\s\S]*this laptop/);
    const device = await gp('device', 'show');
    expect(device.out).toMatch(/^Device id: [0-9a-f]{16}\nKey fingerprint: [0-9A-F ]+\nPublic key \(minisign\): RW[\w+/=]+\n/);
  });

  test('a damaged bundle exits 1 with the reason; a second export to the same file is refused; --out is required', async () => {
    const { gp, file } = folder();
    file('junk.gpbundle', 'not a zip');
    const bad = await gp('verify-bundle', 'junk.gpbundle');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not a GrantPanel bundle/);
    expect((await gp('export-bundle', '--out', 'a.gpbundle')).code).toBe(0);
    const again = await gp('export-bundle', '--out', 'a.gpbundle');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/never overwrites/);
    expect((await gp('export-bundle')).code).toBe(2);
    expect((await gp('export-bundle', '--out', 'a.zip')).code).toBe(1);
  });
});

describe('moving work between laptops', () => {
  test('trust then import-bundle brings the other laptop’s work; an untrusted bundle exits 1 and names its fingerprint', async () => {
    const office = folder();
    // The office's test officer reaches the panel laptop in the sealed bundle: two people called "Grants officer" there.
    const panel = folder({ byId: true });
    expect((await office.gp('demo')).code).toBe(0);
    expect((await office.gp('export-bundle', '--out', 'office.gpbundle')).code).toBe(0);
    const file = join(office.dataDir, 'office.gpbundle');
    const refused = await panel.gp('import-bundle', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/does not trust yet[\s\S]*grantpanel trust RW/);
    const key = /Public key \(minisign\): (\S+)/.exec((await office.gp('device', 'show')).out)?.[1] ?? '';
    const trusted = await panel.gp('trust', key, '--name', 'Office laptop');
    expect(trusted).toMatchObject({ code: 0 });
    expect(trusted.out).toMatch(/^Trusted Office laptop: device [0-9a-f]{16}, key fingerprint /);
    const imported = await panel.gp('import-bundle', file);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/^Imported \d+ new changes from Office laptop \(Grants officer\); 0 already here\./);
    expect(await panel.listJson('applications')).toHaveLength(40);
    expect((await panel.gp('import-bundle', file)).out).toMatch(/^Imported 0 new changes/);

    // Sealed to the panel's office key, the contact details travel too.
    const officeKey = /Office key for sealed bundles \(age\): (age1\S+)/.exec((await panel.gp('device', 'show')).out)?.[1] ?? '';
    const sealed = await office.gp('export-bundle', '--out', 'sealed.gpbundle.age', '--to', officeKey);
    expect(sealed.err).toBe('');
    expect(sealed).toMatchObject({ code: 0 });
    expect(sealed.out).toMatch(/Personal data \(applicants’ contact details, people’s sign-ins\): 41 records \(protected\)/);
    const fromSealed = await panel.gp('import-bundle', join(office.dataDir, 'sealed.gpbundle.age'));
    expect(fromSealed).toMatchObject({ code: 0, err: '' });
    const contacts = (await panel.gp('verify-bundle', join(office.dataDir, 'sealed.gpbundle.age'))).out;
    expect(contacts).toMatch(/signature is good/);
  });
});
