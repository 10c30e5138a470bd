const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading apostrophe, so Excel and LibreOffice show it as text instead of running it.
 * Applied to text cells only: amounts are written as numbers and never pass through here.
 */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}
