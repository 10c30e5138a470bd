import { stringify as stringifySync } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { escapeFormula } from '../domain/formula-escape';
import { type CellValue, csvText, type TableSpec, XLSX_FORMATS, xlsxValue } from '../domain/table-columns';

export type Batches<R> = AsyncIterable<readonly R[]>;

const textCell = (v: CellValue): CellValue => (typeof v === 'string' ? escapeFormula(v) : v);

/**
 * CSV for French Excel: UTF-8 with a BOM (so accents are read right), `;` as separator (the comma is the decimal
 * mark), CRLF line ends, every text cell formula-escaped. Each cursor batch is stringified in one go and written
 * with back-pressure, so one batch is in memory at a time. Returns the number of data rows.
 */
export async function writeCsv<R>(path: string, spec: TableSpec<R>, batches: Batches<R>): Promise<number> {
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  const options = { delimiter: ';', record_delimiter: 'windows' } as const;
  let count = 0;
  const footer = spec.footer?.();
  const line = (cells: CellValue[]): string[] =>
    spec.columns.map((c, i) => (c.kind === 'text' ? String(textCell(cells[i] ?? null) ?? '') : csvText(c.kind, cells[i] ?? null)));
  try {
    await write(out, '\ufeff' + stringifySync([spec.columns.map((c) => escapeFormula(c.header))], options));
    for await (const batch of batches) {
      const rows = batch.map((record) => {
        footer?.add(record);
        return line(spec.toCells(record));
      });
      count += rows.length;
      await write(out, stringifySync(rows, options));
    }
    if (footer) await write(out, stringifySync([line(footer.cells())], options));
  } catch (e) {
    out.destroy();
    throw e;
  }
  out.end();
  await closed;
  return count;
}

function write(out: WriteStream, chunk: string): Promise<void> {
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    out.once('error', onError);
    out.once('drain', () => {
      out.off('error', onError);
      resolve();
    });
  });
}

/**
 * XLSX through exceljs's streaming writer: each row is committed (serialised and dropped) as soon as it is added,
 * numbers stay numeric cells with a euro, percent or date format, text cells are formula-escaped.
 * Every cell of a column gets the same style object: exceljs caches style ids by object identity, whereas a column
 * style is cloned into each cell and re-serialised (three times slower on 100 000 rows).
 */
export async function writeXlsx<R>(path: string, spec: TableSpec<R>, batches: Batches<R>, createdAt: Date): Promise<number> {
  // Loaded on the first XLSX only: exceljs adds ≈ 27 MB to a process's RSS, which a worker writing CSV, PDF or
  // nothing does not need to carry (docs/decisions/0010-throughput.md).
  const Excel = loadExcel();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Essaim';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c, i) => ({ key: String(i), width: c.width }));
  const styles: Partial<ExcelJS.Style>[] = spec.columns.map((c) => (XLSX_FORMATS[c.kind] ? { numFmt: XLSX_FORMATS[c.kind] } : {}));
  const headerStyle: Partial<ExcelJS.Style> = { font: { bold: true } };
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.eachCell((cell) => (cell.style = headerStyle));
  header.commit();
  let count = 0;
  const footer = spec.footer?.();
  const addRow = (cells: CellValue[]): void => {
    const row = sheet.addRow(spec.columns.map((c, i) => (c.kind === 'text' ? textCell(cells[i] ?? null) : xlsxValue(c.kind, cells[i] ?? null))));
    row.eachCell({ includeEmpty: true }, (cell, col) => (cell.style = styles[col - 1] ?? {}));
    row.commit();
  };
  for await (const batch of batches) {
    for (const record of batch) {
      footer?.add(record);
      addRow(spec.toCells(record));
      count++;
    }
    await flushed(workbook);
  }
  if (footer) addRow(footer.cells());
  sheet.commit();
  await workbook.commit();
  return count;
}

/**
 * exceljs, required on first use rather than imported at load time (a plain `require`: a dynamic `import()` of a
 * CommonJS package needs the ESM loader, which the test runner's module system does not provide).
 */
function loadExcel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

/** Waits until the file stream has drained, so a fast cursor cannot pile rows up in memory ahead of the disk. */
function flushed(workbook: ExcelJS.stream.xlsx.WorkbookWriter): Promise<void> {
  const stream = (workbook as unknown as { stream?: NodeJS.WritableStream & { writableNeedDrain?: boolean } }).stream;
  if (!stream?.writableNeedDrain) return new Promise((r) => setImmediate(r));
  return new Promise((r) => stream.once('drain', () => r()));
}
