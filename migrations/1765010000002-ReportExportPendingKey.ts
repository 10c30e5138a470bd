import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One pending generation per identical report request (docs/domain/reports.md): the same type, format and scope asked
 * again while the first is still PENDING returns the first instead of queueing another generation. Older duplicates
 * already waiting are closed as FAILED with their reason, so the index can be built.
 */
export class ReportExportPendingKey1765010000002 implements MigrationInterface {
  name = 'ReportExportPendingKey1765010000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE report_export r SET status = 'FAILED', failure_reason = 'Demande identique à une demande déjà en cours.'
       WHERE r.status = 'PENDING' AND EXISTS (
         SELECT 1 FROM report_export o
          WHERE o.status = 'PENDING' AND o.type = r.type AND o.format = r.format AND o.priority = r.priority
            AND o.call_id IS NOT DISTINCT FROM r.call_id AND (o.requested_at, o.id) < (r.requested_at, r.id))`);
    await q.query(`
      CREATE UNIQUE INDEX report_export_pending_key ON report_export (type, format, priority, coalesce(call_id, '00000000-0000-0000-0000-000000000000'::uuid))
       WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX report_export_pending_key`);
  }
}
