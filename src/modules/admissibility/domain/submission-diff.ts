export interface FieldChange {
  /** Where the value sits, e.g. `project.title`, `financingPlan.lines[1].amountCents`, `documents[id=…]`. */
  path: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping of a submission rather than its content: it always differs and is shown elsewhere. */
const IGNORED_TOP_LEVEL = new Set(['schemaVersion', 'applicationId', 'number', 'submittedAt']);

/**
 * Every field that differs between two submission snapshots, in document order (docs/domain/admissibility.md: "the changes are kept
 * as a diff"). Objects are compared key by key; arrays of objects carrying an `id` (documents) are matched by id, then
 * by `sha256`, so a removed and a re-uploaded file show as one removal and one addition; other arrays (budget lines,
 * resources) are matched by position. Arrays of scalars (target publics) are compared as whole values.
 */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = union(Object.keys(before), Object.keys(after)).filter((k) => !IGNORED_TOP_LEVEL.has(k));
  for (const key of keys) diffValue(key, before[key], after[key], changes);
  return changes;
}

function diffValue(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of union(Object.keys(a), Object.keys(b))) diffValue(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isPlainObject) || b.some(isPlainObject))) {
    diffArray(path, a, b, out);
    return;
  }
  if (!sameValue(a, b)) out.push({ path, before: a ?? null, after: b ?? null });
}

function diffArray(path: string, a: unknown[], b: unknown[], out: FieldChange[]): void {
  const keyOf = identity(a, b);
  if (!keyOf) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  const { field, get } = keyOf;
  const beforeByKey = new Map(a.map((x) => [get(x), x]));
  const afterByKey = new Map(b.map((x) => [get(x), x]));
  for (const [key, x] of beforeByKey) diffValue(`${path}[${field}=${key}]`, x, afterByKey.get(key), out);
  for (const [key, y] of afterByKey) if (!beforeByKey.has(key)) out.push({ path: `${path}[${field}=${key}]`, before: null, after: y });
}

/** The identity of array items: `id` when every item has one, else `sha256`, else none (match by position). */
function identity(a: unknown[], b: unknown[]): { field: string; get: (x: unknown) => string } | null {
  const all = [...a, ...b];
  for (const field of ['id', 'sha256']) {
    if (all.every((x) => isPlainObject(x) && typeof x[field] === 'string')) return { field, get: (x) => String((x as Record<string, unknown>)[field]) };
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isPlainObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
