/** How a column's values are typed in the spreadsheet: amounts are cents, rates basis points, dates YYYY-MM-DD. */
export type CellKind = 'text' | 'euros' | 'rate' | 'date' | 'integer';
export type CellValue = string | number | null;

export interface Column {
  header: string;
  kind: CellKind;
  /** Spreadsheet column width, in characters. */
  width: number;
}

export interface TableSpec<R> {
  sheetName: string;
  columns: readonly Column[];
  toCells(record: R): CellValue[];
  /** A closing "Total" line, accumulated while the rows stream (not counted as a data row). */
  footer?: () => { add(record: R): void; cells(): CellValue[] };
}

/**
 * A value as CSV text for French spreadsheets. Amounts are decimal euros with a comma and no thousands separator
 * ("106400,00"), so that Excel in French reads them as numbers; rates are percentages ("95,00"); dates stay ISO 8601.
 * Integers carry cents exactly: no float is involved.
 */
export function csvText(kind: CellKind, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'euros':
    case 'rate':
      return hundredths(value as number);
    case 'integer':
      return String(value);
    default:
      return String(value);
  }
}

function hundredths(n: number): string {
  const negative = n < 0;
  const abs = BigInt(Math.abs(n));
  return `${negative ? '-' : ''}${abs / 100n},${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * A value as an XLSX cell. Spreadsheets hold IEEE doubles: euros are cents ÷ 100 (the nearest double, exact to the
 * cent up to 2^53 cents), rates a fraction (9500 bp → 0.95) shown with a percent format, dates real dates.
 */
export function xlsxValue(kind: CellKind, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'euros':
      return (value as number) / 100;
    case 'rate':
      return (value as number) / 10_000;
    case 'date':
      return new Date(`${value as string}T00:00:00Z`);
    default:
      return value;
  }
}

export const XLSX_FORMATS: Readonly<Partial<Record<CellKind, string>>> = {
  euros: '#,##0.00 "€"',
  rate: '0.00 %',
  date: 'dd/mm/yyyy',
  integer: '0',
};
