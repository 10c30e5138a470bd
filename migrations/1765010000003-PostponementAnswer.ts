import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The way back of a postponed (ajourné) dossier (docs/domain/committee.md): the applicant answers what the committee
 * asked, the dossier returns to instruction, then to a later session. Each answer is kept as evidence, never changed.
 */
export class PostponementAnswer1765010000003 implements MigrationInterface {
  name = 'PostponementAnswer1765010000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE postponement_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        answer text NOT NULL,
        answered_by uuid NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postponement_answer_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT postponement_answer_decision_fkey FOREIGN KEY (decision_id) REFERENCES committee_decision(id) ON DELETE RESTRICT,
        CONSTRAINT postponement_answer_by_fkey FOREIGN KEY (answered_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT postponement_answer_decision_key UNIQUE (decision_id),
        CONSTRAINT postponement_answer_length_check CHECK (length(answer) BETWEEN 1 AND 10000)
      )`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON postponement_answer FROM essaim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE postponement_answer`);
  }
}
