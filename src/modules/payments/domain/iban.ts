/** An IBAN without spaces, upper case. */
export function normaliseIban(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Lengths of the IBANs a French intermediate body pays to (SEPA area subset); any other country: 15 to 34. */
const LENGTHS: Readonly<Record<string, number>> = { FR: 27, MC: 27, DE: 22, BE: 16, ES: 24, IT: 27, LU: 20, NL: 18, PT: 25, CH: 21 };

/** ISO 13616 check: structure, country length, then the remainder mod 97 of the rearranged number is 1. */
export function isValidIban(raw: string): boolean {
  const iban = normaliseIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Shown masked everywhere but in the payment file: country, check digits and the last four characters. */
export function maskIban(raw: string): string {
  const iban = normaliseIban(raw);
  const masked = iban.slice(0, 4) + '•'.repeat(Math.max(0, iban.length - 8)) + iban.slice(-4);
  return masked.replace(/(.{4})/g, '$1 ').trim();
}
