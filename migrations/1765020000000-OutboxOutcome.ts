import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row is no longer finished when it is queued: `published_at` says it reached Redis at least once,
 * `done_at` that a worker completed it, `failed_at` + `failure_reason` that it failed for good. The reconciler
 * re-publishes what is published but neither done, failed nor known to Redis (Redis restarted empty), and staff
 * retry failed rows (`retry_count`).
 */
export class OutboxOutcome1765020000000 implements MigrationInterface {
  name = 'OutboxOutcome1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN done_at timestamptz,
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN failure_reason text,
        ADD COLUMN retry_count integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT outbox_outcome_check CHECK (done_at IS NULL OR failed_at IS NULL),
        ADD CONSTRAINT outbox_failed_check CHECK (failed_at IS NULL OR failure_reason IS NOT NULL)`);
    await q.query(`CREATE INDEX outbox_open_idx ON outbox (published_at) WHERE published_at IS NOT NULL AND done_at IS NULL AND failed_at IS NULL`);
    await q.query(`CREATE INDEX outbox_failed_idx ON outbox (failed_at DESC) WHERE failed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_failed_idx`);
    await q.query(`DROP INDEX outbox_open_idx`);
    await q.query(`
      ALTER TABLE outbox DROP CONSTRAINT outbox_failed_check, DROP CONSTRAINT outbox_outcome_check,
        DROP COLUMN retry_count, DROP COLUMN failure_reason, DROP COLUMN failed_at, DROP COLUMN done_at`);
  }
}
