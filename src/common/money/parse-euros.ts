import type { Cents } from './cents';

const EUROS = /^(-)?(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[,.](\d{1,2}))?$/;

/**
 * Parses an amount typed in French ("12 000,50", "12000.5", "1 234 €") into integer cents without any float.
 * Returns null when the text is not an amount.
 */
export function parseEurosToCents(text: string): Cents | null {
  const cleaned = text.trim().replace(/\s*€$/, '').trim();
  const m = EUROS.exec(cleaned);
  if (!m) return null;
  const [, minus, digits = '', decimals] = m;
  const whole = digits.replace(/[ \u00a0\u202f.]/g, '');
  const cents = BigInt(whole) * 100n + BigInt((decimals ?? '0').padEnd(2, '0'));
  const value = Number(minus ? -cents : cents);
  return Number.isSafeInteger(value) ? (value as Cents) : null;
}
