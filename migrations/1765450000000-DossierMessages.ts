import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way messages on a dossier (docs/domain/messages.md): who wrote each message (the intermediate body or the
 * applicant), its attachments (checked and scanned like every upload, file_scan), and how far each person has read
 * a dossier's thread, from which the unread counts follow.
 */
export class DossierMessages1765450000000 implements MigrationInterface {
  name = 'DossierMessages1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_message
        ADD COLUMN author_side text NOT NULL DEFAULT 'STAFF',
        ADD CONSTRAINT application_message_author_side_check CHECK (author_side IN ('STAFF', 'APPLICANT'))`);
    await q.query(`
      CREATE TABLE application_message_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES application_message(id) ON DELETE RESTRICT,
        original_name text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_message_file_message_idx ON application_message_file (message_id)`);
    await q.query(`
      CREATE TABLE application_message_seen (
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (application_id, user_id)
      )`);
    // The unread counts of the home pages and the menu: the other side's messages, newest first per dossier.
    await q.query(`CREATE INDEX application_message_side_idx ON application_message (application_id, author_side, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_message_side_idx`);
    await q.query(`DROP TABLE application_message_seen`);
    await q.query(`DROP TABLE application_message_file`);
    await q.query(`ALTER TABLE application_message DROP CONSTRAINT application_message_author_side_check, DROP COLUMN author_side`);
  }
}
