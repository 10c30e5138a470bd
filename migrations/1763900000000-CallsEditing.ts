import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls editing: the two call fields the Foundation lacked (operation types admitted, for the Priority 6 scope
 * rule of docs/domain/eligibility.md; the evaluation grid, frozen with each published version, §8), the Priority 6 rate ceiling
 * enforced by the database too, and an index for the staff listing of calls.
 */
export class CallsEditing1763900000000 implements MigrationInterface {
  name = 'CallsEditing1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN allowed_operation_types jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN evaluation_grid jsonb`);
    await q.query(`
      ALTER TABLE call
        ADD CONSTRAINT call_priority_check CHECK (priority >= 1),
        -- ESF+ art. 14(4): a social-innovation priority (Priority 6 of the PN FSE+) is co-financed at 95 % at most.
        ADD CONSTRAINT call_priority6_rate_check CHECK (priority <> 6 OR max_rate_bp <= 9500),
        ADD CONSTRAINT call_json_shape_check CHECK (
          jsonb_typeof(cost_options) = 'array' AND jsonb_typeof(required_document_types) = 'array'
          AND jsonb_typeof(target_publics) = 'array' AND jsonb_typeof(allowed_operation_types) = 'array'
          AND (evaluation_grid IS NULL OR jsonb_typeof(evaluation_grid) = 'object'))`);
    await q.query(`ALTER TABLE call_version ADD CONSTRAINT call_version_version_check CHECK (version >= 1)`);
    // Keyset pagination of every call, newest first (GET /api/v1/calls for staff, /gestion/appels).
    await q.query(`CREATE INDEX call_created_idx ON call (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX call_created_idx`);
    await q.query(`ALTER TABLE call_version DROP CONSTRAINT call_version_version_check`);
    await q.query(`
      ALTER TABLE call
        DROP CONSTRAINT call_json_shape_check,
        DROP CONSTRAINT call_priority6_rate_check,
        DROP CONSTRAINT call_priority_check`);
    await q.query(`ALTER TABLE call DROP COLUMN evaluation_grid, DROP COLUMN allowed_operation_types`);
  }
}
