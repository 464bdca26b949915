import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import iconv from 'iconv-lite';
import { makeCore, type TestCore } from '../support/core';
import { truncateSync, writeFileSync } from 'node:fs';
import { csvFile, templateRow, toCsv } from '../support/csv';

let core: TestCore;
let roundId: string;
beforeEach(async () => {
  core = makeCore(undefined, () => new Date('2026-11-25T10:00:00Z'));
  roundId = (
    await core.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'ACF winter',
      opens: '2026-11-01',
      closes: '2026-12-31',
    })
  ).id;
});
afterEach(() => core.dispose());

const count = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
const events = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const input = (content: string | Buffer, extra: object = {}) => ({ roundId, file: csvFile(content), ...extra });

test('the template is one header row, with a BOM so Excel reads it as UTF-8', async () => {
  const { csv, fileName } = await core.call('imports.template', {});
  expect(fileName).toMatch(/\.csv$/);
  expect(csv.startsWith('\ufeffApplicant reference,Organisation name,')).toBe(true);
  expect(csv.trim().split('\r\n')).toHaveLength(1);
});

test('a good file previews clean, then imports all rows in one go', async () => {
  const file = toCsv([templateRow(), templateRow({ 'Applicant reference': 'WAL-7', 'Project title': 'Second' })]);
  const report = await core.call('imports.preview', input(file));
  expect(report).toMatchObject({
    rowCount: 2,
    importable: 2,
    problemCount: 0,
    mappingSource: 'template',
    encoding: 'UTF-8',
    missingColumns: [],
  });
  expect(count()).toBe(0);
  const result = await core.call('imports.commit', input(file));
  expect(result).toMatchObject({ imported: 2, skippedDuplicates: 0 });
  const list = await core.call('applications.list', { sort: 'reference', direction: 'asc' });
  expect(list.rows.map((r) => r.reference)).toEqual(['ACF-2026-0001', 'WAL-7']);
});

test('bad rows are reported with spreadsheet row numbers and columns, and nothing is imported', async () => {
  const file = toCsv([
    templateRow(),
    templateRow({ Area: 'Atlantis' }),
    templateRow({ 'Amount requested': 'abc' }),
    templateRow(),
    templateRow({ 'Start date': '01/07/2027', 'End date': '30/06/2027' }),
    templateRow({ 'Amount requested': '£6,000', 'Budget lines': 'Everything: £6,000' }),
    templateRow({ 'Amount requested': '0', 'Budget lines': 'Nothing: 0' }),
    templateRow({ 'Amount requested': '-10', 'Budget lines': 'Refund: -10' }),
    templateRow({ 'Project title': 'x'.repeat(500) }),
  ]);
  const report = await core.call('imports.preview', input(file));
  const at = (row: number) => report.problems.filter((p) => p.row === row).map((p) => `${p.field}: ${p.message}`);
  expect(at(2)).toEqual([]);
  expect(at(3)).toEqual(['Area: "Atlantis" is not a known area — use an area name or ONS code']);
  expect(at(4)).toEqual(['Amount requested: Enter the amount in pounds, like £1,200.50']);
  expect(at(6)).toEqual(['End date: The end date must be the same as or after the start date']);
  expect(at(7)).toEqual(["Amount requested: Enter an amount of £5,000.00 or less — the Active Citizens Fund's maximum"]);
  expect(at(8).join()).toMatch(/Amount requested: The amount requested must be more than £0/);
  expect(at(9).join()).toMatch(/Amount requested: The amount requested must be more than £0/);
  expect(at(10)).toEqual(['Project title: Project title must be 140 characters or fewer']);
  expect(report).toMatchObject({ rowCount: 9, rowsWithProblems: 7, importable: 0 });
  const before = events();
  const commit = await core.dispatch('imports.commit', input(file));
  expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('nothing was imported') } });
  expect(count()).toBe(0);
  expect(events()).toBe(before);
});

