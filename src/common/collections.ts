/**
 * Reading rows that must exist (with `noUncheckedIndexedAccess`, `rows[0]` is `T | undefined`). A missing row here is a
 * broken invariant — an INSERT … RETURNING that returned nothing, an aggregate without its single row — so it fails as an
 * internal error with a message naming what was expected, never as `TypeError: cannot read properties of undefined`.
 * Rows whose absence is a legitimate outcome (not found, nothing yet) are checked where they are read, with the module's
 * own problem error.
 */
export function first<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`Expected a row for ${what}, found none`);
  return row;
}

/** The element at `index`, which the caller knows to be in range (a position computed from the same array). */
export function at<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`Expected ${what} at position ${index} of ${items.length}`);
  return item;
}

/** The last element of a list that is never empty by construction (a schedule that always ends with its final step). */
export function last<T>(items: readonly T[], what: string): T {
  return at(items, items.length - 1, what);
}
