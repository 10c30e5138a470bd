import { escapeFormula } from '../../reports/domain/formula-escape';
import type { FigureTable } from './dashboard';

/** Hundredths as French decimal text ("1234,50"): cents → euros, basis points → percent, by integer arithmetic. */
function hundredths(n: number): string {
  const abs = BigInt(Math.abs(n));
  return `${n < 0 ? '-' : ''}${abs / 100n},${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * A figure's table as CSV for French spreadsheets, like the managing authority's other exports: UTF-8 with a BOM,
 * `;` separator, CRLF, decimal comma; euros and percent columns say their unit in the header; every text cell,
 * headers included, is formula-escaped.
 */
export function figureCsv(table: FigureTable): string {
  const unit = (kind: string) => (kind === 'cents' ? ' (€)' : kind === 'bp' ? ' (%)' : '');
  const cell = (text: string) => {
    const escaped = escapeFormula(text);
    return /[;"\r\n]/.test(escaped) ? `"${escaped.replace(/"/g, '""')}"` : escaped;
  };
  const lines = [table.columns.map((c) => cell(c.header + unit(c.kind))).join(';')];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((c) => {
          const v = row[c.key];
          if (v === undefined || v === null) return '';
          if (c.kind === 'cents' || c.kind === 'bp') return hundredths(Number(v));
          if (c.kind === 'count') return String(v);
          return cell(String(v));
        })
        .join(';'),
    );
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
