import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated documents (receipts, conventions, letters, minutes, reports): one row per (subject, kind, version). */
export class Documents1763900300000 implements MigrationInterface {
  name = 'Documents1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        kind text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'PENDING',
        storage_key text,
        media_type text NOT NULL DEFAULT 'application/pdf',
        size_bytes bigint,
        sha256 text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz,
        CONSTRAINT document_subject_kind_version_key UNIQUE (subject_type, subject_id, kind, version),
        CONSTRAINT document_status_check CHECK (status IN ('PENDING', 'READY', 'FAILED')),
        CONSTRAINT document_ready_check CHECK (status <> 'READY' OR (storage_key IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document`);
  }
}
