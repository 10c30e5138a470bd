import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `essaim_require(ok, what)`: a check inside a statement that must fail as a whole. A statement that commits its
 * transaction right after it (the first submission's last statement, docs/decisions/0010-throughput.md) cannot
 * leave the "found nothing" case to the application, which would come after the commit: it raises instead, with the
 * SQLSTATE `ZE001` (class Z: implementation-defined) that the application maps to its refusal.
 */
export class StatementChecks1765500000000 implements MigrationInterface {
  name = 'StatementChecks1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION essaim_require(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF ok IS NOT TRUE THEN
          RAISE EXCEPTION 'statement check failed: %', what USING ERRCODE = 'ZE001';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION essaim_require(boolean, text)`);
  }
}