test('rows without a reference are numbered on from the highest held, stepping over any taken', async () => {
  // In one file: a number given on a row is stepped over by the rows numbered after it.
  await core.call('imports.commit', input(toCsv([templateRow(), templateRow({ 'Applicant reference': 'ACF-2026-0002' }), templateRow()])));
  await core.call('imports.commit', input(toCsv([templateRow({ 'Applicant reference': 'ACF-2026-0005' })])));
  await core.call('imports.commit', input(toCsv(Array.from({ length: 2 }, () => templateRow()))));
  const list = await core.call('applications.list', { sort: 'reference', direction: 'asc' });
  expect(list.rows.map((r) => r.reference)).toEqual([
    'ACF-2026-0001',
    'ACF-2026-0002',
    'ACF-2026-0003',
    'ACF-2026-0005',
    'ACF-2026-0006',
    'ACF-2026-0007',
  ]);
});

test('duplicates by applicant reference are reported and skipped, never doubled', async () => {
  await core.call('imports.commit', input(toCsv([templateRow({ 'Applicant reference': 'WAL-1' })])));
  const again = toCsv([templateRow({ 'Applicant reference': 'WAL-1' }), templateRow({ 'Applicant reference': 'WAL-2' })]);
  const report = await core.call('imports.preview', input(again));
  expect(report.duplicates).toEqual([{ row: 2, reference: 'WAL-1' }]);
  expect(report.importable).toBe(1);
  expect(await core.call('imports.commit', input(again))).toMatchObject({ imported: 1, skippedDuplicates: 1 });
  expect(count()).toBe(2);
  // The same reference twice in one file is a problem to fix, not a guess.
  const twice = await core.call(
    'imports.preview',
    input(toCsv([templateRow({ 'Applicant reference': 'X-1' }), templateRow({ 'Applicant reference': 'x-1' })])),
  );
  expect(twice.problems).toEqual([{ row: 3, field: 'Applicant reference', message: 'Applicant reference x-1 is also on row 2' }]);
});

test('UTF-8 with BOM and Windows-1252 are read correctly', async () => {
  const row = templateRow({ 'Organisation name': 'Café Ñandú £ Group', 'Amount requested': '£1,000' });
  const bom = await core.call('imports.preview', input(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv([row]))])));
  expect(bom).toMatchObject({ encoding: 'UTF-8 (with BOM)', importable: 1 });
  const cp1252 = iconv.encode(toCsv([row]), 'win1252');
  expect(cp1252.includes(Buffer.from('£'))).toBe(false);
  const report = await core.call('imports.preview', input(cp1252));
  expect(report).toMatchObject({ encoding: 'Windows-1252', importable: 1 });
  await core.call('imports.commit', input(cp1252));
  const [first] = (await core.call('applications.list', {})).rows;
  expect(first?.organisationName).toBe('Café Ñandú £ Group');
});

test('other headers are mapped, and the mapping is remembered for the next file like it', async () => {
  const headers = [
    'Org name',
    'Type of organisation',
    'Constituted',
    'Signatories OK',
    'Contact',
    'Email',
    'Title',
    'Description',
    'NPU',
    'Amount',
    'Budget',
    'Start',
    'End',
    'Priorities',
    'Beneficiaries',
    'Number of beneficiaries',
    'Expected outcomes',
    'Notes',
  ];
  const t = templateRow();
  const row = {
    'Org name': t['Organisation name'],
    'Type of organisation': t['Organisation type'],
    Constituted: 'Yes',
    'Signatories OK': 'Yes',
    Contact: 'Helen Clarke',
    Email: 'helen@example.org',
    Title: 'Mapped project',
    Description: 'Summary',
    NPU: 'Walsall',
    Amount: '£1,000',
    Budget: 'Signs: £1,000',
    Start: '01/02/2027',
    End: '01/03/2027',
    Priorities: 'ROADS',
    Beneficiaries: 'older-people',
    'Number of beneficiaries': '20',
    'Expected outcomes': 'Safer roads | Speed readings',
    Notes: 'ignore me',
  };
  const file = toCsv([row], headers);
  const first = await core.call('imports.preview', input(file));
  expect(first.mappingSource).toBe('suggested');
  expect(first.missingColumns).toEqual(['Bank account with two signatories']);
  expect(first.importable).toBe(0);
  expect(await core.dispatch('imports.commit', input(file))).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('Bank account with two signatories') },
  });
  const mapping = { ...first.mapping, 'Signatories OK': 'bankTwoSignatories' as const, Notes: null };
  const given = await core.call('imports.preview', input(file, { mapping }));
  expect(given).toMatchObject({ mappingSource: 'given', importable: 1, missingColumns: [] });
  await core.call('imports.commit', input(file, { mapping }));
  const next = await core.call('imports.preview', input(toCsv([{ ...row, Title: 'Another' }], headers)));
  expect(next).toMatchObject({ mappingSource: 'remembered', importable: 1 });
  expect(await core.dispatch('imports.preview', input(file, { mapping: { Nonsense: 'summary' } }))).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
});

