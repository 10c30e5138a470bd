import { decodeKeysetCursor, encodeKeysetCursor, invalidCursor } from './keyset-cursor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * The keyset cursor of lists ordered by (timestamp, id) (docs/api.md: `limit` and `cursor`). The timestamp is kept to
 * the microsecond as PostgreSQL stores it, so no row of the same millisecond is skipped.
 */
export function encodeTimeIdCursor(at: string, id: string): string {
  return encodeKeysetCursor([at, id]);
}

export function decodeTimeIdCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = decodeKeysetCursor(cursor) ?? [];
  if (typeof at === 'string' && INSTANT.test(at) && typeof id === 'string' && UUID.test(id) && !rest.length) return { at, id };
  throw invalidCursor('Curseur de pagination invalide.');
}
