import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation panels (docs/domain/evaluation.md): members of a call's panel, assignments of evaluators to dossiers, conflict of
 * interest declarations, individual scores with their history, and the rapporteur's consensus. The grid and its
 * options (tie-break chain, divergence gap, evaluators per dossier, fillRemainder) live in `call.evaluation_grid`,
 * so they are frozen in `call_version` with the rest of the rules.
 */
export class EvaluationPanels1763900500000 implements MigrationInterface {
  name = 'EvaluationPanels1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE panel_member (
        call_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL,
        added_by uuid,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT panel_member_pkey PRIMARY KEY (call_id, user_id),
        CONSTRAINT panel_member_call_fkey FOREIGN KEY (call_id) REFERENCES call(id) ON DELETE RESTRICT,
        CONSTRAINT panel_member_user_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT panel_member_added_by_fkey FOREIGN KEY (added_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT panel_member_role_check CHECK (role IN ('CHAIR','RAPPORTEUR','MEMBER'))
      )`);
    // One chair per panel: the chair waives conflicts and sees the ranking.
    await q.query(`CREATE UNIQUE INDEX panel_member_chair_key ON panel_member (call_id) WHERE role = 'CHAIR'`);
    await q.query(`CREATE INDEX panel_member_user_idx ON panel_member (user_id)`);

    // One evaluation sheet per (dossier, evaluator); `version` guards the sheet (If-Match).
    await q.query(`
      CREATE TABLE evaluation_assignment (
        application_id uuid NOT NULL,
        evaluator_id uuid NOT NULL,
        call_id uuid NOT NULL,
        rapporteur boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'DRAFT',
        submitted_at timestamptz,
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT evaluation_assignment_pkey PRIMARY KEY (application_id, evaluator_id),
        CONSTRAINT evaluation_assignment_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_assignment_member_fkey FOREIGN KEY (call_id, evaluator_id) REFERENCES panel_member(call_id, user_id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_assignment_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_assignment_status_check CHECK (status IN ('DRAFT','SUBMITTED')),
        CONSTRAINT evaluation_assignment_submitted_check CHECK ((status = 'SUBMITTED') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX evaluation_assignment_rapporteur_key ON evaluation_assignment (application_id) WHERE rapporteur`);
    await q.query(`CREATE INDEX evaluation_assignment_evaluator_idx ON evaluation_assignment (evaluator_id, call_id)`);
    await q.query(`CREATE INDEX evaluation_assignment_call_idx ON evaluation_assignment (call_id)`);

    // The evaluator's declaration (before any access) and the automatic exclusion found by the rules; a chair's
    // waiver lifts either, with a written reason.
    await q.query(`
      CREATE TABLE conflict_declaration (
        application_id uuid NOT NULL,
        evaluator_id uuid NOT NULL,
        declared_conflict boolean,
        details text,
        declared_at timestamptz,
        automatic_reason text,
        waived_by uuid,
        waiver_reason text,
        waived_at timestamptz,
        CONSTRAINT conflict_declaration_pkey PRIMARY KEY (application_id, evaluator_id),
        CONSTRAINT conflict_declaration_assignment_fkey FOREIGN KEY (application_id, evaluator_id)
          REFERENCES evaluation_assignment(application_id, evaluator_id) ON DELETE CASCADE,
        CONSTRAINT conflict_declaration_waived_by_fkey FOREIGN KEY (waived_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT conflict_declaration_declared_check CHECK ((declared_conflict IS NULL) = (declared_at IS NULL)),
        CONSTRAINT conflict_declaration_waiver_check CHECK (
          (waived_by IS NULL) = (waived_at IS NULL) AND (waived_by IS NULL) = (waiver_reason IS NULL)
          AND (waiver_reason IS NULL OR length(btrim(waiver_reason)) BETWEEN 1 AND 5000))
      )`);

    await q.query(`
      CREATE TABLE evaluation_score (
        application_id uuid NOT NULL,
        evaluator_id uuid NOT NULL,
        criterion_code text NOT NULL,
        score smallint NOT NULL,
        justification text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_score_pkey PRIMARY KEY (application_id, evaluator_id, criterion_code),
        CONSTRAINT evaluation_score_assignment_fkey FOREIGN KEY (application_id, evaluator_id)
          REFERENCES evaluation_assignment(application_id, evaluator_id) ON DELETE CASCADE,
        CONSTRAINT evaluation_score_justification_check CHECK (length(justification) <= 10000)
      )`);

    // Append-only: every save, submission and reopening of a sheet.
    await q.query(`
      CREATE TABLE evaluation_score_history (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL,
        evaluator_id uuid NOT NULL,
        event text NOT NULL,
        scores jsonb NOT NULL DEFAULT '[]',
        reason text,
        actor_user_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_score_history_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_score_history_actor_fkey FOREIGN KEY (actor_user_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_score_history_event_check CHECK (event IN ('SAVED','SUBMITTED','REOPENED')),
        CONSTRAINT evaluation_score_history_scores_check CHECK (jsonb_typeof(scores) = 'array')
      )`);
    await q.query(`CREATE INDEX evaluation_score_history_sheet_idx ON evaluation_score_history (application_id, evaluator_id, id)`);
    await q.query(`REVOKE UPDATE, DELETE ON evaluation_score_history FROM essaim_app`);

    // The rapporteur's consensus: integer scores per criterion, a comment for each change from the rounded mean,
    // and the means it started from (the originals stay in evaluation_score).
    await q.query(`
      CREATE TABLE evaluation_consensus (
        application_id uuid PRIMARY KEY,
        scores jsonb NOT NULL,
        comments jsonb NOT NULL DEFAULT '{}',
        starting_means jsonb NOT NULL DEFAULT '{}',
        weighted_total integer NOT NULL,
        rapporteur_id uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT evaluation_consensus_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_consensus_rapporteur_fkey FOREIGN KEY (rapporteur_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT evaluation_consensus_objects_check CHECK (
          jsonb_typeof(scores) = 'object' AND jsonb_typeof(comments) = 'object' AND jsonb_typeof(starting_means) = 'object')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluation_consensus`);
    await q.query(`DROP TABLE evaluation_score_history`);
    await q.query(`DROP TABLE evaluation_score`);
    await q.query(`DROP TABLE conflict_declaration`);
    await q.query(`DROP TABLE evaluation_assignment`);
    await q.query(`DROP TABLE panel_member`);
  }
}
