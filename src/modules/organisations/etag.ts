import { HttpProblemException } from '../../common/errors/http-problem.exception';

/** Strong ETag of a versioned resource. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version named by an If-Match header: 428 without one; 412 for anything but one strong ETag we issued
 * (`*` and weak tags would bypass the lost-update check, RFC 9110 §13.1.1 uses strong comparison).
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new HttpProblemException('PRECONDITION_REQUIRED', "L'en-tête If-Match est requis : renvoyez l'ETag reçu en lisant la ressource.");
  }
  const m = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw new HttpProblemException('PRECONDITION_FAILED', "L'en-tête If-Match ne désigne pas la version actuelle de la ressource.");
  return Number(m[1]);
}
