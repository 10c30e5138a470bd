import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requested documents (conventions, decision letters, committee minutes): what a version was produced from, who asked
 * for it, and a request key so that the same business event asking twice yields one document. The fact that an
 * operation includes physical investment or equipment decides the publicity support (CPR art. 50).
 */
export class DocumentRequests1763900600000 implements MigrationInterface {
  name = 'DocumentRequests1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document
        ADD COLUMN source_type text,
        ADD COLUMN source_id uuid,
        ADD COLUMN request_key text,
        ADD COLUMN requested_by uuid,
        ADD CONSTRAINT document_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        ADD CONSTRAINT document_source_check CHECK ((source_type IS NULL) = (source_id IS NULL)),
        ADD CONSTRAINT document_request_key_check CHECK (request_key IS NULL OR length(request_key) BETWEEN 1 AND 200)`);
    await q.query(`CREATE UNIQUE INDEX document_request_key_key ON document (request_key) WHERE request_key IS NOT NULL`);
    await q.query(`CREATE INDEX document_subject_idx ON document (subject_type, subject_id, created_at DESC)`);
    await q.query(`ALTER TABLE application ADD COLUMN physical_investment boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP COLUMN physical_investment`);
    await q.query(`DROP INDEX document_subject_idx`);
    await q.query(`DROP INDEX document_request_key_key`);
    await q.query(`
      ALTER TABLE document
        DROP CONSTRAINT document_request_key_check, DROP CONSTRAINT document_source_check, DROP CONSTRAINT document_requested_by_fkey,
        DROP COLUMN requested_by, DROP COLUMN request_key, DROP COLUMN source_id, DROP COLUMN source_type`);
  }
}
