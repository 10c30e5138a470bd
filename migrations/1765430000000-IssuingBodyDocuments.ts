import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents (docs/domain/documents.md): a committee member's institution, printed in the minutes (null: the issuing
 * body's own staff).
 */
export class IssuingBodyDocuments1765430000000 implements MigrationInterface {
  name = 'IssuingBodyDocuments1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE committee_member ADD COLUMN institution text`);
    await q.query(
      `ALTER TABLE committee_member ADD CONSTRAINT committee_member_institution_check CHECK (institution IS NULL OR length(institution) BETWEEN 1 AND 200)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE committee_member DROP COLUMN institution`);
  }
}
