import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_OPERATIONS_SQL, PUBLISHED_SQL } from '../catalogue/catalogue.sql';
import { type OperationRow } from '../catalogue/domain/published-operation';

export interface ReleaseSummary {
  id: string;
  releasedAt: Date;
  operationCount: number;
  csvSha256: string;
  jsonSha256: string;
}

/** Read side of the open data (every published operation through a cursor) and the kept releases. */
@Injectable()
export class OpenDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every published operation in code order, in batches, from one read-only REPEATABLE READ snapshot (a server-side
   * cursor: the process holds one batch at a time).
   */
  async *operations(batchSize = 2000): AsyncGenerator<OperationRow[]> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('SET TRANSACTION READ ONLY');
      await qr.query('SET LOCAL jit = off');
      await qr.query(`DECLARE open_data_cursor NO SCROLL CURSOR FOR ${ALL_OPERATIONS_SQL}`);
      for (;;) {
        // QueryRunner.query has no row type parameter: the cursor's rows are ALL_OPERATIONS_SQL's, typed by OperationRow.
        const rows = (await qr.query(`FETCH ${Math.trunc(batchSize)} FROM open_data_cursor`)) as OperationRow[];
        if (rows.length === 0) break;
        yield rows;
      }
      await qr.commitTransaction();
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      await qr.release();
    }
  }

  /** When the published data last changed: a programmed dossier, a decision, or a beneficiary's choices. */
  async lastChange(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(`
      SELECT greatest(
        (SELECT max(updated_at) FROM application a WHERE a.status IN ${PUBLISHED_SQL}),
        (SELECT max(p.updated_at) FROM application_publication p JOIN application a ON a.id = p.application_id WHERE a.status IN ${PUBLISHED_SQL}),
        (SELECT max(decided_at) FROM committee_decision)) AS at`);
    return row?.at ?? null;
  }

  async insertRelease(
    em: EntityManager,
    r: { csv: Buffer; json: Buffer; csvSha256: string; jsonSha256: string; count: number; userId: string | null },
  ): Promise<ReleaseSummary> {
    const [row] = await em.query<{ id: string; released_at: Date }[]>(
      `INSERT INTO open_data_release (operation_count, csv, json, csv_sha256, json_sha256, released_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, released_at`,
      [r.count, r.csv, r.json, r.csvSha256, r.jsonSha256, r.userId],
    );
    if (!row) throw new Error('open data release not inserted');
    return { id: row.id, releasedAt: row.released_at, operationCount: r.count, csvSha256: r.csvSha256, jsonSha256: r.jsonSha256 };
  }

  async releases(limit = 50): Promise<ReleaseSummary[]> {
    const rows = await this.dataSource.query<{ id: string; released_at: Date; operation_count: number; csv_sha256: string; json_sha256: string }[]>(
      `SELECT id, released_at, operation_count, csv_sha256, json_sha256 FROM open_data_release ORDER BY released_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, releasedAt: r.released_at, operationCount: r.operation_count, csvSha256: r.csv_sha256, jsonSha256: r.json_sha256 }));
  }

  async releaseFile(id: string, format: 'csv' | 'json'): Promise<{ bytes: Buffer; releasedAt: Date } | null> {
    const [row] = await this.dataSource.query<{ bytes: Buffer; released_at: Date }[]>(
      `SELECT ${format === 'csv' ? 'csv' : 'json'} AS bytes, released_at FROM open_data_release WHERE id = $1`,
      [id],
    );
    return row ? { bytes: row.bytes, releasedAt: row.released_at } : null;
  }
}
