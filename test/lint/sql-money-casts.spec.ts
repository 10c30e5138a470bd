import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Money is integer cents in bigint columns and is decoded once by `toCents` (docs/decisions/0005-integer-money.md).
 * A float or numeric cast in SQL would hand JavaScript a rounded or non-integer value, so no source file may contain
 * one, money column or not (a size or a count has an integer cast instead).
 */
const ROOT = join(__dirname, '..', '..');
const DIRS = ['src', 'migrations', 'bench', 'test'];
// Postgres casts (`::float8`, `::double precision`, `::numeric(12,2)`, `::real`) and CAST(... AS float|numeric).
const FLOAT_CAST = /::\s*(float[48]?|double\s+precision|numeric|decimal|real)\b|\bCAST\s*\([^)]*\bAS\s+(float[48]?|double\s+precision|numeric|decimal|real)\b/i;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('SQL never casts to a float or numeric', () => {
  it('recognises the casts it forbids', () => {
    for (const sql of ['eu_cents::float8', 'x :: double precision', 'sum(a)::numeric(12,2)', 'CAST(eu_cents AS numeric)', 'y::real'])
      expect(FLOAT_CAST.test(sql)).toBe(true);
    for (const sql of ['eu_cents', 'size_bytes::int4', 'sum(eu_cents)::bigint', "'2026-01-01'::date", 'ids::uuid[]']) expect(FLOAT_CAST.test(sql)).toBe(false);
  });

  it('finds none in the sources, migrations, benches and tests', () => {
    const self = relative(ROOT, __filename);
    const offenders = DIRS.flatMap((d) => tsFiles(join(ROOT, d)))
      .filter((f) => relative(ROOT, f) !== self)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(ROOT, f)}:${i + 1}` }))
          .filter(({ line }) => FLOAT_CAST.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
