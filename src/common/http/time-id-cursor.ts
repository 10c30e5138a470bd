import { DomainError } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * The opaque keyset cursor of lists ordered by (timestamp, id) (docs/api.md: `limit` and `cursor`). The timestamp is
 * kept to the microsecond as PostgreSQL stores it, so no row of the same millisecond is skipped.
 */
export function encodeTimeIdCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

export function decodeTimeIdCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && INSTANT.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through: any undecodable cursor is the same 400
  }
  const message = 'Curseur de pagination invalide.';
  throw new DomainError('VALIDATION_FAILED', message, { errors: [{ path: 'cursor', code: 'INVALID_CURSOR', message }] });
}
