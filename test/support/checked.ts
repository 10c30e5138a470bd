/**
 * Checked access for tests under `noUncheckedIndexedAccess` (the row helpers of src/common/collections.ts, plus the
 * test-only ones below): instead of `rows[0]!`, each helper fails the test with a message naming what was missing,
 * so a query that returned nothing reads as such and not as a later TypeError.
 * They only ever add an assertion; none of them turns a missing value into a default.
 */

export { at, first, only, present, take } from '../../src/common/collections';

/** Capture group `index` of a regular-expression match; fails when the pattern did not match or the group is empty. */
export function group(match: RegExpMatchArray | RegExpExecArray | null, index = 1, what = 'match'): string {
  if (!match) throw new Error(`expected a ${what}, the pattern did not match`);
  const value = match[index];
  if (value === undefined) throw new Error(`expected group ${index} of the ${what}, it did not participate`);
  return value;
}

/** A response header that must be set once (ETag, Location, …). */
export function header(res: { headers: Record<string, string | string[] | undefined> }, name: string): string {
  const value = res.headers[name.toLowerCase()];
  if (typeof value !== 'string') throw new Error(`expected one ${name} header, got ${JSON.stringify(value)}`);
  return value;
}

/** The value under `key`; fails when the record has none (a fixture keyed by name, a JSON map from the API). */
export function entry<V>(record: Readonly<Record<string, V>>, key: string, what = 'entry'): V {
  const value = record[key];
  if (value === undefined) throw new Error(`expected a ${what} under ${JSON.stringify(key)}, got keys ${JSON.stringify(Object.keys(record))}`);
  return value;
}
