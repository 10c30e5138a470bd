import ExcelJS from 'exceljs';
import { DomainError } from '../../common/errors/domain-error';
import { DETECTION_HEAD_BYTES, detectFileType } from '../files/domain/detect-file-type';
import { parseCsv } from './domain/import-table';

/** A table of strings from an uploaded CSV (UTF-8) or XLSX file (first worksheet); dates become `YYYY-MM-DD`. */
export async function readTable(bytes: Buffer): Promise<string[][]> {
  const detected = await detectFileType(bytes.subarray(0, DETECTION_HEAD_BYTES));
  if (detected?.kind === 'XLSX') return readXlsx(bytes);
  if (detected || bytes.includes(0)) throw unsupported();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('UNSUPPORTED_FILE_TYPE', 'Le fichier CSV doit être encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »).');
  }
  return parseCsv(text);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unsupported();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

function unsupported(): DomainError {
  return new DomainError('UNSUPPORTED_FILE_TYPE', 'Importez un fichier CSV (UTF-8) ou un classeur Excel (XLSX) établi sur le modèle.');
}