test.each([
  ['an empty file', '', 'The file is empty'],
  ['a header with no rows', toCsv([]), 'no applications'],
  ['blank lines only', '\r\n\r\n', 'no header row'],
  ['a binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14]), 'not a CSV file'],
  ['an unclosed quote', 'Organisation name,Area\r\n"Broken,Coventry\r\n', 'could not be read as CSV'],
])('%s is rejected with a clear message and nothing written', async (_, content, message) => {
  const before = events();
  const result = await core.dispatch('imports.commit', input(content));
  expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } });
  expect(events()).toBe(before);
});

test('wrong columns: the missing required columns are named', async () => {
  const report = await core.call('imports.preview', input('Name,Colour\r\nBob,Blue\r\n'));
  expect(report.missingColumns).toContain('Organisation name');
  expect(report.missingColumns).toContain('Amount requested');
  expect(report.importable).toBe(0);
});

test('a row with a stray comma is reported', async () => {
  const good = toCsv([templateRow()]);
  const broken = good.trimEnd() + ',extra\r\n';
  const report = await core.call('imports.preview', input(broken));
  expect(report.problems[0]).toMatchObject({ row: 2, field: '(whole row)' });
});

test('a 100 MB file is refused before it is read', async () => {
  const file = csvFile('', 'big.csv');
  truncateSync(file, 100 * 1024 * 1024);
  const result = await core.dispatch('imports.preview', { roundId, file });
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'TOO_LARGE',
      message: 'The file is 100.0 MB — the largest file GrantPanel imports is 50 MB. Split it into smaller files.',
    },
  });
});

test('a CSV file is named by the id the core gave: a path from a page, or a bundle’s id, is refused', async () => {
  const path = csvFile(toCsv([templateRow()]));
  expect(await core.pageDispatch('imports.preview', { roundId, file: path })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const bundle = core.ctx.files.choose(path, 'read', 'bundle', 'dialog').id;
  expect(await core.pageDispatch('imports.commit', { roundId, file: bundle })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: [{ field: 'file', message: expect.stringContaining('not a CSV file') }] },
  });
  expect(count()).toBe(0);
  // Chosen for reading as a CSV file, it is read afresh at each check: a fixed spreadsheet is what is checked.
  const chosen = core.ctx.files.choose(path, 'read', 'csv', 'dialog').id;
  expect((await core.call('imports.preview', { roundId, file: chosen })).rowCount).toBe(1);
  writeFileSync(path, toCsv([templateRow(), templateRow({ 'Project title': 'Second' })]));
  expect((await core.call('imports.preview', { roundId, file: chosen })).rowCount).toBe(2);
});

test('HTML and script in cells are kept as inert text', async () => {
  const title = '<script>alert(1)</script>';
  await core.call('imports.commit', input(toCsv([templateRow({ 'Project title': title, 'Organisation name': '=HYPERLINK("http://x")' })])));
  const [row] = (await core.call('applications.list', {})).rows;
  expect(row).toMatchObject({ projectTitle: title, organisationName: '=HYPERLINK("http://x")' });
});

