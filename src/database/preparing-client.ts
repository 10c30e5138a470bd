import { Logger } from '@nestjs/common';
import { Client, type QueryResult } from 'pg';
import { PipelinedQuery } from './pipelined-query';

/** Distinct statements a connection prepares at most; the rest run unnamed (see {@link preparingClient}). */
export const PREPARED_STATEMENTS_PER_CONNECTION = 400;

/**
 * Opens a statement that commits its transaction: the client sends COMMIT right behind it, in the same write, and the
 * server runs it as soon as the statement succeeds (src/database/query-then-commit.ts). The transaction's own COMMIT
 * that follows is then answered here without a round trip. Only for a transaction's LAST statement, whose failure
 * cases all raise (`essaim_require`), since nothing can be undone after it.
 */
export const COMMITS_TRANSACTION = '/* commits its transaction */';

const ALREADY_COMMITTED: QueryResult = { command: 'COMMIT', rowCount: null, oid: 0, rows: [], fields: [] };
const NOT_YET_BEGUN: QueryResult = { command: 'BEGIN', rowCount: null, oid: 0, rows: [], fields: [] };
/** What TypeORM sends to open a transaction (PostgresQueryRunner#startTransaction). */
const START = 'START TRANSACTION';

type Callback = (err: Error | null, res?: QueryResult) => void;

/**
 * The pg `Client` of the pool (docs/decisions/0010-throughput.md).
 *
 * With `prepare`, every parameterised query runs as a named prepared statement, per connection. An unnamed statement
 * is parsed, analysed and planned on every execution: on the submission path that was a third of PostgreSQL's CPU.
 * Named, PostgreSQL parses it once per connection and, after five executions, keeps a generic plan when it costs no
 * more than the custom ones (`plan_cache_mode = auto`), so a query whose best plan depends on its values still gets
 * custom plans.
 * - Only queries with values: they already use the extended protocol, which runs one statement; a query without values
 *   (migrations, multi-statement scripts, `BEGIN`, `COMMIT`) goes through the simple protocol, unchanged.
 * - The application's SQL texts are a fixed set, but a few are built per request (an IN list sized to its input):
 *   after `limit` distinct texts a connection stops preparing new ones, so the server memory they take stays bounded.
 * - A text that fails to parse is not recorded by pg and is parsed again next time, as an unnamed one would be.
 * - Behind a pooler that reassigns server connections per transaction (pgbouncer before 1.21), turn it off with
 *   `DATABASE_PREPARED_STATEMENTS=false`.
 *
 * Always, a query opening with {@link COMMITS_TRANSACTION} is sent with its COMMIT (a lock it takes is then held
 * for the statement and the commit only, not also for the wait until node reads the answer and sends COMMIT).
 */
export function preparingClient(prepare: boolean, limit = PREPARED_STATEMENTS_PER_CONNECTION): typeof Client {
  const logger = new Logger('PreparingClient');
  return class PreparingClient extends Client {
    private readonly names = new Map<string, string>();
    private committedAhead = false;

    /** A `START TRANSACTION` not sent yet: it goes out with the transaction's first statement. */
    private beginPending = false;

    // pg's overloads (promise, callback, submittable) all go through here: only (text, values[, callback]) is rewritten.
    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      const pass = (...a: unknown[]): never => (super.query as (...b: unknown[]) => never)(...a);
      if (typeof text !== 'string') return pass(...this.flushBegin(pass), ...args);
      if (this.committedAhead) return this.afterCommit(text, typeof callback === 'function' ? (callback as Callback) : undefined) as never;
      const list = Array.isArray(values) ? (values as unknown[]) : undefined;
      const promised = typeof callback !== 'function' && typeof values !== 'function';
      if (text === START && !list?.length && promised && !this.beginPending) {
        this.beginPending = true;
        return Promise.resolve(NOT_YET_BEGUN) as never;
      }
      if (this.beginPending && promised && (text === 'COMMIT' || text === 'ROLLBACK')) {
        this.beginPending = false; // a transaction that ran nothing: nothing to send
        return Promise.resolve(ALREADY_COMMITTED) as never;
      }
      const name = prepare && list && list.length > 0 ? this.nameOf(text) : undefined;
      const commit = text.startsWith(COMMITS_TRANSACTION);
      // BEGIN rides with a statement the connection has parsed already (pg records a parse as the statement's own).
      const begin = this.beginPending && promised && list !== undefined && list.length > 0 && (name === undefined || this.isParsed(name));
      if (begin || commit) {
        if (!begin) this.flushBegin(pass);
        this.beginPending = false;
        return this.pipelined(text, list ?? [], name, { begin, commit }, (q) => pass(q)) as never;
      }
      this.flushBegin(pass);
      return name === undefined ? pass(...args) : pass({ name, text, values: list }, callback);
    }

    /** Sends a pending BEGIN on its own (queued by pg ahead of what follows); its failure shows on the next statement. */
    private flushBegin(pass: (...a: unknown[]) => unknown): [] {
      if (this.beginPending) {
        this.beginPending = false;
        (pass(START) as Promise<unknown>).catch(() => undefined);
      }
      return [];
    }

    private isParsed(name: string): boolean {
      return (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name] !== undefined;
    }

    private pipelined(
      text: string,
      values: unknown[],
      name: string | undefined,
      around: { begin: boolean; commit: boolean },
      submit: (q: PipelinedQuery) => unknown,
    ): Promise<QueryResult> {
      return new Promise((resolve, reject) => {
        submit(
          new PipelinedQuery({ text, values, ...(name ? { name } : {}) }, around, (err, res) => {
            if (err || !res) return reject(err ?? new Error('no result'));
            if (around.commit) this.committedAhead = true;
            resolve(res);
          }),
        );
      });
    }

    /** The transaction is committed: its COMMIT is answered here; anything else is a mistake in the caller. */
    private afterCommit(text: string, callback?: Callback): Promise<QueryResult> | undefined {
      this.committedAhead = false;
      const verb = text.trim().toUpperCase();
      let outcome: { ok: true } | { ok: false; error: Error } = { ok: true };
      if (verb === 'ROLLBACK') {
        // The code failed after the committing statement: its effects stay committed (they were checked in the statement).
        logger.error('a transaction committed by its last statement was then rolled back by its caller: the commit stands');
      } else if (verb !== 'COMMIT') {
        outcome = { ok: false, error: new Error('a statement was sent after the one that committed its transaction') };
      }
      if (callback) {
        if (outcome.ok) callback(null, ALREADY_COMMITTED);
        else callback(outcome.error);
        return undefined;
      }
      return outcome.ok ? Promise.resolve(ALREADY_COMMITTED) : Promise.reject(outcome.error);
    }

    private nameOf(text: string): string | undefined {
      const known = this.names.get(text);
      if (known !== undefined || this.names.size >= limit) return known;
      const name = `essaim_${this.names.size + 1}`;
      this.names.set(text, name);
      return name;
    }
  };
}
