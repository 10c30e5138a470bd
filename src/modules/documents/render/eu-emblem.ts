import type PDFDocument from 'pdfkit';

const BLUE = '#003399';
const YELLOW = '#FFCC00';

/**
 * The EU emblem drawn as vectors (CPR art. 47 and Annex IX: the flag with 12 gold stars on blue, ratio 3:2),
 * so that no image file is needed and it prints sharp at any size.
 */
export function drawEuEmblem(doc: PDFKit.PDFDocument | InstanceType<typeof PDFDocument>, x: number, y: number, width: number): void {
  const height = (width * 2) / 3;
  doc.save().rect(x, y, width, height).fill(BLUE);
  const cx = x + width / 2;
  const cy = y + height / 2;
  const ring = height / 3;
  const outer = height / 18;
  const inner = outer * 0.382;
  for (let i = 0; i < 12; i++) {
    const angle = (i * Math.PI) / 6;
    const sx = cx + ring * Math.sin(angle);
    const sy = cy - ring * Math.cos(angle);
    const points: [number, number][] = [];
    for (let k = 0; k < 10; k++) {
      const r = k % 2 === 0 ? outer : inner;
      const a = (k * Math.PI) / 5;
      points.push([sx + r * Math.sin(a), sy - r * Math.cos(a)]);
    }
    doc.polygon(...points).fill(YELLOW);
  }
  doc.restore();
}
