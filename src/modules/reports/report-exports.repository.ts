import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReportFormat, ReportStatus, ReportType } from './domain/report-kinds';

export interface ReportExportRow {
  id: string;
  type: ReportType;
  format: ReportFormat;
  callId: string | null;
  callReference: string | null;
  callTitle: string | null;
  priority: number;
  requestedBy: string;
  status: ReportStatus;
  storageKey: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  rowCount: number | null;
  failureReason: string | null;
  requestedAt: Date;
  readyAt: Date | null;
  /** requested_at to the microsecond (a Date keeps milliseconds): the keyset cursor of the list. */
  requestedAtKey: string;
}

const COLUMNS = `r.id, r.type, r.format, r.call_id AS "callId", c.reference AS "callReference", c.title AS "callTitle", r.priority,
  r.requested_by AS "requestedBy", r.status, r.storage_key AS "storageKey", r.size_bytes AS "sizeBytes", r.sha256, r.row_count AS "rowCount",
  r.failure_reason AS "failureReason", r.requested_at AS "requestedAt", r.ready_at AS "readyAt",
  to_char(r.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "requestedAtKey"`;

const toRow = (r: ReportExportRow): ReportExportRow => ({ ...r, priority: Number(r.priority), sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes) });

/** The report_export table: requests, their status and where the generated file is. */
@Injectable()
export class ReportExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the request unless an identical one is still PENDING (index report_export_pending_key, migration
   * 1765010000002): then answers that one's id with `created: false`.
   */
  async insert(
    em: EntityManager,
    r: { type: ReportType; format: ReportFormat; callId: string | null; priority: number; requestedBy: string },
  ): Promise<{ id: string; created: boolean }> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO report_export (type, format, call_id, priority, requested_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (type, format, priority, coalesce(call_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status = 'PENDING' DO NOTHING
       RETURNING id`,
      [r.type, r.format, r.callId, r.priority, r.requestedBy],
    );
    if (rows[0]) return { id: rows[0].id, created: true };
    const pending: { id: string }[] = await em.query(
      `SELECT id FROM report_export WHERE type = $1 AND format = $2 AND priority = $3 AND call_id IS NOT DISTINCT FROM $4::uuid AND status = 'PENDING'`,
      [r.type, r.format, r.priority, r.callId],
    );
    // The pending one finished between the two statements: insert again (at most once more in practice).
    return pending[0] ? { id: pending[0].id, created: false } : this.insert(em, r);
  }

  async findById(id: string, em: EntityManager | DataSource = this.dataSource): Promise<ReportExportRow | null> {
    const rows: ReportExportRow[] = await em.query(`SELECT ${COLUMNS} FROM report_export r LEFT JOIN call c ON c.id = r.call_id WHERE r.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /**
   * Newest first, keyset-paginated before (requestedAt, id); `callsOnly` hides the priority-wide reports (programme
   * managers read the reports of calls).
   */
  async list(opts: { limit: number; callsOnly: boolean; before?: { requestedAt: string; id: string } | null }): Promise<ReportExportRow[]> {
    const rows: ReportExportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM report_export r LEFT JOIN call c ON c.id = r.call_id
        WHERE ($2::boolean IS FALSE OR r.call_id IS NOT NULL)
          AND ($3::timestamptz IS NULL OR (r.requested_at, r.id) < ($3::timestamptz, $4::uuid))
        ORDER BY r.requested_at DESC, r.id DESC LIMIT $1`,
      [opts.limit, opts.callsOnly, opts.before?.requestedAt ?? null, opts.before?.id ?? null],
    );
    return rows.map(toRow);
  }

  /** The calls a report may be scoped to: published or archived calls of the priority. */
  async listCalls(priority: number): Promise<{ id: string; reference: string; title: string }[]> {
    return this.dataSource.query(`SELECT id, reference, title FROM call WHERE priority = $1 AND status <> 'DRAFT' ORDER BY reference`, [priority]);
  }

  async markStarted(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE report_export SET started_at = now() WHERE id = $1 AND status = 'PENDING'`, [id]);
  }

  /** Guarded: only a PENDING request becomes READY, so a second run cannot overwrite the first file's digest. */
  async markReady(em: EntityManager, id: string, f: { storageKey: string; sizeBytes: number; sha256: string; rowCount: number }): Promise<boolean> {
    const [, affected]: [unknown[], number] = await em.query(
      `UPDATE report_export SET status = 'READY', storage_key = $2, size_bytes = $3, sha256 = $4, row_count = $5, ready_at = now(), failure_reason = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [id, f.storageKey, f.sizeBytes, f.sha256, f.rowCount],
    );
    return affected > 0;
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE report_export SET status = 'FAILED', failure_reason = $2 WHERE id = $1 AND status = 'PENDING'`, [
      id,
      reason.slice(0, 500),
    ]);
  }
}
