import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'DRAFT','SUBMITTED','ADMISSIBLE','INCOMPLETE','INADMISSIBLE','UNDER_INSTRUCTION','INSTRUCTED','UNDER_EVALUATION',
  'IN_COMMITTEE','PROGRAMMED','REFUSED','POSTPONED','CONVENTION_ISSUED','WITHDRAWN','CONVENTION_SIGNED','IN_PROGRESS','RENOUNCED','CLOSED'`;
const AFTER = `${BEFORE},'AWARD_PROPOSED'`;

/**
 * A committee reduction is a proposal (docs/domain/committee.md): a favorable decision below the retained EU amount
 * moves the dossier to AWARD_PROPOSED and opens a proposal the beneficiary answers by a date — accepted with a revised
 * plan (a financing-plan version, source APPLICANT), or refused (renunciation). One proposal per decision.
 */
export class AwardProposal1765420000002 implements MigrationInterface {
  name = 'AwardProposal1765420000002';

  async up(q: QueryRunner): Promise<void> {
    await this.replaceChecks(q, AFTER);
    await q.query(`
      CREATE TABLE award_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        retained_eu_cents bigint NOT NULL,
        proposed_eu_cents bigint NOT NULL,
        answer_due_date date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        plan_version_no smallint,
        refusal_reason text,
        answered_by uuid,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT award_proposal_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT award_proposal_decision_fkey FOREIGN KEY (decision_id) REFERENCES committee_decision(id) ON DELETE RESTRICT,
        CONSTRAINT award_proposal_decision_key UNIQUE (decision_id),
        CONSTRAINT award_proposal_plan_fkey FOREIGN KEY (application_id, plan_version_no)
          REFERENCES financing_plan_version(application_id, version_no) ON DELETE RESTRICT,
        CONSTRAINT award_proposal_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT award_proposal_amounts_check CHECK (proposed_eu_cents > 0 AND proposed_eu_cents < retained_eu_cents),
        CONSTRAINT award_proposal_status_check CHECK (status IN ('PENDING','ACCEPTED','REFUSED')),
        CONSTRAINT award_proposal_answer_check CHECK ((status = 'PENDING') = (answered_at IS NULL)),
        CONSTRAINT award_proposal_accepted_check CHECK ((status = 'ACCEPTED') = (plan_version_no IS NOT NULL)),
        CONSTRAINT award_proposal_refused_check CHECK ((status = 'REFUSED') = (refusal_reason IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX award_proposal_one_pending_idx ON award_proposal (application_id) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE award_proposal`);
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
