import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail verification and password reset (docs/security.md). Existing and staff-created accounts count as verified
 * (the column defaults to now()); self-service sign-up writes NULL until the link is followed. Tokens are stored as
 * their SHA-256 only, used once, and expire.
 */
export class AccountRecovery1765060000001 implements MigrationInterface {
  name = 'AccountRecovery1765060000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN email_verified_at timestamptz DEFAULT now()`);
    await q.query(`
      CREATE TABLE account_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_token_user_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE,
        CONSTRAINT account_token_hash_key UNIQUE (token_hash),
        CONSTRAINT account_token_purpose_check CHECK (purpose IN ('VERIFY_EMAIL','RESET_PASSWORD'))
      )`);
    await q.query(`CREATE INDEX account_token_user_idx ON account_token (user_id, purpose) WHERE used_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_token`);
    await q.query(`ALTER TABLE app_user DROP COLUMN email_verified_at`);
  }
}
