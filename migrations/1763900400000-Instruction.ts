import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instruction and committee data shared by instruction (admissibility, eligibility, instruction report), evaluation
 * panels, the programming committee and the documents that follow them (docs/domain/admissibility.md, eligibility.md, lifecycle.md, committee.md, documents.md).
 */
export class Instruction1763900400000 implements MigrationInterface {
  name = 'Instruction1763900400000';

  async up(q: QueryRunner): Promise<void> {
    // Facts the Priority 6 scope rules need (docs/domain/eligibility.md), entered by the applicant with the project.
    // Instructor assignment and labels serve the instructor workspace.
    await q.query(`
      ALTER TABLE application
        ADD COLUMN operation_type text,
        ADD COLUMN existing_project boolean,
        ADD COLUMN experimentation_start_date date,
        ADD COLUMN new_territory boolean,
        ADD COLUMN substantial_change boolean,
        ADD COLUMN instructor_id uuid,
        ADD COLUMN labels text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT application_instructor_fkey FOREIGN KEY (instructor_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        ADD CONSTRAINT application_operation_type_check CHECK (operation_type IS NULL OR operation_type ~ '^[A-Z0-9_]{1,50}$'),
        ADD CONSTRAINT application_labels_check CHECK (cardinality(labels) <= 20)`);
    await q.query(`CREATE INDEX application_instructor_idx ON application (instructor_id, call_id) WHERE instructor_id IS NOT NULL`);
    await q.query(`CREATE INDEX application_labels_idx ON application USING gin (labels)`);
    // The CSESS characterisation grid (February 2017): configurable, scored, non-blocking criteria.
    await q.query(`ALTER TABLE call ADD COLUMN csess_grid jsonb`);

    // Every submission of a dossier, the first one included: a resubmission after INCOMPLETE adds a row and never
    // touches the first snapshot (CPR art. 69 evidence). The diff shown to the instructor compares two rows.
    await q.query(`
      CREATE TABLE application_submission (
        application_id uuid NOT NULL,
        submission_no smallint NOT NULL,
        snapshot jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid,
        CONSTRAINT application_submission_pkey PRIMARY KEY (application_id, submission_no),
        CONSTRAINT application_submission_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT application_submission_by_fkey FOREIGN KEY (submitted_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_submission_no_check CHECK (submission_no >= 1)
      )`);
    await q.query(`
      INSERT INTO application_submission (application_id, submission_no, snapshot, submitted_at, submitted_by)
      SELECT id, 1, submitted_snapshot, submitted_at, created_by FROM application WHERE submitted_snapshot IS NOT NULL`);
    await q.query(`REVOKE UPDATE, DELETE ON application_submission FROM essaim_app`);

    // One row per admissibility decision (a dossier found incomplete then resubmitted has two rounds).
    await q.query(`
      CREATE TABLE admissibility_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        round smallint NOT NULL,
        submission_no smallint NOT NULL,
        checks jsonb NOT NULL,
        outcome text NOT NULL,
        reasons jsonb NOT NULL DEFAULT '[]',
        remarks text,
        complements jsonb NOT NULL DEFAULT '[]',
        due_date date,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT admissibility_review_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT admissibility_review_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT admissibility_review_round_key UNIQUE (application_id, round),
        CONSTRAINT admissibility_review_outcome_check CHECK (outcome IN ('ADMISSIBLE','INCOMPLETE','INADMISSIBLE')),
        CONSTRAINT admissibility_review_arrays_check CHECK (
          jsonb_typeof(checks) = 'array' AND jsonb_typeof(reasons) = 'array' AND jsonb_typeof(complements) = 'array'),
        CONSTRAINT admissibility_review_incomplete_check CHECK (
          outcome <> 'INCOMPLETE' OR (due_date IS NOT NULL AND jsonb_array_length(complements) > 0)),
        CONSTRAINT admissibility_review_inadmissible_check CHECK (outcome <> 'INADMISSIBLE' OR jsonb_array_length(reasons) > 0)
      )`);

    // The stored eligibility report: one per dossier, re-evaluation replaces the results (the audit log keeps each run).
    await q.query(`
      CREATE TABLE eligibility_report (
        application_id uuid PRIMARY KEY,
        rule_set_version text NOT NULL,
        facts jsonb NOT NULL,
        results jsonb NOT NULL,
        overrides jsonb NOT NULL DEFAULT '[]',
        csess_scores jsonb NOT NULL DEFAULT '[]',
        verdict text,
        verdict_reasons jsonb NOT NULL DEFAULT '[]',
        evaluated_by uuid NOT NULL,
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid,
        confirmed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT eligibility_report_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT eligibility_report_evaluated_by_fkey FOREIGN KEY (evaluated_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT eligibility_report_confirmed_by_fkey FOREIGN KEY (confirmed_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT eligibility_report_verdict_check CHECK (verdict IS NULL OR verdict IN ('ELIGIBLE','INELIGIBLE')),
        CONSTRAINT eligibility_report_confirmed_check CHECK ((verdict IS NULL) = (confirmed_at IS NULL) AND (confirmed_at IS NULL) = (confirmed_by IS NULL)),
        CONSTRAINT eligibility_report_arrays_check CHECK (
          jsonb_typeof(results) = 'array' AND jsonb_typeof(overrides) = 'array' AND jsonb_typeof(csess_scores) = 'array'
          AND jsonb_typeof(verdict_reasons) = 'array'),
        CONSTRAINT eligibility_report_version_check CHECK (version >= 1)
      )`);
    await q.query(`CREATE INDEX eligibility_report_verdict_idx ON eligibility_report (verdict) WHERE verdict IS NOT NULL`);

    // Versions of the financing plan: 1 is the applicant's (as submitted), later ones are reductions proposed by the
    // instructor or decided by the committee. Each version is complete and recomputed by the co-financing code;
    // earlier versions are never changed.
    await q.query(`
      CREATE TABLE financing_plan_version (
        application_id uuid NOT NULL,
        version_no smallint NOT NULL,
        source text NOT NULL,
        cost_option text NOT NULL,
        flat_rate_bp integer,
        lines jsonb NOT NULL,
        resources jsonb NOT NULL,
        total_direct_cents bigint NOT NULL,
        total_flat_rate_cents bigint NOT NULL,
        total_eligible_cents bigint NOT NULL,
        max_eu_cents bigint NOT NULL,
        eu_cents bigint NOT NULL,
        other_resources_cents bigint NOT NULL,
        rate_bp integer NOT NULL,
        reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT financing_plan_version_pkey PRIMARY KEY (application_id, version_no),
        CONSTRAINT financing_plan_version_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT financing_plan_version_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT financing_plan_version_source_check CHECK (source IN ('APPLICANT','INSTRUCTOR','COMMITTEE')),
        CONSTRAINT financing_plan_version_no_check CHECK (version_no >= 1),
        CONSTRAINT financing_plan_version_amounts_check CHECK (
          total_direct_cents >= 0 AND total_flat_rate_cents >= 0 AND total_eligible_cents >= 0 AND max_eu_cents >= 0
          AND eu_cents >= 0 AND other_resources_cents >= 0 AND eu_cents <= max_eu_cents),
        CONSTRAINT financing_plan_version_rate_check CHECK (rate_bp BETWEEN 0 AND 10000),
        CONSTRAINT financing_plan_version_arrays_check CHECK (jsonb_typeof(lines) = 'array' AND jsonb_typeof(resources) = 'array')
      )`);
    await q.query(`REVOKE UPDATE, DELETE ON financing_plan_version FROM essaim_app`);

    await q.query(`
      CREATE TABLE instruction_report (
        application_id uuid PRIMARY KEY,
        opinion text NOT NULL,
        motivation text NOT NULL,
        plan_version_no smallint NOT NULL,
        written_by uuid NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT instruction_report_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT instruction_report_plan_fkey FOREIGN KEY (application_id, plan_version_no)
          REFERENCES financing_plan_version(application_id, version_no) ON DELETE RESTRICT,
        CONSTRAINT instruction_report_written_by_fkey FOREIGN KEY (written_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT instruction_report_opinion_check CHECK (opinion IN ('FAVORABLE','DEFAVORABLE')),
        CONSTRAINT instruction_report_motivation_check CHECK (length(btrim(motivation)) BETWEEN 1 AND 20000)
      )`);

    // Messages on a dossier between the intermediate body and the applicant (requests for complements, notices).
    await q.query(`
      CREATE TABLE application_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        author_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT application_message_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT application_message_author_fkey FOREIGN KEY (author_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_message_kind_check CHECK (kind ~ '^[A-Z_]{1,50}$')
      )`);
    await q.query(`CREATE INDEX application_message_application_idx ON application_message (application_id, created_at)`);

    // Per-user saved filters of a list (the instructor workspace first).
    await q.query(`
      CREATE TABLE saved_view (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        scope text NOT NULL,
        name text NOT NULL,
        query jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT saved_view_user_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE,
        CONSTRAINT saved_view_name_key UNIQUE (user_id, scope, name),
        CONSTRAINT saved_view_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        CONSTRAINT saved_view_query_check CHECK (jsonb_typeof(query) = 'object')
      )`);

    // Programming committee (docs/domain/committee.md).
    await q.query(`
      CREATE TABLE committee_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        title text NOT NULL,
        scheduled_at timestamptz NOT NULL,
        location text,
        quorum smallint NOT NULL,
        status text NOT NULL DEFAULT 'PLANNED',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        opened_at timestamptz,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT committee_session_call_fkey FOREIGN KEY (call_id) REFERENCES call(id) ON DELETE RESTRICT,
        CONSTRAINT committee_session_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT committee_session_status_check CHECK (status IN ('PLANNED','OPEN','CLOSED')),
        CONSTRAINT committee_session_quorum_check CHECK (quorum >= 1)
      )`);
    await q.query(`CREATE INDEX committee_session_call_idx ON committee_session (call_id, scheduled_at)`);
    await q.query(`
      CREATE TABLE committee_member (
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL DEFAULT 'MEMBER',
        present boolean NOT NULL DEFAULT false,
        CONSTRAINT committee_member_pkey PRIMARY KEY (session_id, user_id),
        CONSTRAINT committee_member_session_fkey FOREIGN KEY (session_id) REFERENCES committee_session(id) ON DELETE RESTRICT,
        CONSTRAINT committee_member_user_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT committee_member_role_check CHECK (role IN ('CHAIR','MEMBER'))
      )`);
    // The agenda: one item per dossier, frozen from the ranking when the session opens (rank and status as ranked).
    await q.query(`
      CREATE TABLE committee_item (
        session_id uuid NOT NULL,
        application_id uuid NOT NULL,
        position smallint NOT NULL,
        rank integer,
        ranking_status text,
        total text,
        eu_cents bigint NOT NULL,
        explanation text,
        recused_user_ids uuid[] NOT NULL DEFAULT '{}',
        CONSTRAINT committee_item_pkey PRIMARY KEY (session_id, application_id),
        CONSTRAINT committee_item_session_fkey FOREIGN KEY (session_id) REFERENCES committee_session(id) ON DELETE RESTRICT,
        CONSTRAINT committee_item_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT committee_item_position_key UNIQUE (session_id, position),
        CONSTRAINT committee_item_status_check CHECK (
          ranking_status IS NULL OR ranking_status IN ('FUNDED','RESERVE','BELOW_THRESHOLD','INELIGIBLE'))
      )`);
    // eu_cents is the EU amount granted for a favorable decision (the retained amount, or a reduced one).
    await q.query(`
      CREATE TABLE committee_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        application_id uuid NOT NULL,
        outcome text NOT NULL,
        eu_cents bigint,
        conditions text,
        reason_code text,
        reason text,
        requests text,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT committee_decision_item_fkey FOREIGN KEY (session_id, application_id)
          REFERENCES committee_item(session_id, application_id) ON DELETE RESTRICT,
        CONSTRAINT committee_decision_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT committee_decision_item_key UNIQUE (session_id, application_id),
        CONSTRAINT committee_decision_outcome_check CHECK (outcome IN ('FAVORABLE','DEFAVORABLE','POSTPONED')),
        CONSTRAINT committee_decision_favorable_check CHECK (outcome <> 'FAVORABLE' OR (eu_cents IS NOT NULL AND eu_cents > 0)),
        CONSTRAINT committee_decision_defavorable_check CHECK (
          outcome <> 'DEFAVORABLE' OR (reason_code IN ('QUALITY','BUDGET','INELIGIBLE') AND reason IS NOT NULL)),
        CONSTRAINT committee_decision_postponed_check CHECK (outcome <> 'POSTPONED' OR requests IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX committee_decision_application_idx ON committee_decision (application_id, decided_at)`);
    await q.query(`REVOKE UPDATE, DELETE ON committee_decision FROM essaim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE committee_decision`);
    await q.query(`DROP TABLE committee_item`);
    await q.query(`DROP TABLE committee_member`);
    await q.query(`DROP TABLE committee_session`);
    await q.query(`DROP TABLE saved_view`);
    await q.query(`DROP TABLE application_message`);
    await q.query(`DROP TABLE instruction_report`);
    await q.query(`DROP TABLE financing_plan_version`);
    await q.query(`DROP TABLE eligibility_report`);
    await q.query(`DROP TABLE admissibility_review`);
    await q.query(`DROP TABLE application_submission`);
    await q.query(`ALTER TABLE call DROP COLUMN csess_grid`);
    await q.query(`DROP INDEX application_labels_idx`);
    await q.query(`DROP INDEX application_instructor_idx`);
    await q.query(`
      ALTER TABLE application
        DROP COLUMN labels, DROP COLUMN instructor_id, DROP COLUMN substantial_change, DROP COLUMN new_territory,
        DROP COLUMN experimentation_start_date, DROP COLUMN existing_project, DROP COLUMN operation_type`);
  }
}
