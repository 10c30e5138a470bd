import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { drawEuEmblem } from './eu-emblem';
import type { LayoutBlock, LayoutModel } from './layout-model';

const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const FONT = join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const MARGIN = 50;
const EU_LINE = 'Cofinancé par l’Union européenne';

/** The only pdfkit caller: places a layout model on A4 pages, with an embedded open font so accents and € print. */
export function renderPdf(layout: LayoutModel, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 40, bottom: MARGIN + 30, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: layout.title, Subject: layout.reference, Creator: 'Essaim', Producer: 'Essaim', CreationDate: createdAt },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(18).text(layout.title);
  if (layout.subtitle) doc.font('regular').fontSize(11).fillColor('#3a3a3a').text(layout.subtitle).fillColor('black');
  doc.moveDown();
  for (const block of layout.blocks) renderBlock(doc, block);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    decoratePage(doc, layout, i - range.start + 1, range.count);
  }
  doc.end();
  return done;
}

function renderBlock(doc: PDFKit.PDFDocument, block: LayoutBlock): void {
  const width = doc.page.width - 2 * MARGIN;
  switch (block.kind) {
    case 'heading':
      doc.moveDown(0.5).font('bold').fontSize(13).text(block.text).moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('regular').fontSize(10).text(block.text, { align: 'justify' }).moveDown(0.5);
      return;
    case 'keyValues':
      for (const [label, value] of block.rows) {
        const y = doc.y;
        doc.font('bold').fontSize(10).text(label, MARGIN, y, { width: width * 0.38 });
        const after = doc.y;
        doc.font('regular').text(value, MARGIN + width * 0.4, y, { width: width * 0.6 });
        doc.y = Math.max(after, doc.y) + 2;
      }
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
    doc.font('regular').fontSize(8).fillColor('black').text(bar.label, MARGIN, y + 2, { width: labelWidth - 6, height: BAR_HEIGHT, ellipsis: true, lineBreak: false });
    if (length > 0) doc.rect(MARGIN + labelWidth, y, length, BAR_HEIGHT).fill('#000091');
    doc.moveTo(MARGIN + labelWidth, y - BAR_GAP / 2).lineTo(MARGIN + labelWidth, y + BAR_HEIGHT + BAR_GAP / 2).lineWidth(0.5).strokeColor('#666666').stroke();
    doc.fillColor('black').text(bar.valueLabel, MARGIN + labelWidth + length + 6, y + 2, { width: valueWidth + barMax - length, lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + BAR_HEIGHT + BAR_GAP;
  }
  doc.fillColor('black');
  doc.moveDown(0.8);
}

function renderTable(doc: PDFKit.PDFDocument, block: Extract<LayoutBlock, { kind: 'table' }>, width: number): void {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => (c.width / total) * width);
  const row = (cells: string[], bold: boolean): void => {
    const heights = cells.map((cell, i) => doc.font(bold ? 'bold' : 'regular').fontSize(9).heightOfString(cell, { width: widths[i] - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(9).text(cell, x + 3, y + 3, { width: widths[i] - 6, align: block.columns[i].align });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(block.columns.map((c) => c.label), true);
  for (const cells of block.rows) row(cells, false);
  if (block.footer) row(block.footer, true);
  doc.moveDown(0.8);
}

function decoratePage(doc: PDFKit.PDFDocument, layout: LayoutModel, page: number, pages: number): void {
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 10;
  // Writing in the margins must not trigger pdfkit's automatic page break.
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font('bold').fontSize(9).fillColor('#000091').text(layout.issuer, MARGIN, MARGIN, { width: width - 60 });
  doc.font('regular').fontSize(8).fillColor('#3a3a3a').text(layout.reference, MARGIN, MARGIN + 12, { width: width - 60 });
  drawEuEmblem(doc, MARGIN, bottom - 4, 27);
  doc.font('bold').fontSize(8).fillColor('black').text(EU_LINE, MARGIN + 33, bottom + 4, { width: width / 2 });
  doc.font('regular').fontSize(8).text(`${layout.footer} — page ${page} sur ${pages}`, MARGIN + width / 2, bottom + 4, { width: width / 2, align: 'right' });
  doc.page.margins.bottom = saved;
  doc.fillColor('black');
}
