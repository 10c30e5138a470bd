import type { FieldError } from '../../../common/errors/domain-error';

export const MAX_LABELS = 20;

const hasControlOrComma = (s: string): boolean => [...s].some((c) => c === ',' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
export const MAX_LABEL_LENGTH = 40;

/**
 * Labels an instructor puts on a dossier: trimmed, no comma (the list filter splits on commas), inner blanks collapsed, 1–40 characters, at most 20, duplicates
 * dropped (first spelling kept). Problems are appended to `errors` with paths `<path>[i]`.
 */
export function normaliseLabels(input: readonly unknown[], path: string, errors: FieldError[]): string[] {
  const out: string[] = [];
  input.forEach((raw, i) => {
    if (typeof raw !== 'string') {
      errors.push({ path: `${path}[${i}]`, code: 'INVALID_LABEL', message: 'Une étiquette est un texte.' });
      return;
    }
    const label = raw.trim().replace(/\s+/g, ' ');
    if (label.length < 1 || label.length > MAX_LABEL_LENGTH || hasControlOrComma(label)) {
      errors.push({ path: `${path}[${i}]`, code: 'INVALID_LABEL', message: `Une étiquette compte de 1 à ${MAX_LABEL_LENGTH} caractères, sans virgule.` });
      return;
    }
    if (!out.includes(label)) out.push(label);
  });
  if (out.length > MAX_LABELS) errors.push({ path, code: 'TOO_MANY_LABELS', message: `${MAX_LABELS} étiquettes au plus.` });
  return out;
}
