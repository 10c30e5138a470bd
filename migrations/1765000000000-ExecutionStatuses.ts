import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'DRAFT','SUBMITTED','ADMISSIBLE','INCOMPLETE','INADMISSIBLE','UNDER_INSTRUCTION','INSTRUCTED','UNDER_EVALUATION',
  'IN_COMMITTEE','PROGRAMMED','REFUSED','POSTPONED','CONVENTION_ISSUED','WITHDRAWN'`;
const AFTER = `${BEFORE},'CONVENTION_SIGNED','IN_PROGRESS','RENOUNCED','CLOSED'`;

/**
 * The execution statuses of a dossier (after the convention): signed, in progress, renounced by the beneficiary,
 * closed. Only the CHECK lists change; the transition table lives in the applications module's domain.
 */
export class ExecutionStatuses1765000000000 implements MigrationInterface {
  name = 'ExecutionStatuses1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await this.replaceChecks(q, AFTER);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.replaceChecks(q, BEFORE);
  }

  private async replaceChecks(q: QueryRunner, statuses: string): Promise<void> {
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_status_check`);
    await q.query(`ALTER TABLE application ADD CONSTRAINT application_status_check CHECK (status IN (${statuses}))`);
    await q.query(`ALTER TABLE application_status_history DROP CONSTRAINT application_status_history_from_check`);
    await q.query(
      `ALTER TABLE application_status_history ADD CONSTRAINT application_status_history_from_check CHECK (from_status IS NULL OR from_status IN (${statuses}))`,
    );
    await q.query(`ALTER TABLE application_status_history DROP CONSTRAINT application_status_history_to_check`);
    await q.query(`ALTER TABLE application_status_history ADD CONSTRAINT application_status_history_to_check CHECK (to_status IN (${statuses}))`);
  }
}
