// The PDFs as a reader gets them: poppler (pdftotext, pdfinfo — Debian's poppler-utils) reads what
// the core wrote, so these check the file, not our own idea of it.
import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { panelPackPdf, renderPdf, scoreSheetPdf } from '../../electron/core/pdf';
import { oneLine, printable } from '../../electron/core/pdf/text';
import { application, NOW, packInput, rubric, sheetInput } from '../support/pdf-fixtures';
import { common } from '../../scripts/esbuild-common.mjs';

const dir = mkdtempSync(join(tmpdir(), 'grantpanel-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function save(bytes: Uint8Array): string {
  const file = join(dir, `${++n}.pdf`);
  writeFileSync(file, bytes);
  return file;
}
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/**
 * The text of each page: laid out as printed (columns side by side, so a wrapped cell interleaves
 * with its neighbours), or raw, in the order it was drawn (each cell whole).
 */
const pages = (file: string, mode: '-layout' | '-raw' = '-layout') => run('pdftotext', mode, file, '-').split('\f').slice(0, -1);
const info = (file: string) => run('pdfinfo', file);
const pageCount = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(info(file))?.[1]);
/** Words as one line, whatever the wrapping: to look for a sentence that wrapped. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('a score sheet', () => {
  const made = scoreSheetPdf(sheetInput()).then(save);

  test('holds the application, the amounts and the names as typed, accents and quotes included', async () => {
    const text = flat(pages(await made, '-raw').join('\n'));
    for (const expected of [
      'Score sheet: GP-2026-0042',
      'Siân’s Cwtch Community Kitchen — Tŷ Hapus',
      'Friday night “Safe Space” youth café in Łukasiewicz Hall',
      'Zoë Łukasiewicz',
      'Active Citizens Fund 2026–27, round 2',
      'Birmingham West NPU panel',
      '3 Dec 2026',
      '£1,250.00',
      '£800.00',
      '£150.00',
      '1,250 expected',
      '8 Jan 2027 to 17 Dec 2027',
      'Tackling anti-social behaviour',
      'Signed attendance register, reported each quarter',
      'I have no interest in this application',
      'I have an interest',
      'Signature',
    ])
      expect(text).toContain(expected);
  });

  test('lists every criterion with its weight and every level’s descriptor, and the gates', async () => {
    const text = flat(pages(await made).join('\n'));
    rubric.criteria.forEach((c, i) => {
      expect(text).toContain(`${i + 1}. ${c.name} (weight ${c.weight})`);
      c.descriptors.forEach((d, level) => expect(text).toContain(`${level} ${d}`));
    });
    for (const g of rubric.gates) expect(text).toContain(g.name);
    expect(text).toMatch(/Tick one Pass Fail/);
  });

  test('keeps each criterion on one page: its name with its levels and comment lines', async () => {
    const each = pages(await made).map(flat);
    for (const c of rubric.criteria) {
      const page = each.find((p) => p.includes(c.name));
      expect(page, c.name).toBeDefined();
      expect(page).toContain(`${c.scale} ${c.descriptors.at(-1)}`);
      expect(page).toContain(`Comment (required at 0 or ${c.scale})`);
    }
  });

  test('numbers every page "Page n of N" and names the application and rubric version in the footer', async () => {
    const file = await made;
    const all = pages(file);
    expect(all.length).toBe(pageCount(file));
    all.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${all.length}`);
      expect(page).toContain('GP-2026-0042 · Rubric version 2');
    });
  });

  test('is a tagged PDF, titled, in English, with headings, tables and lists in its structure', async () => {
    const file = await made;
    const meta = info(file);
    expect(meta).toMatch(/^Tagged:\s+yes$/m);
    expect(meta).toMatch(/^Title:\s+Score sheet: GP-2026-0042 Siân’s Cwtch Community Kitchen — Tŷ Hapus$/m);
    expect(meta).toMatch(/^Page size:.*\(A4\)$/m);
    expect(meta).toMatch(/^CreationDate:\s+Wed Nov 25 09:30:00 2026 UTC$/m);
    expect(readFileSync(file, 'latin1')).toContain('/Lang (en-GB)');
    const structure = run('pdfinfo', '-struct-text', file);
    expect(structure).toMatch(/^ {2}H1 \(block\)\n {4}"Score sheet: GP-2026-0042"$/m);
    for (const tag of ['H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody']) expect(structure).toContain(`${tag}`);
    expect(structure).toContain('"Zoë Łukasiewicz"');
    expect(structure).toContain('/Scope /Column');
    // Footers are page furniture, not content: they are not in the structure.
    expect(structure).not.toContain('Page 1 of');
  });

  test('a criterion scored 0 to 4 gets five boxes, and no gates means no gate section', async () => {
    const fourLevels = { ...rubric.criteria[0]!, scale: 4 as const, descriptors: ['None', 'Weak', 'Fair', 'Good', 'Strong'] };
    const file = save(await scoreSheetPdf(sheetInput({ rubric: { ...rubric, criteria: [fourLevels], gates: [] } })));
    const text = flat(pages(file, '-raw').join('\n'));
    expect(text).toContain('Tick one level, 0 to 4 0 None 1 Weak 2 Fair 3 Good 4 Strong Comment (required at 0 or 4)');
    expect(text).not.toContain('Gates');
  });

  test('without a member names none, and leaves a line to write one', async () => {
    const text = flat(pages(save(await scoreSheetPdf(sheetInput({ memberName: undefined })))).join('\n'));
    expect(text).not.toContain('Zoë');
    expect(text).toContain('Your name (panel member)');
  });

  test('the same input at the same time makes the same bytes; another time, other bytes', async () => {
    const [a, b, c] = await Promise.all([
      scoreSheetPdf(sheetInput()),
      scoreSheetPdf(sheetInput()),
      scoreSheetPdf(sheetInput({ now: '2026-11-25T09:31:00.000Z' })),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  test('refuses a time that is not an instant', async () => {
    await expect(scoreSheetPdf(sheetInput({ now: 'yesterday' }))).rejects.toThrow('ISO-8601 instant');
  });
});

describe('hostile text', () => {
  const long = 'word '.repeat(1_990) + 'x'.repeat(50);
  const hostile = {
    ...application,
    organisation: 'Evil\u0000 Org\u202Eeman\u202C\u0007\r\nLtd',
    projectTitle: `Title\ttabbed \uD800 lone`,
    outcomes: [{ outcome: 'Emoji 🙂 and 李 do not stop it', measure: 'x' }],
    summary: `${long.slice(0, 9_000)}${'y'.repeat(1_000)}`,
    budgetLines: Array.from({ length: 50 }, (_, i) => ({
      item: `Budget line ${i + 1}: ${'equipment and room hire '.repeat(i % 7 === 0 ? 12 : 1)}`,
      amountPence: 1_000 + i,
    })),
  };
  const made = scoreSheetPdf(sheetInput({ application: hostile })).then(save);

  test('still makes a valid PDF, with the control characters taken out', async () => {
    const file = await made;
    expect(pageCount(file)).toBeGreaterThan(6);
    const text = flat(pages(file, '-raw').join('\n'));
    expect(text).toContain('Evil Orgeman Ltd: Title tabbed lone');
    // eslint-disable-next-line no-control-regex -- looking for exactly these
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F\u202A-\u202E]/);
    expect(text).toContain('Title tabbed lone');
    // Characters the font lacks draw as an empty box (and have no text); the rest is unharmed.
    expect(text).toMatch(/Emoji \S*\s?and \S*\s?do not stop it/);
  });

  test('wraps a 10,000-character summary: every character is on the page, no line runs off it', async () => {
    const file = await made;
    const text = pages(file).join('\n');
    expect(text.match(/y/g)?.length).toBeGreaterThanOrEqual(1_000);
    expect(text.match(/word/g)?.length).toBeGreaterThanOrEqual(1_790);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThan(160);
  });

  test('lays out 50 budget lines: none split across pages, the header repeated on each page', async () => {
    const each = pages(await made, '-raw');
    const withRows = each.filter((p) => /Budget line \d+:/.test(p));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) expect(page).toMatch(/^Item\s+Amount$/m);
    for (let i = 1; i <= 50; i++) {
      const onPages = each.filter((p) => p.includes(`Budget line ${i}:`));
      expect(onPages, `line ${i}`).toHaveLength(1);
      expect(flat(onPages[0]!)).toContain(flat(hostile.budgetLines[i - 1]!.item.trim()));
      expect(onPages[0]).toContain(`£${(10 + (i - 1) / 100).toFixed(2)}`);
    }
    expect(flat(each.join(' '))).toContain('Total of the budget lines £512.25');
  });

  test('a table row taller than a page flows on instead of being cut', async () => {
    const huge = 'lorem ipsum dolor '.repeat(800);
    const file = save(
      await renderPdf({ title: 'Tall row', author: 'Test', now: NOW }, [
        {
          kind: 'table',
          columns: [
            { header: 'What', width: 1 },
            { header: 'Note', width: 3 },
          ],
          rows: [
            ['Short', huge],
            ['After', 'end'],
          ],
        },
      ]),
    );
    const text = pages(file).join('\n');
    expect(text.match(/lorem/g)?.length).toBe(800);
    expect(text).toContain('After');
  });

  test('text is made printable: one kind of line break, no controls, composed accents', () => {
    expect(printable('a\r\nb\rc\u0000d\u0085e\u202Ef\uFEFF')).toBe('a\nb\ncdef');
    expect(printable('Zoe\u0308')).toBe('Zoë');
    expect(oneLine(' Evil\r\n\tOrg \u0000 Ltd ')).toBe('Evil Org Ltd');
  });
});

describe('a panel pack', () => {
  const input = packInput();
  const made = panelPackPdf(input).then(save);

  test('opens with a cover: round, panel, members, date and the applications with their amounts', async () => {
    const cover = flat(pages(await made, '-raw')[0]!);
    for (const expected of [
      'Panel pack: Birmingham West NPU panel',
      'Active Citizens Fund 2026–27, round 2',
      '3 Dec 2026',
      'Siân Ŵyn Jones (chair)',
      'Zoë Łukasiewicz',
      'Insp. Aaron O’Neill',
      'GP-2026-0042',
      'GP-2026-0043',
      'Handsworth Allotment Friends',
      '£980.50',
      '£2,500.00',
      'Total requested £4,730.50',
      'Page 1 of',
    ])
      expect(cover).toContain(expected);
  });

  test('then one score sheet per application, each starting on a new page', async () => {
    const file = await made;
    const each = pages(file);
    for (const a of input.applications) {
      const starts = each.filter((p) => p.trimStart().startsWith(`Score sheet: ${a.reference}`));
      expect(starts, a.reference).toHaveLength(1);
    }
    expect(each.at(-1)).toContain(`Page ${each.length} of ${each.length}`);
    expect(info(file)).toMatch(/^Tagged:\s+yes$/m);
    expect(info(file)).toMatch(/^Title:\s+Panel pack: Birmingham West NPU panel, Active Citizens Fund 2026–27, round 2$/m);
  });

  test('is byte-identical for the same input', async () => {
    const again = await panelPackPdf(packInput());
    expect(Buffer.from(again).equals(readFileSync(await made))).toBe(true);
  });
});

test('bundled as the CLI and the app bundle it (esbuild, CommonJS), it still makes the same PDF', async () => {
  const out = join(dir, 'bundle.cjs');
  await build({ ...common, sourcemap: false, entryPoints: ['test/support/pdf-bundle-entry.ts'], outfile: out });
  const file = join(dir, 'from-bundle.pdf');
  // Run from elsewhere: the bundle must not need files from node_modules beside it.
  execFileSync(process.execPath, [out, file], { cwd: tmpdir() });
  expect(readFileSync(file).equals(Buffer.from(await scoreSheetPdf(sheetInput())))).toBe(true);
});
