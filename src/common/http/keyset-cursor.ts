import { DomainError } from '../errors/domain-error';

/**
 * The one codec of keyset cursors (docs/api.md, "Pagination"): base64url of the JSON array of the last row's sort
 * values. Each list validates the values it gets back, so a tampered, truncated or foreign cursor is refused with the
 * same 400 everywhere rather than reaching SQL.
 */
export function encodeKeysetCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The values of one of our cursors, or null when the text is not one (bad alphabet, too long, not a JSON array). */
export function decodeKeysetCursor(text: string, maxLength = 1000): unknown[] | null {
  if (text.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? (parsed as unknown[]) : null;
  } catch {
    return null;
  }
}

/** The 400 of a cursor that is not ours, with the `cursor` field path. */
export function invalidCursor(message = 'Curseur de pagination invalide : repartez de la première page.'): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { errors: [{ path: 'cursor', code: 'INVALID_CURSOR', message }] });
}
