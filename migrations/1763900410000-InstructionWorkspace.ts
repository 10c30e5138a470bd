import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset indexes of the instructor list (`GET /api/v1/calls/:id/applications`): one per sort order, each restricted to
 * the submitted dossiers of one call and ending with the id tie-breaker, so that a deep page through a cursor is an
 * index range scan rather than a sort of the whole call. Sorting by organisation name joins another table and is
 * sorted in memory within the call.
 */
export class InstructionWorkspace1763900410000 implements MigrationInterface {
  name = 'InstructionWorkspace1763900410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX application_call_submitted_at_idx ON application (call_id, submitted_at, id) WHERE submitted_at IS NOT NULL`);
    await q.query(`CREATE INDEX application_call_number_idx ON application (call_id, number, id) WHERE submitted_at IS NOT NULL`);
    // coalesce: a submitted dossier always has its amount, but a NULL would break the row comparison of the keyset.
    await q.query(
      `CREATE INDEX application_call_eu_requested_idx ON application (call_id, (coalesce(eu_requested_cents, 0)), id) WHERE submitted_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_call_eu_requested_idx`);
    await q.query(`DROP INDEX application_call_number_idx`);
    await q.query(`DROP INDEX application_call_submitted_at_idx`);
  }
}
