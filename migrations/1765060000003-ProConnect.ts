import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ProConnect for staff (docs/security.md): a staff account is linked to its ProConnect subject at its first
 * ProConnect login (matched by e-mail); the session keeps the ID token so that logging out of Essaim ends the
 * ProConnect session too (RP-initiated logout needs it as id_token_hint).
 */
export class ProConnect1765060000003 implements MigrationInterface {
  name = 'ProConnect1765060000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN proconnect_sub text`);
    await q.query(`CREATE UNIQUE INDEX app_user_proconnect_sub_key ON app_user (proconnect_sub) WHERE proconnect_sub IS NOT NULL`);
    await q.query(`ALTER TABLE session ADD COLUMN id_token text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE session DROP COLUMN id_token`);
    await q.query(`DROP INDEX app_user_proconnect_sub_key`);
    await q.query(`ALTER TABLE app_user DROP COLUMN proconnect_sub`);
  }
}
