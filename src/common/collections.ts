/**
 * Reading rows that must exist (with `noUncheckedIndexedAccess`, `rows[0]` is `T | undefined`). A missing row here is a
 * broken invariant — an INSERT … RETURNING that returned nothing, an aggregate without its single row — so it fails as an
 * internal error with a message naming what was expected, never as `TypeError: cannot read properties of undefined`.
 * Rows whose absence is a legitimate outcome (not found, nothing yet) are checked where they are read, with the module's
 * own problem error. The benches and the tests use the same helpers, where a failure stops the run or fails the test.
 */
export function first<T>(rows: readonly T[], what = 'row'): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`Expected a row for ${what}, found none`);
  return row;
}

/** The element at `index`, which the caller knows to be in range (a position computed from the same array). */
export function at<T>(items: readonly T[], index: number, what = 'item'): T {
  const item = items[index];
  if (item === undefined) throw new Error(`Expected ${what} at position ${index} of ${items.length}`);
  return item;
}

/** The last element of a list that is never empty by construction (a schedule that always ends with its final step). */
export function last<T>(items: readonly T[], what: string): T {
  return at(items, items.length - 1, what);
}

/** The one and only item; fails when there are none or several. */
export function only<T>(items: readonly T[], what = 'row'): T {
  if (items.length !== 1) throw new Error(`Expected exactly one ${what}, got ${items.length}`);
  return at(items, 0, what);
}

/** `value`, which must be neither undefined nor null. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Expected ${what}, got ${String(value)}`);
  return value;
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** The first `n` items as a tuple, for `const [chair, second] = take(s.members, 2, 'member')`; fails when the list is shorter. */
export function take<T, N extends number>(items: readonly T[], n: N, what = 'item'): Tuple<T, N> {
  if (items.length < n) throw new Error(`Expected at least ${n} ${what}(s), got ${items.length}`);
  return items.slice(0, n) as Tuple<T, N>;
}
