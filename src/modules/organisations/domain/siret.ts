/** SIREN of La Poste, whose establishments are numbered outside the Luhn rule (INSEE). */
export const LA_POSTE_SIREN = '356000000';
/** La Poste's head office kept a Luhn-valid SIRET, although its digit sum (26) is not a multiple of 5. */
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/**
 * Why a SIRET is invalid, in French, or `null` when it is valid.
 *
 * Rules: exactly 14 digits; the SIREN (first 9 digits) and the whole SIRET pass the Luhn checksum; except the
 * establishments of La Poste (SIREN 356000000), whose SIRET is valid when the sum of its 14 digits is a multiple of 5.
 * The input is checked as given: strip spaces first with {@link normalizeSiret} if needed.
 */
export function siretProblem(s: string): string | null {
  if (!/^\d*$/.test(s)) return 'Le SIRET ne doit contenir que des chiffres.';
  if (s.length !== 14) return `Le SIRET doit comporter 14 chiffres (${s.length} saisi${s.length > 1 ? 's' : ''}).`;
  const siren = s.slice(0, 9);
  // 000000000 passes Luhn but is never issued: it is a placeholder, not an organisation.
  if (siren === '000000000') return "Le SIREN 000 000 000 n'existe pas.";
  if (siren === LA_POSTE_SIREN && s !== LA_POSTE_HEAD_OFFICE_SIRET) {
    return digitSum(s) % 5 === 0
      ? null
      : 'Pour un établissement de La Poste (SIREN 356 000 000), la somme des 14 chiffres du SIRET doit être un multiple de 5.';
  }
  if (!luhnValid(siren)) return 'La clé de contrôle du SIREN (9 premiers chiffres) est invalide.';
  if (!luhnValid(s)) return 'La clé de contrôle du SIRET est invalide.';
  return null;
}

/** `true` when `s` is a valid SIRET (see {@link siretProblem} for the rules). */
export function isValidSiret(s: string): boolean {
  return siretProblem(s) === null;
}

/** Removes the spaces, dots and dashes people type inside a SIRET ("732 829 320 00074" → "73282932000074"). */
export function normalizeSiret(s: string): string {
  return s.replace(/[\s.-]/g, '');
}

function luhnValid(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

function digitSum(digits: string): number {
  let total = 0;
  for (let i = 0; i < digits.length; i++) total += digits.charCodeAt(i) - 48;
  return total;
}
