import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { drawEuEmblem } from './eu-emblem';
import type { LayoutBlock, LayoutModel } from './layout-model';
import { at } from '../../../common/collections';

const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const FONT = join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const MARGIN = 50;
const EU_LINE = 'Cofinancé par l’Union européenne';

type FontSource = PDFKit.Mixins.PDFFontSource;
interface ShapedRun {
  positions: object[];
}
interface ParsedFont {
  layout(text: string, features?: unknown): ShapedRun;
}

/**
 * Parsed fonts shared by every document of the process: parsing the DejaVu tables and shaping the same legal
 * sentences anew for each document took most of the rendering time (bench:documents). pdfkit accepts a parsed
 * font in place of a path; the shared one memoises shaped words. pdfkit scales the positions of a run in place,
 * so each call gets its own copies; glyphs are read-only and each document still embeds its own subset.
 */
const parsedFonts = new Map<string, FontSource>();
const MAX_SHAPED_WORDS = 50_000;

function fontSource(path: string): FontSource {
  const cached = parsedFonts.get(path);
  if (cached) return cached;
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(path);
  const parsed = (probe as unknown as { _font?: { font?: ParsedFont } })._font?.font;
  if (typeof parsed?.layout !== 'function') return path; // another pdfkit: parse per document
  const shaped = new Map<string, ShapedRun>();
  const shared = Object.create(parsed) as ParsedFont;
  shared.layout = (text: string, features?: unknown): ShapedRun => {
    if (features !== undefined) return parsed.layout(text, features);
    let run = shaped.get(text);
    if (!run) {
      if (shaped.size >= MAX_SHAPED_WORDS) shaped.clear();
      run = parsed.layout(text);
      shaped.set(text, run);
    }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as ShapedRun, run);
    copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
    return copy;
  };
  parsedFonts.set(path, shared as unknown as FontSource);
  return shared as unknown as FontSource;
}

/** The only pdfkit caller: places a layout model on A4 pages, with an embedded open font so accents and € print. */
export function renderPdf(layout: LayoutModel, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 40, bottom: MARGIN + 30, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: layout.title, Subject: layout.reference, Creator: 'Essaim', Producer: 'Essaim', CreationDate: createdAt },
  });
  doc.registerFont('regular', fontSource(FONT));
  doc.registerFont('bold', fontSource(FONT_BOLD));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(18).text(layout.title);
  if (layout.subtitle) doc.font('regular').fontSize(11).fillColor('#3a3a3a').text(layout.subtitle).fillColor('black');
  doc.moveDown();
  layout.blocks.forEach((block, i) => {
    // A heading never ends a page: it goes over with the start of what it introduces.
    if (block.kind === 'heading' && roomLeft(doc) < headingHeight(doc, block.text) + leadHeight(doc, layout.blocks[i + 1])) doc.addPage();
    renderBlock(doc, block);
  });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    decoratePage(doc, layout, i - range.start + 1, range.count);
  }
  doc.end();
  return done;
}

const BODY = 10;
const CELL = 9;
/** Fewest lines of a paragraph left at the foot of a page or carried to the next one (no orphan, no widow). */
const MIN_LINES = 2;

const contentWidth = (doc: PDFKit.PDFDocument): number => doc.page.width - 2 * MARGIN;

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const DATE = new RegExp(`\\b(\\d{1,2}(?:er)?) (${MONTHS}) (\\d{4})\\b`, 'g');

/**
 * No-break spaces where French typography forbids a line break: inside a date (« 1er mars 2023 ») and after « n° »,
 * « art. », « CCI » and « SIRET », so that a reference never loses its number at the end of a line.
 */
