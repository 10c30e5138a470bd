import { DomainError } from '../../common/errors/domain-error';

/** Strong entity tag of a row version: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header names. Missing (or `*`, which would skip the check) → 428; anything that is not
 * one strong tag of a version → 412, since it cannot match the current one.
 */
export function versionFromIfMatch(header: string | undefined): number {
  const value = header?.trim();
  if (!value || value === '*') {
    throw new DomainError('PRECONDITION_REQUIRED', "En-tête If-Match requis : renvoyez l'ETag reçu à la lecture de l'appel.");
  }
  const m = /^"(\d{1,9})"$/.exec(value);
  if (!m) throw new DomainError('PRECONDITION_FAILED', "L'en-tête If-Match ne correspond pas à la version actuelle de l'appel.");
  return Number(m[1]);
}
