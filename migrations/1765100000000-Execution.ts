import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Execution of an operation (docs/domain/execution.md): the call's execution settings, the signature of the convention, the
 * start of the operation, indicator targets, amendments, execution reports with their expenditure lines and supporting
 * files, and participants (ESF+ Regulation 2021/1057 Annex I). Participants are personal data: the app role reads them
 * only through the execution services' access checks, and exports use `pseudonym`, never names.
 */
export class Execution1765100000000 implements MigrationInterface {
  name = 'Execution1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN signature_deadline_days smallint NOT NULL DEFAULT 30,
        ADD COLUMN reallocation_tolerance_bp integer NOT NULL DEFAULT 1000,
        ADD COLUMN indicator_codes jsonb NOT NULL DEFAULT '["EECO02","EECO05","EECO12","EECR01","EECR04"]',
        ADD CONSTRAINT call_signature_deadline_check CHECK (signature_deadline_days BETWEEN 1 AND 365),
        ADD CONSTRAINT call_reallocation_tolerance_check CHECK (reallocation_tolerance_bp BETWEEN 0 AND 10000),
        ADD CONSTRAINT call_indicator_codes_check CHECK (jsonb_typeof(indicator_codes) = 'array')`);

    await q.query(`ALTER TABLE financing_plan_version DROP CONSTRAINT financing_plan_version_source_check`);
    await q.query(
      `ALTER TABLE financing_plan_version ADD CONSTRAINT financing_plan_version_source_check CHECK (source IN ('APPLICANT','INSTRUCTOR','COMMITTEE','AMENDMENT'))`,
    );

    // One row per operation once its convention is issued and acted upon: signatures, notification, start, end date.
    await q.query(`
      CREATE TABLE operation (
        application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE RESTRICT,
        end_date date NOT NULL,
        signature_due_date date NOT NULL,
        notified_on date,
        renounced_at timestamptz,
        renunciation_reason text,
        actual_start_date date,
        first_expenses_date date,
        first_expenses_cents bigint,
        start_attested_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        start_attested_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT operation_first_expenses_check CHECK (first_expenses_cents IS NULL OR first_expenses_cents >= 0),
        CONSTRAINT operation_start_check CHECK ((actual_start_date IS NULL) = (start_attested_at IS NULL))
      )`);

    // A simple electronic signature: the authenticated user, typed name and title, time, SHA-256 of the exact PDF.
    await q.query(`
      CREATE TABLE convention_signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        document_id uuid NOT NULL REFERENCES document(id) ON DELETE RESTRICT,
        document_version integer NOT NULL,
        document_sha256 text NOT NULL,
        party text NOT NULL,
        signer_user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        signer_name text NOT NULL,
        signer_title text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT convention_signature_party_check CHECK (party IN ('BENEFICIARY','BODY')),
        CONSTRAINT convention_signature_sha_check CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT convention_signature_text_check CHECK (length(btrim(signer_name)) BETWEEN 1 AND 200 AND length(btrim(signer_title)) BETWEEN 1 AND 200),
        CONSTRAINT convention_signature_document_party_key UNIQUE (document_id, party)
      )`);
    await q.query(`CREATE INDEX convention_signature_application_idx ON convention_signature (application_id, signed_at)`);

    // Indicator targets: version 1 at submission, later versions from accepted amendments.
    await q.query(`
      CREATE TABLE indicator_target (
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        version_no integer NOT NULL,
        code text NOT NULL,
        total integer NOT NULL,
        women integer,
        men integer,
        non_binary integer,
        CONSTRAINT indicator_target_pkey PRIMARY KEY (application_id, version_no, code),
        CONSTRAINT indicator_target_code_check CHECK (code ~ '^EEC[OR][0-9]{2}$'),
        CONSTRAINT indicator_target_values_check CHECK (total >= 0 AND coalesce(women, 0) >= 0 AND coalesce(men, 0) >= 0 AND coalesce(non_binary, 0) >= 0),
        CONSTRAINT indicator_target_sex_check CHECK (women IS NULL OR women + coalesce(men, 0) + coalesce(non_binary, 0) = total)
      )`);

    await q.query(`
      CREATE TABLE amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        seq integer NOT NULL,
        number integer,
        status text NOT NULL DEFAULT 'REQUESTED',
        new_end_date date,
        plan jsonb,
        targets jsonb,
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        decision_reason text,
        plan_version_no integer,
        target_version_no integer,
        CONSTRAINT amendment_seq_key UNIQUE (application_id, seq),
        CONSTRAINT amendment_number_key UNIQUE (application_id, number),
        CONSTRAINT amendment_status_check CHECK (status IN ('REQUESTED','ACCEPTED','REFUSED')),
        CONSTRAINT amendment_content_check CHECK (new_end_date IS NOT NULL OR plan IS NOT NULL OR targets IS NOT NULL),
        CONSTRAINT amendment_decided_check CHECK ((status = 'REQUESTED') = (decided_at IS NULL)),
        CONSTRAINT amendment_number_check CHECK ((status = 'ACCEPTED') = (number IS NOT NULL)),
        CONSTRAINT amendment_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 5000)
      )`);
    await q.query(`CREATE UNIQUE INDEX amendment_one_open_idx ON amendment (application_id) WHERE status = 'REQUESTED'`);

    await q.query(`
      CREATE TABLE execution_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        seq integer NOT NULL,
        kind text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        achievements jsonb NOT NULL DEFAULT '{}',
        resources jsonb NOT NULL DEFAULT '[]',
        postponement_status text,
        postponement_due_date date,
        postponement_reason text,
        snapshot jsonb,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT execution_report_seq_key UNIQUE (application_id, seq),
        CONSTRAINT execution_report_kind_check CHECK (kind IN ('INTERMEDIATE','FINAL')),
        CONSTRAINT execution_report_status_check CHECK (status IN ('DRAFT','SUBMITTED','CANCELLED')),
        CONSTRAINT execution_report_period_check CHECK (period_start <= period_end),
        CONSTRAINT execution_report_submitted_check CHECK ((status = 'SUBMITTED') = (snapshot IS NOT NULL AND submitted_at IS NOT NULL)),
        CONSTRAINT execution_report_postponement_check CHECK (postponement_status IS NULL OR (postponement_status IN ('REQUESTED','GRANTED','REFUSED') AND postponement_due_date IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE expenditure_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES execution_report(id) ON DELETE RESTRICT,
        category text NOT NULL,
        label text NOT NULL,
        supplier text NOT NULL,
        document_ref text NOT NULL,
        document_date date NOT NULL,
        incurred_on date NOT NULL,
        paid_on date,
        amount_ht_cents bigint NOT NULL,
        amount_ttc_cents bigint NOT NULL,
        vat_recovered boolean NOT NULL,
        share_bp integer NOT NULL,
        hours_centi integer,
        hourly_cost_cents bigint,
        eligible_cents bigint NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT expenditure_line_category_check CHECK (category IN ('STAFF','OTHER_DIRECT','EXTERNAL_SERVICES','PARTICIPANTS','IN_KIND')),
        CONSTRAINT expenditure_line_amounts_check CHECK (amount_ht_cents >= 0 AND amount_ttc_cents >= amount_ht_cents AND eligible_cents >= 0),
        CONSTRAINT expenditure_line_share_check CHECK (share_bp BETWEEN 1 AND 10000),
        CONSTRAINT expenditure_line_staff_check CHECK ((hours_centi IS NULL) = (hourly_cost_cents IS NULL) AND (hours_centi IS NULL OR category = 'STAFF')),
        CONSTRAINT expenditure_line_dates_check CHECK (paid_on IS NULL OR paid_on >= incurred_on)
      )`);
    await q.query(`CREATE INDEX expenditure_line_report_idx ON expenditure_line (report_id, created_at)`);

    await q.query(`
      CREATE TABLE expenditure_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        line_id uuid NOT NULL REFERENCES expenditure_line(id) ON DELETE CASCADE,
        original_name text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT expenditure_file_sha_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX expenditure_file_line_idx ON expenditure_file (line_id)`);

    // Participants (Annex I): identity for the beneficiary, a pseudonym for everyone else. Sensitive situations are
    // YES / NO / REFUSED (the participant prefers not to say), NULL when not asked.
    await q.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        report_id uuid NOT NULL REFERENCES execution_report(id) ON DELETE RESTRICT,
        pseudonym text NOT NULL UNIQUE,
        identity_key text NOT NULL,
        last_name text NOT NULL,
        first_name text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL,
        entry_date date NOT NULL,
        employment_status text NOT NULL,
        education_level text NOT NULL,
        disability text,
        third_country_national text,
        foreign_background text,
        minority text,
        homeless text,
        rural text,
        exit_date date,
        exit_job_search boolean NOT NULL DEFAULT false,
        exit_education boolean NOT NULL DEFAULT false,
        exit_qualification boolean NOT NULL DEFAULT false,
        exit_employed boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT participant_identity_key UNIQUE (application_id, identity_key),
        CONSTRAINT participant_sex_check CHECK (sex IN ('F','M','X')),
        CONSTRAINT participant_employment_check CHECK (employment_status IN ('UNEMPLOYED','LONG_TERM_UNEMPLOYED','INACTIVE','EMPLOYED')),
        CONSTRAINT participant_education_check CHECK (education_level IN ('ISCED_0_2','ISCED_3_4','ISCED_5_8')),
        CONSTRAINT participant_sensitive_check CHECK (
          coalesce(disability, 'NO') IN ('YES','NO','REFUSED') AND coalesce(third_country_national, 'NO') IN ('YES','NO','REFUSED')
          AND coalesce(foreign_background, 'NO') IN ('YES','NO','REFUSED') AND coalesce(minority, 'NO') IN ('YES','NO','REFUSED')
          AND coalesce(homeless, 'NO') IN ('YES','NO','REFUSED') AND coalesce(rural, 'NO') IN ('YES','NO','REFUSED')),
        CONSTRAINT participant_dates_check CHECK (birth_date < entry_date AND (exit_date IS NULL OR exit_date >= entry_date)),
        -- Annex I EECR01 and EECR04 are mutually exclusive: only the last labour-market situation within 4 weeks counts.
        CONSTRAINT participant_exit_check CHECK (NOT (exit_job_search AND exit_employed) AND (exit_date IS NOT NULL OR NOT (exit_job_search OR exit_education OR exit_qualification OR exit_employed)))
      )`);
    await q.query(`CREATE INDEX participant_report_idx ON participant (report_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participant`);
    await q.query(`DROP TABLE expenditure_file`);
    await q.query(`DROP TABLE expenditure_line`);
    await q.query(`DROP TABLE execution_report`);
    await q.query(`DROP TABLE amendment`);
    await q.query(`DROP TABLE indicator_target`);
    await q.query(`DROP TABLE convention_signature`);
    await q.query(`DROP TABLE operation`);
    await q.query(`ALTER TABLE financing_plan_version DROP CONSTRAINT financing_plan_version_source_check`);
    await q.query(
      `ALTER TABLE financing_plan_version ADD CONSTRAINT financing_plan_version_source_check CHECK (source IN ('APPLICANT','INSTRUCTOR','COMMITTEE'))`,
    );
    await q.query(`
      ALTER TABLE call DROP CONSTRAINT call_indicator_codes_check, DROP CONSTRAINT call_reallocation_tolerance_check,
        DROP CONSTRAINT call_signature_deadline_check, DROP COLUMN indicator_codes, DROP COLUMN reallocation_tolerance_bp,
        DROP COLUMN signature_deadline_days`);
  }
}