describe('imports as jobs with progress', () => {
  async function finish(jobId: string) {
    const seen: number[] = [];
    for (;;) {
      const job = await core.call('imports.progress', { jobId });
      seen.push(job.done);
      if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return { job, seen };
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  const rows = (n: number) => Array.from({ length: n }, (_, i) => templateRow({ 'Applicant reference': `JOB-${i}` }));

  test('a check reports progress and a report, and writes nothing', async () => {
    const started = await core.call('imports.start', { ...input(toCsv(rows(1200))), mode: 'check' });
    const { job, seen } = await finish(started.jobId);
    expect(job).toMatchObject({ state: 'done', total: 1200, done: 1200, report: { importable: 1200 } });
    expect(seen.some((d) => d > 0 && d < 1200)).toBe(true);
    expect(count()).toBe(0);
  });

  test('an import commits everything at the end, and calls made meanwhile wait for it', async () => {
    const started = await core.call('imports.start', { ...input(toCsv(rows(1200))), mode: 'import' });
    let importingSeen = false;
    for (;;) {
      const job = await core.call('imports.progress', { jobId: started.jobId });
      if (job.state === 'importing') {
        importingSeen = true;
        // A read during the write waits for the commit, so it never sees half an import.
        const list = await core.call('applications.list', {});
        expect([0, 1200]).toContain(list.total);
        expect((await core.call('imports.progress', { jobId: started.jobId })).state).toBe('done');
        break;
      }
      if (job.state === 'done') break;
      await new Promise((r) => setTimeout(r, 1));
    }
    const { job } = await finish(started.jobId);
    expect(job).toMatchObject({ state: 'done', imported: 1200, skippedDuplicates: 0 });
    expect(count()).toBe(1200);
    expect(importingSeen || job.state === 'done').toBe(true);
  });

  test('the progress call that finds an import finished reports the tables it changed', async () => {
    const started = await core.dispatch('imports.start', { ...input(toCsv(rows(300))), mode: 'import' });
    expect(started).toMatchObject({ ok: true, changed: [] });
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    for (;;) {
      const progress = await core.dispatch('imports.progress', { jobId });
      if (!progress.ok) throw new Error(progress.error.message);
      const job = progress.value as { state: string };
      if (job.state !== 'done') {
        expect(progress.changed).toEqual([]);
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      expect(progress.changed).toContain('applications');
      expect(job).not.toHaveProperty('changed');
      break;
    }
    expect(count()).toBe(300);
  });

  test('cancelling an import part-way leaves the register exactly as it was', async () => {
    const before = events();
    const started = await core.call('imports.start', { ...input(toCsv(rows(3000))), mode: 'import' });
    for (;;) {
      const job = await core.call('imports.progress', { jobId: started.jobId });
      if (job.state === 'importing' && job.done > 0) break;
      await new Promise((r) => setImmediate(r));
    }
    await core.call('imports.cancel', { jobId: started.jobId });
    const { job } = await finish(started.jobId);
    expect(job.state).toBe('cancelled');
    expect(count()).toBe(0);
    expect(events()).toBe(before);
    expect(core.ctx.db.inTransaction).toBe(false);
  });

  test('a file with problems fails the job with the report and writes nothing', async () => {
    const started = await core.call('imports.start', { ...input(toCsv([templateRow({ Area: 'Atlantis' })])), mode: 'import' });
    const { job } = await finish(started.jobId);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'VALIDATION' }, report: { rowsWithProblems: 1 } });
    expect(count()).toBe(0);
    expect(await core.dispatch('imports.progress', { jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a disk that fills during an import job says so, and nothing is written', async () => {
    const db = core.ctx.db;
    const before = events();
    // SQLite's max_page_count stands in for a full disk: a few pages short of what 1,200 rows need.
    const pages = db.pragma('page_count', { simple: true }) as number;
    const ceiling = db.pragma('max_page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 20}`);
    try {
      const started = await core.call('imports.start', { ...input(toCsv(rows(1200))), mode: 'import' });
      const { job } = await finish(started.jobId);
      expect(job).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: expect.stringMatching(/^The disk is full/) } });
    } finally {
      db.pragma(`max_page_count = ${ceiling}`);
    }
    expect(count()).toBe(0);
    expect(events()).toBe(before);
    expect(db.inTransaction).toBe(false);
  });
});

test('a row gets every problem at once, the round’s rules included', async () => {
  const budgeted = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Coventry only',
    opens: '2026-11-01',
    closes: '2026-12-31',
    budgets: [{ areaId: 'coventry', amountPence: 1_000_000 }],
  });
  const report = await core.call('imports.preview', {
    ...input(toCsv([templateRow({ 'Contact email': 'nope', Area: 'Walsall' })])),
    roundId: budgeted.id,
  });
  expect(report.problems.map((p) => p.field).sort()).toEqual(['Area', 'Contact email']);
});

test('two rounds cannot share a name', async () => {
  const again = await core.dispatch('rounds.create', {
    fundId: 'csf',
    planId: 'pcp-2025-2029',
    name: 'acf WINTER',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  expect(again).toMatchObject({
    ok: false,
    error: {
      code: 'VALIDATION',
      details: [{ field: 'name', message: 'There is already a round called ACF winter — give this one another name' }],
    },
  });
});
