import { Query, type QueryResult } from 'pg';
// pg exports its internals under `pg/lib/*`: the parameter encoding every query uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };

/** The part of pg's connection that writes extended-protocol messages (pg/lib/connection.js). */
interface Wire {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(q: { text: string; name?: string; types?: unknown }): void;
  bind(b: { portal?: string; statement?: string; values?: unknown[]; binary?: boolean; valueMapper?: (v: unknown) => unknown }): void;
  describe(d: { type: 'P' | 'S'; name: string }): void;
  execute(e: { portal?: string; rows?: number }): void;
  close(c: { type: 'P' | 'S'; name: string }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}

/** pg's Query members this subclass relies on (pg/lib/query.js), absent from its type declarations. */
interface QueryInternals {
  text: string;
  name?: string;
  values?: unknown[];
  types?: unknown;
  binary?: boolean;
  portal: string;
  hasBeenParsed(connection: Wire): boolean;
  handleError(err: Error, connection: Wire): void;
}

/**
 * One statement with the transaction's BEGIN before it and/or its COMMIT after it, in a single extended-protocol exchange
 * (Parse/Bind/Execute of each, one Sync): PostgreSQL runs them back to back, without waiting for the client to read an
 * answer and send the next one (docs/decisions/0010-throughput.md). If one fails, the server skips everything up to
 * the Sync: after a failed statement COMMIT never runs and the transaction is left aborted, to be rolled back as usual.
 * The callback gets the statement's result (those of BEGIN and COMMIT are dropped).
 */
export class PipelinedQuery extends Query {
  constructor(
    config: { text: string; values: unknown[]; name?: string },
    private readonly around: { begin: boolean; commit: boolean },
    callback: (err: Error | null, res?: QueryResult) => void,
  ) {
    super({
      ...config,
      queryMode: 'extended',
      callback: (err: Error | null, res: QueryResult | QueryResult[]) => callback(err, Array.isArray(res) ? res[around.begin ? 1 : 0] : res),
    } as never);
  }

  /** As pg's Query#prepare (same messages for the statement), with BEGIN before it and COMMIT after it. */
  prepare(connection: Wire): void {
    const self = this as unknown as QueryInternals;
    if (this.around.begin) unnamed(connection, 'START TRANSACTION');
    if (!self.hasBeenParsed(connection)) {
      connection.parse({ text: self.text, name: self.name, types: self.types });
      if (self.name) connection.submittedNamedStatements[self.name] = self.text;
    }
    try {
      connection.bind({ portal: self.portal, statement: self.name, values: self.values, binary: self.binary, valueMapper: prepareValue });
    } catch (err) {
      // As pg does: a value that cannot be encoded fails the query (a BEGIN sent before it is rolled back by the caller).
      connection.close({ type: 'S', name: self.name ?? '' });
      connection.sync();
      self.handleError(err as Error, connection);
      return;
    }
    connection.describe({ type: 'P', name: self.portal || '' });
    connection.execute({ portal: self.portal, rows: 0 });
    if (this.around.commit) unnamed(connection, 'COMMIT');
    connection.sync();
  }
}

function unnamed(connection: Wire, text: string): void {
  connection.parse({ text });
  connection.bind({});
  connection.execute({});
}
