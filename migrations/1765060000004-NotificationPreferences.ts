import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification preferences and the in-app inbox (docs/domain/notifications.md). Every message to a user is kept in
 * mail_message and is their inbox; a category the user chose not to receive by mail is written `SKIPPED` (no outbox
 * job). `read_at` is the inbox's unread mark.
 */
export class NotificationPreferences1765060000004 implements MigrationInterface {
  name = 'NotificationPreferences1765060000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        category text NOT NULL,
        by_mail boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, category),
        CONSTRAINT notification_preference_category_check CHECK (category IN ('DOSSIER','REMINDER'))
      )`);
    await q.query(`ALTER TABLE mail_message ADD COLUMN read_at timestamptz`);
    await q.query(`ALTER TABLE mail_message DROP CONSTRAINT mail_message_status_check`);
    await q.query(`ALTER TABLE mail_message ADD CONSTRAINT mail_message_status_check CHECK (status IN ('PENDING','SENT','FAILED','SKIPPED'))`);
    await q.query(`CREATE INDEX mail_message_unread_idx ON mail_message (recipient_user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_message_unread_idx`);
    await q.query(`DELETE FROM mail_message WHERE status = 'SKIPPED'`);
    await q.query(`ALTER TABLE mail_message DROP CONSTRAINT mail_message_status_check`);
    await q.query(`ALTER TABLE mail_message ADD CONSTRAINT mail_message_status_check CHECK (status IN ('PENDING','SENT','FAILED'))`);
    await q.query(`ALTER TABLE mail_message DROP COLUMN read_at`);
    await q.query(`DROP TABLE notification_preference`);
  }
}
