/**
 * A query embedded in a larger one as one JSON value, so that several reads cost one round trip
 * (docs/decisions/0010-throughput.md): the rows as a JSON array (`[]` when none), or the one row as an object (null
 * when none). `$1` in `sql` becomes `param` (a parameter of the larger statement, or a column of its outer row); JSON
 * keeps the order of the query's ORDER BY, and has no timestamp type (timestamps come back as ISO text).
 */
export const jsonRows = (sql: string, param: string): string => `(SELECT coalesce(json_agg(x), '[]') FROM (${sql.replaceAll('$1', param)}) x)`;

export const jsonRow = (sql: string, param: string): string => `(SELECT to_json(x) FROM (${sql.replaceAll('$1', param)}) x)`;
