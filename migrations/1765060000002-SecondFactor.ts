import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second factor for staff (docs/security.md): a TOTP secret per account (RFC 6238; readable by the server, which must
 * compute the codes), single-use recovery codes stored as their SHA-256, and the short-lived login challenge that
 * sits between a correct password and the code. Sessions record how they were opened, for the profile's list.
 */
export class SecondFactor1765060000002 implements MigrationInterface {
  name = 'SecondFactor1765060000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        secret text NOT NULL,
        enabled_at timestamptz,
        last_used_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE user_recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_recovery_code_hash_key UNIQUE (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE login_challenge (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        next_path text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_challenge_user_idx ON login_challenge (user_id)`);
    await q.query(`ALTER TABLE session ADD COLUMN auth_method text NOT NULL DEFAULT 'PASSWORD'`);
    await q.query(`ALTER TABLE session ADD COLUMN user_agent text`);
    await q.query(
      `ALTER TABLE session ADD CONSTRAINT session_auth_method_check CHECK (auth_method IN ('PASSWORD','PASSWORD_TOTP','PASSWORD_RECOVERY_CODE','PROCONNECT'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE session DROP CONSTRAINT session_auth_method_check`);
    await q.query(`ALTER TABLE session DROP COLUMN user_agent`);
    await q.query(`ALTER TABLE session DROP COLUMN auth_method`);
    await q.query(`DROP TABLE login_challenge`);
    await q.query(`DROP TABLE user_recovery_code`);
    await q.query(`DROP TABLE user_totp`);
  }
}
