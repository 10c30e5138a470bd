import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instruction report is edited under optimistic concurrency (If-Match on its version) and, once submitted, is
 * the one the dossier moved to INSTRUCTED with: its submission time and author are kept on the row.
 */
export class InstructionReportVersion1763900430000 implements MigrationInterface {
  name = 'InstructionReportVersion1763900430000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE instruction_report
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN submitted_by uuid,
        ADD COLUMN submitted_at timestamptz,
        ADD CONSTRAINT instruction_report_version_check CHECK (version >= 1),
        ADD CONSTRAINT instruction_report_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        ADD CONSTRAINT instruction_report_submitted_check CHECK ((submitted_at IS NULL) = (submitted_by IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE instruction_report
        DROP CONSTRAINT instruction_report_submitted_check,
        DROP CONSTRAINT instruction_report_submitted_by_fkey,
        DROP CONSTRAINT instruction_report_version_check,
        DROP COLUMN submitted_at, DROP COLUMN submitted_by, DROP COLUMN version`);
  }
}
