// A small document builder over pdfkit: a document is a list of blocks (headings, paragraphs,
// tables, tick boxes, writing lines…) laid out on A4 in reading order. Every page gets a footer
// with the title and "Page 2 of 5"; the text is real, selectable text in an embedded font, tagged
// (H1/H2/H3, P, L, Table) so a screen reader can follow it; drawn rules and boxes are artifacts.
// Same blocks and same `now` give the same bytes: pdfkit's file ID is a hash of the document
// information, which holds `now` and nothing random.
import PDFDocument from 'pdfkit';
import { FONTS, type FontWeight } from './fonts';
import { oneLine, printable } from './text';

export interface PdfMeta {
  /** Shown in the viewer's title bar and in every page's footer. */
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  /** When the document is made (ISO-8601 instant): its creation date. Inject it; never read a clock here. */
  now: string;
}

export interface Column {
  header: string;
  /** A share of the table's width: [3, 1] makes the first column three times the second. */
  width: number;
  align?: 'left' | 'right';
}

export interface Choice {
  /** What is printed beside the box: a score level, "Pass", or the words of the choice. */
  mark: string;
  /** A description after the mark (a level's descriptor). */
  text?: string;
  /** Adds a line to write on beneath the choice ("I have an interest: ____"). */
  writeIn?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; /** Adds a bookmark to the viewer's outline. */ bookmark?: boolean }
  | { kind: 'paragraph'; text: string; style?: 'body' | 'strong' | 'muted' | 'small' | 'lead' }
  | { kind: 'list'; items: string[]; numbered?: boolean }
  | { kind: 'keyValues'; rows: [label: string, value: string][] }
  /** `compact`: smaller type, for a wide table such as a ranking. */
  | { kind: 'table'; columns: Column[]; rows: string[][]; totals?: string[]; compact?: boolean }
  | { kind: 'choices'; label?: string; layout: 'row' | 'column'; options: Choice[] }
  | { kind: 'lines'; label?: string; count: number }
  | { kind: 'fields'; fields: { label: string; width?: number }[] }
  | { kind: 'group'; blocks: Block[]; keepTogether?: boolean; border?: boolean }
  /** Text added to the footer of this page and the pages after it, until the next note. */
  | { kind: 'runningNote'; text: string }
  | { kind: 'pageBreak' }
  | { kind: 'space'; points: number };

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#8a9094';
const MARGIN = { top: 54, bottom: 66, left: 54, right: 54 };
const LINE_GAP = 2;
const BOX = 15;
const WRITING_LINE = 26;

