/**
 * Checked access for tests under `noUncheckedIndexedAccess`: instead of `rows[0]!`, each helper fails the test with a
 * message naming what was missing, so a query that returned nothing reads as such and not as a later TypeError.
 * They only ever add an assertion; none of them turns a missing value into a default.
 */

/** The item at `index`; fails when the list is shorter. */
export function at<T>(items: readonly T[], index: number, what = 'item'): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected a ${what} at index ${index}, got ${items.length} item(s)`);
  return item;
}

/** The first item; fails when the list is empty. */
export function first<T>(items: readonly T[], what = 'row'): T {
  return at(items, 0, what);
}

/** The one and only item; fails when there are none or several. */
export function only<T>(items: readonly T[], what = 'row'): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, got ${items.length}`);
  return at(items, 0, what);
}

/** `value`, which must be neither undefined nor null. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}

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

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** The first `n` items as a tuple, for `const [chair, second] = take(s.members, 2, 'member')`; fails when the list is shorter. */
export function take<T, N extends number>(items: readonly T[], n: N, what = 'item'): Tuple<T, N> {
  if (items.length < n) throw new Error(`expected at least ${n} ${what}(s), got ${items.length}`);
  return items.slice(0, n) as Tuple<T, N>;
}

/** The value under `key`; fails when the record has none (a fixture keyed by name, a JSON map from the API). */
export function entry<V>(record: Readonly<Record<string, V>>, key: string, what = 'entry'): V {
  const value = record[key];
  if (value === undefined) throw new Error(`expected a ${what} under ${JSON.stringify(key)}, got keys ${JSON.stringify(Object.keys(record))}`);
  return value;
}
