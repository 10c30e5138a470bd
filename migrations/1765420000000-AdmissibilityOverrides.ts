import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admissibility is never overridden silently (docs/domain/admissibility.md): an admissible decision taken while
 * automatic checks failed keeps the instructor's written reason for each of them. Older rounds have none (`[]`).
 */
export class AdmissibilityOverrides1765420000000 implements MigrationInterface {
  name = 'AdmissibilityOverrides1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE admissibility_review
        ADD COLUMN overrides jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT admissibility_review_overrides_check CHECK (
          jsonb_typeof(overrides) = 'array' AND (outcome = 'ADMISSIBLE' OR jsonb_array_length(overrides) = 0))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admissibility_review DROP CONSTRAINT admissibility_review_overrides_check, DROP COLUMN overrides`);
  }
}
