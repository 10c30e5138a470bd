/**
 * Checked access for the benches under `noUncheckedIndexedAccess` (the same helpers as test/support/checked.ts, which
 * the build does not include): a seed query that returned nothing stops the bench with a message naming what was
 * missing, instead of a later TypeError or a figure measured on nothing.
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

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** The first `n` items as a tuple, for `const [chair, second] = take(s.members, 2, 'member')`; fails when the list is shorter. */
export function take<T, N extends number>(items: readonly T[], n: N, what = 'item'): Tuple<T, N> {
  if (items.length < n) throw new Error(`expected at least ${n} ${what}(s), got ${items.length}`);
  return items.slice(0, n) as Tuple<T, N>;
}