interface Style {
  weight: FontWeight;
  size: number;
  color: string;
}
const TEXT: Record<NonNullable<Extract<Block, { kind: 'paragraph' }>['style']>, Style> = {
  body: { weight: 'regular', size: 11, color: INK },
  strong: { weight: 'bold', size: 11, color: INK },
  muted: { weight: 'regular', size: 11, color: MUTED },
  small: { weight: 'regular', size: 9.5, color: MUTED },
  lead: { weight: 'regular', size: 13, color: INK },
};
/** A wide table's type: still 9 pt or more, as printed for volunteers. */
const COMPACT = { body: { ...TEXT.body, size: 9 }, strong: { ...TEXT.strong, size: 9 } };
const HEADINGS = {
  1: { style: { weight: 'bold', size: 20, color: INK }, before: 0, after: 8 },
  2: { style: { weight: 'bold', size: 15, color: INK }, before: 16, after: 6 },
  3: { style: { weight: 'bold', size: 12.5, color: INK }, before: 12, after: 4 },
} as const satisfies Record<1 | 2 | 3, { style: Style; before: number; after: number }>;
const GAP = 8;
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
/** pdfkit 0.20 takes a table header's scope; @types/pdfkit 0.17 does not know it yet. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column' };
interface Frame {
  x: number;
  width: number;
}

/** Lays out the blocks and returns the PDF file's bytes. */
export function renderPdf(meta: PdfMeta, blocks: Block[]): Promise<Uint8Array> {
  const created = new Date(meta.now);
  if (Number.isNaN(created.getTime())) return Promise.reject(new Error('A PDF needs the time it is made as an ISO-8601 instant'));
  return new Promise((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: 'A4',
        margins: MARGIN,
        bufferPages: true,
        autoFirstPage: true,
        tagged: true,
        lang: 'en-GB',
        displayTitle: true,
        pdfVersion: '1.7',
        // No default font: pdfkit would load Helvetica's metrics from files a bundle lacks. Ours
        // are registered below by name, so each is parsed once (a font given here as well would
        // be parsed again on every switch to it).
        font: null as unknown as string,
        info: {
          Title: oneLine(meta.title),
          Author: oneLine(meta.author),
          ...(meta.subject ? { Subject: oneLine(meta.subject) } : {}),
          ...(meta.keywords?.length ? { Keywords: meta.keywords.map(oneLine).join(', ') } : {}),
          Creator: 'GrantPanel',
          Producer: 'GrantPanel (PDFKit)',
          CreationDate: created,
          ModDate: created,
        },
      });
      const chunks: Uint8Array[] = [];
      doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.registerFont('regular', FONTS.regular as unknown as string);
      doc.registerFont('bold', FONTS.bold as unknown as string);
      doc.font('regular');
      const layout = new Layout(doc);
      const root = doc.struct('Document');
      doc.addStructure(root);
      layout.blocks(blocks, { x: MARGIN.left, width: doc.page.width - MARGIN.left - MARGIN.right }, root);
      root.end();
      layout.footers(oneLine(meta.title));
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

class Layout {
  private notes: { page: number; text: string }[] = [];
  constructor(private doc: Doc) {}

  private get top() {
    return this.doc.page.margins.top;
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  private get bodyHeight() {
    return this.bottom - this.top;
  }
  private get pageIndex() {
    return this.doc.bufferedPageRange().count - 1;
  }
  private atTop() {
    return this.doc.y <= this.top + 0.5;
  }

  /** Starts a new page unless `height` fits below; content taller than a page starts where it is. */
  private ensure(height: number) {
    if (this.doc.y + height > this.bottom && !this.atTop()) this.newPage();
  }
  private newPage() {
    this.doc.addPage();
    this.doc.y = this.top;
  }
  private use(style: Style) {
    this.doc.font(style.weight).fontSize(style.size).fillColor(style.color);
  }
  private height(text: string, style: Style, width: number): number {
    if (!text) return 0;
    this.use(style);
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }
  private lineHeight(style: Style): number {
    this.use(style);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }
  private write(text: string, style: Style, x: number, y: number, width: number, align: 'left' | 'right' = 'left') {
    this.use(style);
    this.doc.text(text, x, y, { width, lineGap: LINE_GAP, align });
  }
  /** Decoration (rules, boxes): marked as an artifact so assistive technology skips it. */
  private artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }
  private rule(x: number, y: number, width: number, weight = 0.6, color = RULE) {
    this.artifact(() => {
      this.doc
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(weight)
        .strokeColor(color)
        .stroke();
    });
  }
  private box(x: number, y: number) {
    this.artifact(() => {
      this.doc.rect(x, y, BOX, BOX).lineWidth(1).strokeColor(INK).stroke();
    });
  }
  private tag(parent: Struct, type: string, draw: () => void, options: StructOptions = {}) {
    parent.add(this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, draw));
  }

  blocks(blocks: Block[], frame: Frame, parent: Struct) {
    blocks.forEach((block, i) => this.block(block, frame, parent, blocks[i + 1]));
  }

  private block(block: Block, f: Frame, parent: Struct, next: Block | undefined) {
    switch (block.kind) {
      case 'heading':
        return this.heading(block, f, parent, next);
      case 'paragraph':
        return this.paragraph(block, f, parent);
      case 'list':
        return this.list(block, f, parent);
      case 'keyValues':
        return this.keyValues(block, f, parent);
      case 'table':
        return this.table(block, f, parent);
      case 'choices':
        return block.layout === 'row' ? this.choiceRow(block, f, parent) : this.choiceColumn(block, f, parent);
      case 'lines':
        return this.lines(block, f, parent);
      case 'fields':
        return this.fields(block, f, parent);
      case 'group':
        return this.group(block, f, parent);
      case 'runningNote':
        this.notes.push({ page: this.pageIndex, text: oneLine(block.text) });
        return;
      case 'pageBreak':
        if (!this.atTop()) this.newPage();
        return;
      case 'space':
        if (!this.atTop()) this.doc.y = Math.min(this.doc.y + block.points, this.bottom);
        return;
    }
  }

  /** How tall the blocks will be in a frame of this width: to keep a group on one page. */
  measure(blocks: Block[], width: number): number {
    let total = 0;
    for (const b of blocks) {
      switch (b.kind) {
        case 'heading': {
          const h = HEADINGS[b.level];
          total += h.before + this.height(oneLine(b.text), h.style, width) + h.after;
          break;
        }
        case 'paragraph':
          total += this.height(printable(b.text), TEXT[b.style ?? 'body'], width) + GAP;
          break;
        case 'list':
          total += b.items.reduce((sum, item) => sum + this.height(printable(item), TEXT.body, width - 18) + 3, 0) + GAP;
          break;
        case 'keyValues':
          total += b.rows.reduce((sum, row) => sum + this.keyValueHeight(row, width), 0) + GAP;
          break;
        case 'table': {
          const widths = this.columnWidths(b.columns, width);
          total += this.rowHeight(
            b.columns.map((c) => oneLine(c.header)),
            widths,
            TEXT.strong,
          );
          total += b.rows.reduce((sum, row) => sum + this.rowHeight(row.map(printable), widths, TEXT.body), 0);
          if (b.totals) total += this.rowHeight(b.totals.map(printable), widths, TEXT.strong);
          total += GAP;
          break;
        }
        case 'choices':
          total += b.layout === 'row' ? this.choiceRowHeight(b, width) : this.choiceColumnHeight(b, width);
          break;
        case 'lines':
          total += (b.label ? this.height(oneLine(b.label), TEXT.strong, width) : 0) + b.count * WRITING_LINE + GAP;
          break;
        case 'fields':
          total += this.fieldsHeight();
          break;
        case 'group':
          total += this.measure(b.blocks, width - (b.border ? 24 : 0)) + (b.border ? 20 : 0) + GAP;
          break;
        case 'space':
          total += b.points;
          break;
        default:
          break;
      }
    }
    return total;
  }

  private heading(b: Extract<Block, { kind: 'heading' }>, f: Frame, parent: Struct, next: Block | undefined) {
    const { style, before, after } = HEADINGS[b.level];
    const text = oneLine(b.text);
    const h = this.height(text, style, f.width);
    // Keep a heading with the start of what follows it: the whole of a group kept together.
    const together = next?.kind === 'group' && next.keepTogether ? this.measure([next], f.width) : 0;
    const follow = together > 0 && together + h < this.bodyHeight ? together : 3 * this.lineHeight(TEXT.body);
    this.ensure(before + h + after + follow);
    if (!this.atTop()) this.doc.y += before;
    const y = this.doc.y;
    if (b.bookmark) this.doc.outline.addItem(text);
    this.tag(parent, `H${b.level}`, () => this.write(text, style, f.x, y, f.width));
    this.doc.y = y + h + after;
  }

  private paragraph(b: Extract<Block, { kind: 'paragraph' }>, f: Frame, parent: Struct) {
    const text = printable(b.text).trim();
    if (!text) return;
    const style = TEXT[b.style ?? 'body'];
    const h = this.height(text, style, f.width);
    // Not one stranded line at the foot of a page; a long paragraph flows on to the next.
    this.ensure(Math.min(h, 3 * this.lineHeight(style)));
    const y = this.doc.y;
    this.tag(parent, 'P', () => this.write(text, style, f.x, y, f.width));
    this.doc.y += GAP;
  }

  private list(b: Extract<Block, { kind: 'list' }>, f: Frame, parent: Struct) {
    const indent = 18;
    const list = this.doc.struct('L');
    parent.add(list);
    b.items.forEach((item, i) => {
      const text = printable(item).trim();
      const h = this.height(text, TEXT.body, f.width - indent);
      this.ensure(Math.min(h, 2 * this.lineHeight(TEXT.body)));
      const y = this.doc.y;
      const li = this.doc.struct('LI');
      list.add(li);
      this.tag(li, 'Lbl', () => this.write(b.numbered ? `${i + 1}.` : '•', TEXT.body, f.x, y, indent));
      this.tag(li, 'LBody', () => this.write(text, TEXT.body, f.x + indent, y, f.width - indent));
      li.end();
      this.doc.y += 3;
    });
    list.end();
    this.doc.y += GAP - 3;
  }

  private labelWidth(width: number) {
    return Math.min(150, width * 0.34);
  }
  private keyValueHeight([label, value]: [string, string], width: number) {
    const lw = this.labelWidth(width);
    return Math.max(this.height(oneLine(label), TEXT.strong, lw - 8), this.height(printable(value), TEXT.body, width - lw)) + 2 * CELL_PAD;
  }

  /** Labelled values, tagged as a table whose first column heads each row. */
  private keyValues(b: Extract<Block, { kind: 'keyValues' }>, f: Frame, parent: Struct) {
    const lw = this.labelWidth(f.width);
    const table = this.doc.struct('Table');
    parent.add(table);
    this.rule(f.x, this.doc.y, f.width);
    for (const [rawLabel, rawValue] of b.rows) {
      const label = oneLine(rawLabel);
      const value = printable(rawValue).trim() || '—';
      const h = this.keyValueHeight([label, value], f.width);
      this.ensure(h <= this.bodyHeight ? h : 3 * this.lineHeight(TEXT.body));
      const y = this.doc.y;
      const page = this.pageIndex;
      const tr = this.doc.struct('TR');
      table.add(tr);
      this.tag(tr, 'TH', () => this.write(label, TEXT.strong, f.x, y + CELL_PAD, lw - 8), { scope: 'Row' });
      this.tag(tr, 'TD', () => this.write(value, TEXT.body, f.x + lw, y + CELL_PAD, f.width - lw));
      tr.end();
      // A value longer than a page has flowed on: carry on below it.
      this.doc.y = this.pageIndex === page ? y + h : this.doc.y + CELL_PAD;
      this.rule(f.x, this.doc.y, f.width);
    }
    table.end();
    this.doc.y += GAP;
  }

  private columnWidths(columns: Column[], width: number): number[] {
    const shares = columns.reduce((sum, c) => sum + c.width, 0);
    return columns.map((c) => (c.width / shares) * width);
  }
  private rowHeight(cells: string[], widths: number[], style: Style): number {
    return Math.max(...cells.map((c, i) => this.height(c, style, (widths[i] ?? 0) - 2 * CELL_PAD)), this.lineHeight(style)) + 2 * CELL_PAD;
  }

  /** A table: the header row repeats at the top of each page; a row is never split across pages. */
  private table(b: Extract<Block, { kind: 'table' }>, f: Frame, parent: Struct) {
    const body = b.compact ? COMPACT.body : TEXT.body;
    const strong = b.compact ? COMPACT.strong : TEXT.strong;
    const widths = this.columnWidths(b.columns, f.width);
    const xs = widths.map((_, i) => f.x + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const headers = b.columns.map((c) => oneLine(c.header));
    const headerHeight = this.rowHeight(headers, widths, strong);
    const table = this.doc.struct('Table');
    parent.add(table);

    const cellsAt = (cells: string[], style: Style, y: number, tr: Struct | null, cellTag: 'TH' | 'TD') => {
      cells.forEach((cell, i) => {
        const draw = () => this.write(cell, style, xs[i]! + CELL_PAD, y + CELL_PAD, widths[i]! - 2 * CELL_PAD, b.columns[i]?.align);
        if (tr) this.tag(tr, cellTag, draw, cellTag === 'TH' ? { scope: 'Column' as const } : {});
        else this.artifact(draw, 'Pagination');
      });
    };
    // The first header is the table's; the repeats are page furniture, not content read twice.
    const header = (tagged: boolean) => {
      const y = this.doc.y;
      const tr = tagged ? this.doc.struct('TR') : null;
      if (tr) table.add(tr);
      cellsAt(headers, strong, y, tr, 'TH');
      tr?.end();
      this.doc.y = y + headerHeight;
      this.rule(f.x, this.doc.y, f.width, 1.2, INK);
    };
    const row = (cells: string[], style: Style) => {
      const h = this.rowHeight(cells, widths, style);
      if (h > this.bodyHeight - headerHeight) return this.tallRow(cells, headers, f, table);
      if (this.doc.y + h > this.bottom) {
        this.newPage();
        header(false);
      }
      const y = this.doc.y;
      const tr = this.doc.struct('TR');
      table.add(tr);
      cellsAt(cells, style, y, tr, 'TD');
      tr.end();
      this.doc.y = y + h;
      this.rule(f.x, this.doc.y, f.width);
    };

    const first = b.rows[0] ?? b.totals;
    this.ensure(headerHeight + (first ? this.rowHeight(first.map(printable), widths, body) : 0));
    header(true);
    for (const cells of b.rows) row(cells.map(printable), body);
    if (b.totals) row(b.totals.map(printable), strong);
    table.end();
    this.doc.y += GAP;
  }

  /** A row too tall for any page: its cells flow one after another, each named by its column. */
  private tallRow(cells: string[], headers: string[], f: Frame, table: Struct) {
    const tr = this.doc.struct('TR');
    table.add(tr);
    cells.forEach((cell, i) => {
      this.ensure(3 * this.lineHeight(TEXT.body));
      const y = this.doc.y;
      this.tag(tr, 'TD', () => this.write(`${headers[i] ?? ''}: ${cell}`, TEXT.body, f.x + CELL_PAD, y + CELL_PAD, f.width - 2 * CELL_PAD));
      this.doc.y += CELL_PAD;
    });
    tr.end();
    this.rule(f.x, this.doc.y, f.width);
  }

  private choiceRowLayout(b: Extract<Block, { kind: 'choices' }>, width: number) {
    const label = b.label ? oneLine(b.label) : '';
    this.use(TEXT.strong);
    const labelWidth = label ? Math.min(this.doc.widthOfString(label) + 12, width * 0.45) : 0;
    const labelHeight = label ? this.height(label, TEXT.strong, labelWidth - 12) : 0;
    const step = BOX + 10;
    let x = labelWidth;
    let y = 0;
    const places = b.options.map((o) => {
      const mark = oneLine(o.mark);
      this.use(TEXT.strong);
      const w = BOX + 6 + this.doc.widthOfString(mark) + 16;
      if (x + w > width && x > labelWidth) {
        x = labelWidth;
        y += step;
      }
      const place = { mark, x, y };
      x += Math.max(w, 44);
      return place;
    });
    return { label, labelWidth, places, height: Math.max(labelHeight, y + BOX) + 10 };
  }
  private choiceRowHeight(b: Extract<Block, { kind: 'choices' }>, width: number) {
    return this.choiceRowLayout(b, width).height + GAP;
  }

  /** Tick boxes in a row: "Score: ☐ 0 ☐ 1 … ☐ 5", "☐ Pass ☐ Fail". */
  private choiceRow(b: Extract<Block, { kind: 'choices' }>, f: Frame, parent: Struct) {
    const layout = this.choiceRowLayout(b, f.width);
    this.ensure(layout.height);
    const y = this.doc.y + 2;
    const p = this.doc.struct('P');
    parent.add(p);
    if (layout.label) p.add(() => this.write(layout.label, TEXT.strong, f.x, y + 1, layout.labelWidth - 12));
    for (const place of layout.places) {
      p.add(() => this.write(place.mark, TEXT.strong, f.x + place.x + BOX + 6, y + place.y + 1, 200));
    }
    p.end();
    for (const place of layout.places) this.box(f.x + place.x, y + place.y);
    this.doc.y = y - 2 + layout.height + GAP;
  }

  private choiceColumnLayout(b: Extract<Block, { kind: 'choices' }>, width: number) {
    this.use(TEXT.strong);
    const marks = b.options.map((o) => oneLine(o.mark));
    const described = b.options.some((o) => o.text);
    const markWidth = described ? Math.max(...marks.map((m) => this.doc.widthOfString(m))) + 10 : width - BOX - 8;
    const textX = BOX + 8 + markWidth;
    const label = b.label ? oneLine(b.label) : '';
    const rows = b.options.map((o, i) => {
      const text = o.text ? printable(o.text).trim() : '';
      const markHeight = this.height(marks[i]!, TEXT.strong, markWidth);
      const textHeight = text ? this.height(text, TEXT.body, width - textX) : 0;
      // Room between boxes, so a tick made in a hurry is still plainly in one of them.
      const h = Math.max(BOX, markHeight, textHeight) + (o.writeIn ? WRITING_LINE : 0) + 9;
      return { mark: marks[i]!, text, h, writeIn: !!o.writeIn };
    });
    const labelHeight = label ? this.height(label, TEXT.strong, width) + 4 : 0;
    return { label, labelHeight, markWidth, textX, rows, height: labelHeight + rows.reduce((s, r) => s + r.h, 0) };
  }
  private choiceColumnHeight(b: Extract<Block, { kind: 'choices' }>, width: number) {
    return this.choiceColumnLayout(b, width).height + GAP;
  }

  /** Tick boxes one under another, each with its words: a level and its descriptor, a declaration. */
  private choiceColumn(b: Extract<Block, { kind: 'choices' }>, f: Frame, parent: Struct) {
    const layout = this.choiceColumnLayout(b, f.width);
    if (layout.height <= this.bodyHeight) this.ensure(layout.height);
    if (layout.label) {
      this.ensure(layout.labelHeight + (layout.rows[0]?.h ?? 0));
      const y = this.doc.y;
      this.tag(parent, 'P', () => this.write(layout.label, TEXT.strong, f.x, y, f.width));
      this.doc.y = y + layout.labelHeight;
    }
    const list = this.doc.struct('L');
    parent.add(list);
    for (const row of layout.rows) {
      this.ensure(row.h);
      const y = this.doc.y;
      const li = this.doc.struct('LI');
      list.add(li);
      this.tag(li, 'Lbl', () => this.write(row.mark, TEXT.strong, f.x + BOX + 8, y + 1, layout.markWidth));
      if (row.text) this.tag(li, 'LBody', () => this.write(row.text, TEXT.body, f.x + layout.textX, y + 1, f.width - layout.textX));
      li.end();
      this.box(f.x, y);
      if (row.writeIn) this.rule(f.x + BOX + 8, y + row.h - 9, f.width - BOX - 8, 0.8, INK);
      this.doc.y = y + row.h;
    }
    list.end();
    this.doc.y += GAP;
  }

  /** Ruled lines to write on by hand. */
  private lines(b: Extract<Block, { kind: 'lines' }>, f: Frame, parent: Struct) {
    const label = b.label ? oneLine(b.label) : '';
    const labelHeight = label ? this.height(label, TEXT.strong, f.width) : 0;
    this.ensure(labelHeight + b.count * WRITING_LINE);
    if (label) {
      const y = this.doc.y;
      this.tag(parent, 'P', () => this.write(label, TEXT.strong, f.x, y, f.width));
      this.doc.y = y + labelHeight;
    }
    for (let i = 0; i < b.count; i++) {
      this.ensure(WRITING_LINE);
      this.doc.y += WRITING_LINE;
      this.rule(f.x, this.doc.y, f.width, 0.6);
    }
    this.doc.y += GAP;
  }

  private fieldsHeight() {
    return 30 + this.lineHeight(TEXT.small) + GAP;
  }

  /** Lines to sign and date on, side by side, each named beneath. */
  private fields(b: Extract<Block, { kind: 'fields' }>, f: Frame, parent: Struct) {
    const gutter = 18;
    const shares = b.fields.reduce((s, x) => s + (x.width ?? 1), 0);
    const usable = f.width - gutter * (b.fields.length - 1);
    this.ensure(this.fieldsHeight());
    const lineY = this.doc.y + 30;
    let x = f.x;
    const p = this.doc.struct('P');
    parent.add(p);
    const placed = b.fields.map((field) => {
      const w = ((field.width ?? 1) / shares) * usable;
      const at = { x, w, label: oneLine(field.label) };
      x += w + gutter;
      return at;
    });
    for (const at of placed) p.add(() => this.write(at.label, TEXT.small, at.x, lineY + 3, at.w));
    p.end();
    for (const at of placed) this.rule(at.x, lineY, at.w, 0.8, INK);
    this.doc.y = lineY + 3 + this.lineHeight(TEXT.small) + GAP;
  }

  private group(b: Extract<Block, { kind: 'group' }>, f: Frame, parent: Struct) {
    const pad = b.border ? 12 : 0;
    const padY = b.border ? 10 : 0;
    const inner = { x: f.x + pad, width: f.width - 2 * pad };
    if (b.keepTogether) {
      const h = this.measure(b.blocks, inner.width) + 2 * padY;
      if (h <= this.bodyHeight) this.ensure(h);
    }
    const sect = this.doc.struct('Sect');
    parent.add(sect);
    const start = { page: this.pageIndex, y: this.doc.y };
    this.doc.y += padY;
    this.blocks(b.blocks, inner, sect);
    sect.end();
    this.doc.y += padY - GAP;
    if (b.border) this.frame(f, start, { page: this.pageIndex, y: this.doc.y });
    this.doc.y += GAP + 4;
  }

  /** A border round content, drawn page by page when the content ran over more than one. */
  private frame(f: Frame, start: { page: number; y: number }, end: { page: number; y: number }) {
    for (let page = start.page; page <= end.page; page++) {
      this.doc.switchToPage(page);
      const top = page === start.page ? start.y : this.top - 6;
      const bottom = page === end.page ? end.y : this.bottom + 6;
      this.artifact(() => {
        const d = this.doc.lineWidth(1.5).strokeColor(INK);
        d.moveTo(f.x, top)
          .lineTo(f.x, bottom)
          .moveTo(f.x + f.width, top)
          .lineTo(f.x + f.width, bottom)
          .stroke();
        if (page === start.page)
          d.moveTo(f.x, top)
            .lineTo(f.x + f.width, top)
            .stroke();
        if (page === end.page)
          d.moveTo(f.x, bottom)
            .lineTo(f.x + f.width, bottom)
            .stroke();
      });
    }
    this.doc.switchToPage(end.page);
  }

  /** "Title · note" and "Page 2 of 5" on every page, as pagination artifacts. */
  footers(title: string) {
    const { count } = this.doc.bufferedPageRange();
    for (let page = 0; page < count; page++) {
      this.doc.switchToPage(page);
      const margins = this.doc.page.margins;
      const bottomMargin = margins.bottom;
      margins.bottom = 0; // writing in the margin must not start a new page
      const x = margins.left;
      const width = this.doc.page.width - margins.left - margins.right;
      const y = this.doc.page.height - bottomMargin + 22;
      // The note (which application, which rubric) first: a long title is what gets shortened.
      const note = this.notes.filter((n) => n.page <= page).at(-1)?.text;
      const pageText = `Page ${page + 1} of ${count}`;
      this.rule(x, y - 6, width, 0.6);
      this.artifact(() => {
        this.use(TEXT.small);
        const pageWidth = this.doc.widthOfString(pageText);
        this.doc.text(this.fit([note, title].filter(Boolean).join(' · '), width - pageWidth - 16), x, y, { lineBreak: false });
        this.doc.text(pageText, x + width - pageWidth, y, { lineBreak: false });
      }, 'Pagination');
      margins.bottom = bottomMargin;
    }
  }

  /** Shortens text with an ellipsis to fit one line of the current font. */
  private fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, Math.floor(cut.length * 0.9));
    return `${cut.trimEnd()}…`;
  }
}
