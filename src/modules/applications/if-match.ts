import { DomainError } from '../../common/errors/domain-error';

/**
 * The version a client read, from `If-Match: "<version>"` (weak tags accepted). Missing → 428; malformed → 412,
 * since it cannot match the current ETag.
 */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || value.trim() === '' || value.trim() === '*') {
    throw new DomainError('PRECONDITION_REQUIRED', "L'en-tête If-Match est obligatoire : renvoyez l'ETag lu avec le dossier.");
  }
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (!m) throw stale();
  return Number(m[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

export function stale(): DomainError {
  return new DomainError('PRECONDITION_FAILED', 'Le dossier a été modifié entre-temps. Rechargez-le avant de le modifier à nouveau.');
}
