import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Management verification of execution reports (docs/domain/verification.md, CPR art. 74(1)(a) and 74(2)): the call's
 * sampling and contradictory settings, one `verification` per submitted report (read by payments), its line decisions,
 * and the files the beneficiary joins to its contradictory answer.
 */
export class Verification1765200000000 implements MigrationInterface {
  name = 'Verification1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN IF NOT EXISTS exhaustive_threshold_cents bigint NOT NULL DEFAULT 500000,
        ADD COLUMN IF NOT EXISTS sample_rate_bp integer NOT NULL DEFAULT 1000,
        ADD COLUMN IF NOT EXISTS min_sample_size integer NOT NULL DEFAULT 30,
        ADD COLUMN IF NOT EXISTS contradictory_days smallint NOT NULL DEFAULT 15,
        ADD CONSTRAINT call_verification_settings_check CHECK (exhaustive_threshold_cents >= 0 AND sample_rate_bp BETWEEN 0 AND 10000
          AND min_sample_size BETWEEN 0 AND 100000 AND contradictory_days BETWEEN 1 AND 365)`);

    await q.query(`
      CREATE TABLE verification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL UNIQUE REFERENCES execution_report(id) ON DELETE RESTRICT,
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'IN_PROGRESS',
        instructor_id uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        seed text,
        settings jsonb,
        declared_cents bigint NOT NULL DEFAULT 0,
        retained_cents bigint,
        contradictory_sent_at timestamptz,
        contradictory_due_date date,
        contradictory_answered_at timestamptz,
        finalised_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        finalised_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Kept with the verification (not read by payments): the physical-achievement and participants checklist,
        -- the beneficiary's contradictory answer, and the outcome by category frozen at finalisation.
        checklist jsonb NOT NULL DEFAULT '{}',
        answer_comment text,
        answered_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        outcome jsonb,
        CONSTRAINT verification_status_check CHECK (status IN ('IN_PROGRESS','CONTRADICTORY','FINALISED')),
        CONSTRAINT verification_amounts_check CHECK (declared_cents >= 0 AND (retained_cents IS NULL OR retained_cents >= 0)),
        CONSTRAINT verification_finalised_check CHECK (status <> 'FINALISED' OR retained_cents IS NOT NULL),
        CONSTRAINT verification_contradictory_check CHECK (contradictory_sent_at IS NULL OR contradictory_due_date IS NOT NULL),
        CONSTRAINT verification_checklist_check CHECK (jsonb_typeof(checklist) = 'object')
      )`);
    await q.query(`CREATE INDEX verification_application_idx ON verification (application_id)`);
    await q.query(`CREATE INDEX verification_instructor_idx ON verification (instructor_id, status)`);

    // One row per expenditure line of the report, written when the verification opens: the draw (selection) is
    // frozen with the seed; a decision is recorded only on checked lines (EXHAUSTIVE or SAMPLED).
    await q.query(`
      CREATE TABLE verification_line (
        verification_id uuid NOT NULL REFERENCES verification(id) ON DELETE RESTRICT,
        line_id uuid NOT NULL UNIQUE REFERENCES expenditure_line(id) ON DELETE RESTRICT,
        category text NOT NULL,
        declared_cents bigint NOT NULL,
        selection text NOT NULL,
        decision text,
        retained_cents bigint,
        reason_code text,
        reason_text text,
        comment text,
        decided_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT verification_line_pkey PRIMARY KEY (verification_id, line_id),
        CONSTRAINT verification_line_selection_check CHECK (selection IN ('EXHAUSTIVE','SAMPLED','UNSAMPLED')),
        CONSTRAINT verification_line_decision_check CHECK (decision IS NULL OR (decision IN ('RETAINED','REDUCED','REJECTED') AND selection <> 'UNSAMPLED')),
        CONSTRAINT verification_line_retained_check CHECK (
          (decision IS NULL AND retained_cents IS NULL)
          OR (decision = 'RETAINED' AND retained_cents = declared_cents)
          OR (decision = 'REDUCED' AND retained_cents >= 0 AND retained_cents < declared_cents)
          OR (decision = 'REJECTED' AND retained_cents = 0)),
        CONSTRAINT verification_line_reason_check CHECK (
          (decision IS NULL OR decision = 'RETAINED' OR reason_code IS NOT NULL)
          AND (reason_code IS NULL OR reason_code IN ('OUTSIDE_PERIOD','NOT_PAID','NO_LINK','INSUFFICIENT_PROOF','INELIGIBLE_NATURE','DOUBLE_FUNDING','OVER_TOLERANCE','OTHER'))
          AND (reason_code IS DISTINCT FROM 'OTHER' OR length(btrim(coalesce(reason_text, ''))) > 0)),
        CONSTRAINT verification_line_amount_check CHECK (declared_cents >= 0)
      )`);
    await q.query(`CREATE INDEX verification_line_selection_idx ON verification_line (verification_id, selection)`);

    await q.query(`
      CREATE TABLE verification_answer_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verification(id) ON DELETE RESTRICT,
        original_name text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verification_answer_file_sha_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX verification_answer_file_idx ON verification_answer_file (verification_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_answer_file`);
    await q.query(`DROP TABLE verification_line`);
    await q.query(`DROP TABLE verification`);
    await q.query(`
      ALTER TABLE call DROP CONSTRAINT call_verification_settings_check, DROP COLUMN contradictory_days,
        DROP COLUMN min_sample_size, DROP COLUMN sample_rate_bp, DROP COLUMN exhaustive_threshold_cents`);
  }
}
