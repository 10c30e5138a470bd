import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail to people (docs/decisions/0006-mail.md): one row per message, written with the event that causes it and sent by the
 * worker. `dedupe_key` makes a message to one person about one event unique, so a replayed event sends nothing more.
 */
export class Mail1765060000000 implements MigrationInterface {
  name = 'Mail1765060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL,
        template text NOT NULL,
        recipient_user_id uuid,
        to_address text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT mail_message_dedupe_key_key UNIQUE (dedupe_key),
        CONSTRAINT mail_message_recipient_fkey FOREIGN KEY (recipient_user_id) REFERENCES app_user(id) ON DELETE SET NULL,
        CONSTRAINT mail_message_status_check CHECK (status IN ('PENDING','SENT','FAILED')),
        CONSTRAINT mail_message_sent_check CHECK (status <> 'SENT' OR sent_at IS NOT NULL),
        CONSTRAINT mail_message_failed_check CHECK (status <> 'FAILED' OR last_error IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX mail_message_created_idx ON mail_message (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX mail_message_recipient_idx ON mail_message (recipient_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX mail_message_open_idx ON mail_message (status) WHERE status <> 'SENT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_message`);
  }
}
