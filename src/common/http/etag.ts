import { DomainError } from '../errors/domain-error';

/** Strong ETag of a row version (optimistic concurrency, docs/api.md). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client read, from its If-Match header: 428 when missing (or `*`, which would skip the check),
 * 412 when it cannot be the current version. The UPDATE … WHERE version = $n then catches a concurrent change.
 */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value || value === '*') {
    throw new DomainError('PRECONDITION_REQUIRED', "L'en-tête If-Match est obligatoire : renvoyez l'ETag reçu en lisant la ressource.");
  }
  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag never matches.
  const m = /^"(\d{1,9})"$/.exec(value);
  if (!m) throw staleVersion();
  return Number(m[1]);
}

export function staleVersion(what = 'La ressource'): DomainError {
  return new DomainError('PRECONDITION_FAILED', `${what} a changé entre-temps : rechargez la page avant de modifier à nouveau.`);
}
