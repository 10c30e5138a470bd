import type { Client, QueryResult } from 'pg';
import { COMMITS_TRANSACTION, preparingClient } from '../../src/database/preparing-client';

/**
 * The pool's pg client (docs/decisions/0010-throughput.md) against the real PostgreSQL: named prepared statements with
 * a bound, BEGIN sent with the transaction's first statement, and a last statement sent with its COMMIT, as TypeORM
 * drives them (promise calls, `START TRANSACTION`, `COMMIT`, `ROLLBACK`).
 */
describe('database client (e2e)', () => {
  const clients: Client[] = [];
  const open = async (prepare = true, limit?: number): Promise<Client> => {
    const Klass = preparingClient(prepare, limit);
    const c = new Klass({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    clients.push(c);
    await c.query('CREATE TEMP TABLE scratch (v int NOT NULL)');
    return c;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  const prepared = async (c: Client): Promise<string[]> =>
    (await c.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).rows.map((r) => r.statement);
  const values = async (c: Client): Promise<number[]> => (await c.query<{ v: number }>('SELECT v FROM scratch ORDER BY v')).rows.map((r) => r.v);
  /** True inside a transaction block: its start is earlier than this statement's (the previous statement slept). */
  const inTransaction = async (c: Client): Promise<boolean> =>
    (await c.query<{ inside: boolean }>('SELECT now() <> statement_timestamp() AS inside')).rows[0]?.inside ?? false;
  const code = async (p: Promise<unknown>): Promise<string | undefined> => {
    try {
      await p;
      return undefined;
    } catch (e) {
      return (e as { code?: string }).code ?? (e as Error).message;
    }
  };

  it('prepares parameterised statements once per connection, up to its bound, and leaves the others unnamed', async () => {
    const c = await open(true, 2);
    for (let i = 0; i < 3; i++) {
      expect((await c.query<{ n: number }>('SELECT $1::int + 1 AS n', [i])).rows[0]?.n).toBe(i + 1);
      await c.query('SELECT $1::text AS t', [`x${i}`]);
    }
    await c.query('SELECT $1::int * 2 AS n', [3]); // a third text: past the bound, runs unnamed
    expect(await prepared(c)).toEqual(['SELECT $1::int + 1 AS n', 'SELECT $1::text AS t']);
    expect((await c.query<{ n: number }>('SELECT $1::int * 2 AS n', [4])).rows[0]?.n).toBe(8);

    const off = await open(false);
    await off.query('SELECT $1::int AS n', [1]);
    expect(await prepared(off)).toEqual([]);
  });

  it('re-parses a statement whose parse failed, and keeps the connection usable', async () => {
    const c = await open();
    expect(await code(c.query('SELECT $1::int FROM no_such_table', [1]))).toBe('42P01');
    expect(await code(c.query('SELECT $1::int FROM no_such_table', [1]))).toBe('42P01');
    expect((await c.query<{ n: number }>('SELECT $1::int AS n', [7])).rows[0]?.n).toBe(7);
  });

  it('sends BEGIN with the first statement the connection knows, and the transaction holds until COMMIT or ROLLBACK', async () => {
    const c = await open();
    await c.query('INSERT INTO scratch (v) VALUES ($1)', [0]); // parsed now: the next transaction's BEGIN rides with it
    const begun = (await c.query('START TRANSACTION')) as QueryResult;
    expect(begun.command).toBe('BEGIN');
    await c.query('INSERT INTO scratch (v) SELECT $1 FROM pg_sleep(0.02)', [1]); // unknown yet: BEGIN goes first, alone
    expect(await inTransaction(c)).toBe(true);
    await c.query('ROLLBACK');
    expect(await values(c)).toEqual([0]);

    await c.query('START TRANSACTION');
    await c.query('INSERT INTO scratch (v) VALUES ($1)', [2]); // BEGIN and the INSERT in one exchange
    await c.query('SELECT pg_sleep($1)', [0.02]);
    expect(await inTransaction(c)).toBe(true);
    await c.query('ROLLBACK');
    expect(await values(c)).toEqual([0]);
    expect(await inTransaction(c)).toBe(false);

    await c.query('START TRANSACTION');
    await c.query('INSERT INTO scratch (v) VALUES ($1)', [3]);
    await c.query('COMMIT');
    expect(await values(c)).toEqual([0, 3]);

    // A transaction that ran nothing sends nothing; one whose first statement fails is rolled back as usual.
    await c.query('START TRANSACTION');
    await c.query('COMMIT');
    await c.query('START TRANSACTION');
    expect(await code(c.query('INSERT INTO scratch (v) VALUES ($1)', [null]))).toBe('23502');
    await c.query('ROLLBACK');
    expect(await values(c)).toEqual([0, 3]);
    expect(await inTransaction(c)).toBe(false);
  });

  it('commits with the statement marked as the last one, answers the COMMIT that follows, and refuses anything else', async () => {
    const c = await open();
    await c.query('START TRANSACTION');
    await c.query('INSERT INTO scratch (v) VALUES ($1)', [1]);
    const last = (await c.query(`${COMMITS_TRANSACTION} INSERT INTO scratch (v) VALUES ($1) RETURNING v`, [2])) as QueryResult<{ v: number }>;
    expect(last.rows).toEqual([{ v: 2 }]);
    expect(((await c.query('COMMIT')) as QueryResult).command).toBe('COMMIT');
    expect(await values(c)).toEqual([1, 2]);
    expect(await inTransaction(c)).toBe(false);

    // The marked statement known to the connection: BEGIN, the statement and COMMIT go in one exchange.
    await c.query('START TRANSACTION');
    await c.query(`${COMMITS_TRANSACTION} INSERT INTO scratch (v) VALUES ($1) RETURNING v`, [3]);
    expect(await code(c.query('SELECT $1::int', [1]))).toBe('a statement was sent after the one that committed its transaction');
    expect(await values(c)).toEqual([1, 2, 3]);
    expect(await inTransaction(c)).toBe(false);
  });

  it('commits nothing when the last statement fails: its checks raise ZE001 and the whole transaction rolls back', async () => {
    const c = await open();
    await c.query('START TRANSACTION');
    await c.query('INSERT INTO scratch (v) VALUES ($1)', [1]);
    const failed = c.query(`${COMMITS_TRANSACTION} INSERT INTO scratch (v) SELECT $1::int WHERE essaim_require($2, 'test check')`, [2, false]);
    expect(await code(failed)).toBe('ZE001');
    await c.query('ROLLBACK');
    expect(await values(c)).toEqual([]);
    expect(await inTransaction(c)).toBe(false);
    expect((await c.query<{ n: number }>('SELECT $1::int AS n', [5])).rows[0]?.n).toBe(5);
  });
});
