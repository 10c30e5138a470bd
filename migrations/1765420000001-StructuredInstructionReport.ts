import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instruction report is structured (docs/domain/instruction-report.md): five written sections (public targeted,
 * administrative and financial capacity, horizontal principles, State aid, absence of double funding) kept in
 * `sections`, and a third opinion, « réservé ». Reports written before keep `{}`: they stay readable as they were,
 * and only a new validation requires the sections.
 */
export class StructuredInstructionReport1765420000001 implements MigrationInterface {
  name = 'StructuredInstructionReport1765420000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE instruction_report
        ADD COLUMN sections jsonb NOT NULL DEFAULT '{}',
        ADD CONSTRAINT instruction_report_sections_check CHECK (jsonb_typeof(sections) = 'object')`);
    await q.query(`ALTER TABLE instruction_report DROP CONSTRAINT instruction_report_opinion_check`);
    await q.query(`ALTER TABLE instruction_report ADD CONSTRAINT instruction_report_opinion_check CHECK (opinion IN ('FAVORABLE','RESERVED','DEFAVORABLE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE instruction_report SET opinion = 'FAVORABLE' WHERE opinion = 'RESERVED'`);
    await q.query(`ALTER TABLE instruction_report DROP CONSTRAINT instruction_report_opinion_check`);
    await q.query(`ALTER TABLE instruction_report ADD CONSTRAINT instruction_report_opinion_check CHECK (opinion IN ('FAVORABLE','DEFAVORABLE'))`);
    await q.query(`ALTER TABLE instruction_report DROP CONSTRAINT instruction_report_sections_check, DROP COLUMN sections`);
  }
}