export function tie(text: string): string {
  return text.replace(DATE, '$1\u00a0$2\u00a0$3').replace(/(^|[\s(])(n°|art\.|CCI|SIRET) (?=\S)/g, '$1$2\u00a0');
}
const roomLeft = (doc: PDFKit.PDFDocument): number => doc.page.height - doc.page.margins.bottom - doc.y;

function headingHeight(doc: PDFKit.PDFDocument, text: string): number {
  return (
    doc
      .font('bold')
      .fontSize(13)
      .heightOfString(text, { width: contentWidth(doc) }) +
    doc.currentLineHeight(true) * 0.8
  );
}

/** The part of a block that must stay with the heading before it. */
function leadHeight(doc: PDFKit.PDFDocument, block: LayoutBlock | undefined): number {
  if (!block) return 0;
  doc.font('regular').fontSize(BODY);
  const line = doc.currentLineHeight(true);
  switch (block.kind) {
    case 'paragraph': {
      const height = doc.heightOfString(tie(block.text), { width: contentWidth(doc), align: 'justify' });
      return block.keepTogether ? height : Math.min(height, line * 3);
    }
    case 'keyValues':
      return block.rows.slice(0, 2).reduce((h, r) => h + keyValueHeight(doc, r), 0);
    case 'table':
      return (
        tableRowHeight(
          doc,
          block,
          block.columns.map((c) => c.label),
          true,
        ) + (block.rows[0] ? tableRowHeight(doc, block, block.rows[0], false) : 0)
      );
    case 'barChart':
      return 20 + 3 * (BAR_HEIGHT + BAR_GAP);
    case 'heading':
      return headingHeight(doc, block.text);
  }
}

/**
 * A paragraph that does not fit is split by pdfkit; it starts on a new page instead when the split would leave fewer
 * than two lines at the foot of this page or carry fewer than two to the next.
 */
function renderParagraph(doc: PDFKit.PDFDocument, raw: string, keepTogether = false): void {
  const text = tie(raw);
  doc.font('regular').fontSize(BODY);
  const line = doc.currentLineHeight(true);
  const height = doc.heightOfString(text, { width: contentWidth(doc), align: 'justify' });
  const room = roomLeft(doc);
  const pageRoom = doc.page.height - doc.page.margins.bottom - doc.page.margins.top;
  if (keepTogether && height > room && height < pageRoom) doc.addPage();
  else if (height > room) {
    const lines = Math.round(height / line);
    const fitting = Math.floor(room / line);
    if (fitting < MIN_LINES || lines - fitting < MIN_LINES) doc.addPage();
  }
  // A signature block reads as lines of its own, never stretched.
  doc
    .font('regular')
    .fontSize(BODY)
    .text(text, MARGIN, doc.y, { align: keepTogether ? 'left' : 'justify', width: contentWidth(doc) })
    .moveDown(0.5);
}

function keyValueHeight(doc: PDFKit.PDFDocument, [label, value]: [string, string]): number {
  const width = contentWidth(doc);
  return (
    Math.max(
      doc
        .font('bold')
        .fontSize(BODY)
        .heightOfString(label, { width: width * 0.38 }),
      doc
        .font('regular')
        .fontSize(BODY)
        .heightOfString(tie(value), { width: width * 0.6 }),
    ) + 2
  );
}

function renderBlock(doc: PDFKit.PDFDocument, block: LayoutBlock): void {
  const width = contentWidth(doc);
  switch (block.kind) {
    case 'heading':
      doc.moveDown(0.5).font('bold').fontSize(13).text(block.text, MARGIN, doc.y, { width }).moveDown(0.3);
      return;
    case 'paragraph':
      renderParagraph(doc, block.text, block.keepTogether);
      return;
    case 'keyValues':
      block.rows.forEach((row, i) => {
        // A label and its value stay on one page, and the last row is never alone on a new page.
        const last = i === block.rows.length - 2 ? block.rows[i + 1] : undefined;
        const need = keyValueHeight(doc, row) + (last ? keyValueHeight(doc, last) : 0);
        if (roomLeft(doc) < need) doc.addPage();
        const [label, value] = row;
        const y = doc.y;
        doc
          .font('bold')
          .fontSize(BODY)
          .text(label, MARGIN, y, { width: width * 0.38 });
        const after = doc.y;
        doc.font('regular').text(tie(value), MARGIN + width * 0.4, y, { width: width * 0.6 });
        doc.y = Math.max(after, doc.y) + 2;
      });
      doc.x = MARGIN;
      doc.moveDown(0.5);
      return;
    case 'table':
      renderTable(doc, block, width);
      return;
    case 'barChart':
      renderBarChart(doc, block, width);
      return;
  }
}

const BAR_HEIGHT = 12;
const BAR_GAP = 5;

/** Labels on the left, one bar per row scaled to the largest value, the formatted value after the bar. */
function renderBarChart(doc: PDFKit.PDFDocument, block: Extract<LayoutBlock, { kind: 'barChart' }>, width: number): void {
  const labelWidth = width * 0.3;
  const valueWidth = width * 0.2;
  const barMax = width - labelWidth - valueWidth - 12;
  const max = Math.max(0, ...block.bars.map((b) => b.value));
  const needed = 20 + Math.min(block.bars.length, 3) * (BAR_HEIGHT + BAR_GAP);
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('bold').fontSize(10).fillColor('black').text(block.title, MARGIN, doc.y, { width }).moveDown(0.3);
  for (const bar of block.bars) {
    if (doc.y + BAR_HEIGHT + BAR_GAP > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    const length = max > 0 ? Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * barMax) : 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('black')
      .text(bar.label, MARGIN, y + 2, { width: labelWidth - 6, height: BAR_HEIGHT, ellipsis: true, lineBreak: false });
    if (length > 0) doc.rect(MARGIN + labelWidth, y, length, BAR_HEIGHT).fill('#000091');
    doc
      .moveTo(MARGIN + labelWidth, y - BAR_GAP / 2)
      .lineTo(MARGIN + labelWidth, y + BAR_HEIGHT + BAR_GAP / 2)
      .lineWidth(0.5)
      .strokeColor('#666666')
      .stroke();
    doc.fillColor('black').text(bar.valueLabel, MARGIN + labelWidth + length + 6, y + 2, { width: valueWidth + barMax - length, lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + BAR_HEIGHT + BAR_GAP;
  }
  doc.fillColor('black');
  doc.moveDown(0.8);
}

type TableBlock = Extract<LayoutBlock, { kind: 'table' }>;

const columnWidths = (doc: PDFKit.PDFDocument, block: TableBlock): number[] => {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  return block.columns.map((c) => (c.width / total) * contentWidth(doc));
};

/**
 * The font size of each column: 9 pt, smaller (down to 6 pt) when one of the column's words would not fit, so that a
 * dossier number, an amount or a word is never cut (pdfkit splits the words of a cell at spaces only when they fit).
 * One size per column keeps a column even.
 */
function columnFontSizes(doc: PDFKit.PDFDocument, block: TableBlock): number[] {
  const widths = columnWidths(doc, block);
  const rows: [string[], boolean][] = [
    [block.columns.map((c) => c.label), true],
    ...block.rows.map((r): [string[], boolean] => [r, false]),
    ...(block.footer ? [[block.footer, true] as [string[], boolean]] : []),
  ];
  return widths.map((w, i) => {
    let size = CELL;
    for (const [cells, bold] of rows) {
      doc.font(bold ? 'bold' : 'regular');
      for (const word of unbreakables(cells[i] ?? '')) while (size > 6 && doc.fontSize(size).widthOfString(word) > w - 6) size -= 0.5;
    }
    return size;
  });
}

/**
 * The parts of a cell text that must stay on one line: its words, numbers and amounts (amounts hold no-break spaces).
 * A token longer than 24 characters (a file name, an address) may break after its hyphens, like any line breaker does;
 * a dossier number or a date is shorter and a SHA-256 has no hyphen, so they stay whole.
 */
function unbreakables(text: string): string[] {
  return text.split(/[ \n]+/).flatMap((w) => (w.length > 24 ? w.split(/(?<=-)/) : [w]));
}

function tableRowHeight(doc: PDFKit.PDFDocument, block: TableBlock, cells: string[], bold: boolean, sizes = columnFontSizes(doc, block)): number {
  const widths = columnWidths(doc, block);
  const heights = cells.map((cell, i) =>
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(at(sizes, i, 'column font size'))
      .heightOfString(cell, { width: at(widths, i, 'column width') - 6 }),
  );
  return Math.max(...heights) + 6;
}

/** Rows never split across pages; the header row is repeated on each page, and a page never holds the last row alone. */
function renderTable(doc: PDFKit.PDFDocument, block: TableBlock, width: number): void {
  const widths = columnWidths(doc, block);
  const sizes = columnFontSizes(doc, block);
  const header = block.columns.map((c) => c.label);
  const rowHeight = (cells: string[], bold: boolean): number => tableRowHeight(doc, block, cells, bold, sizes);
  const draw = (cells: string[], bold: boolean): void => {
    const h = rowHeight(cells, bold);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const cellWidth = at(widths, i, 'column width');
      doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(at(sizes, i, 'column font size'))
        .text(cell, x + 3, y + 3, { width: cellWidth - 6, align: at(block.columns, i, 'table column').align });
      x += cellWidth;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const body: [string[], boolean][] = [
    ...block.rows.map((r): [string[], boolean] => [r, false]),
    ...(block.footer ? [[block.footer, true] as [string[], boolean]] : []),
  ];
  const firstHeight = body[0] ? rowHeight(body[0][0], body[0][1]) : 0;
  if (roomLeft(doc) < rowHeight(header, true) + firstHeight) doc.addPage();
  draw(header, true);
  body.forEach(([cells, bold], i) => {
    const h = rowHeight(cells, bold);
    const last = i === body.length - 2 ? body[i + 1] : undefined;
    const next = last ? rowHeight(...last) : 0;
    if (roomLeft(doc) < h + next) {
      doc.addPage();
      draw(header, true);
    }
    draw(cells, bold);
  });
  doc.moveDown(0.8);
}

const LOGO = 34;

function decoratePage(doc: PDFKit.PDFDocument, layout: LayoutModel, page: number, pages: number): void {
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 10;
  const top = MARGIN - 14;
  // Writing in the margins must not trigger pdfkit's automatic page break.
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const issuer = typeof layout.issuer === 'string' ? { name: layout.issuer, details: null, logoPath: null } : layout.issuer;
  let x = MARGIN;
  if (issuer.logoPath) {
    doc.image(issuer.logoPath, MARGIN, top, { fit: [LOGO, LOGO] });
    x += LOGO + 8;
  }
  const textWidth = width - (x - MARGIN);
  doc.font('bold').fontSize(9).fillColor('#000091').text(issuer.name, x, top, { width: textWidth, lineBreak: false, ellipsis: true });
  if (issuer.details)
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#3a3a3a')
      .text(issuer.details, x, top + 12, { width: textWidth, lineBreak: false, ellipsis: true });
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('#3a3a3a')
    .text(layout.reference, x, top + (issuer.details ? 23 : 12), { width: textWidth, lineBreak: false, ellipsis: true });
  drawEuEmblem(doc, MARGIN, bottom - 4, 27);
  // The EU line takes what it needs; the footer and its page numbers get the rest, on one line.
  const euWidth = doc.font('bold').fontSize(8).widthOfString(EU_LINE) + 4;
  doc.fillColor('black').text(EU_LINE, MARGIN + 33, bottom + 4, { width: euWidth, lineBreak: false });
  const footerX = MARGIN + 33 + euWidth + 12;
  const footerWidth = MARGIN + width - footerX;
  doc.font('regular').fontSize(8);
  const line = `${layout.footer} — page ${page} sur ${pages}`;
  if (doc.widthOfString(line) <= footerWidth) doc.text(line, footerX, bottom + 4, { width: footerWidth, align: 'right', lineBreak: false });
  else {
    // Too long for one line: the page numbers go on a line of their own, never split.
    doc.text(layout.footer, footerX, bottom - 2, { width: footerWidth, align: 'right', height: 10, ellipsis: true });
    doc.text(`page ${page} sur ${pages}`, footerX, bottom + 8, { width: footerWidth, align: 'right', lineBreak: false });
  }
  doc.page.margins.bottom = saved;
  doc.fillColor('black');
}
