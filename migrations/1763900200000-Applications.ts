import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'DRAFT','SUBMITTED','ADMISSIBLE','INCOMPLETE','INADMISSIBLE','UNDER_INSTRUCTION','INSTRUCTED','UNDER_EVALUATION',
  'IN_COMMITTEE','PROGRAMMED','REFUSED','POSTPONED','CONVENTION_ISSUED','WITHDRAWN'`;
const DEPARTEMENT = `'^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'`;

/**
 * Dossiers (applications): project, Article 15 self-assessment, financing plan with its lines and resources,
 * documents, status history, the per-year gapless number counter and the idempotency keys of submissions.
 */
export class Applications1763900200000 implements MigrationInterface {
  name = 'Applications1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text,
        call_id uuid NOT NULL,
        call_version integer NOT NULL,
        organisation_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        title text,
        summary text,
        social_need text,
        target_publics jsonb NOT NULL DEFAULT '[]',
        start_date date,
        end_date date,
        place text,
        departement text,
        with_participants boolean,
        planned_participants integer,
        art15_i1 jsonb,
        art15_i2 jsonb,
        art15_ii jsonb,
        cost_option text,
        flat_rate_bp integer,
        state_aid boolean NOT NULL DEFAULT false,
        total_direct_cents bigint,
        total_flat_rate_cents bigint,
        total_eligible_cents bigint,
        max_eu_cents bigint,
        eu_requested_cents bigint,
        other_resources_cents bigint,
        version integer NOT NULL DEFAULT 1,
        submitted_at timestamptz,
        submitted_snapshot jsonb,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_call_fkey FOREIGN KEY (call_id) REFERENCES call(id) ON DELETE RESTRICT,
        CONSTRAINT application_call_version_fkey FOREIGN KEY (call_id, call_version) REFERENCES call_version(call_id, version) ON DELETE RESTRICT,
        CONSTRAINT application_organisation_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id) ON DELETE RESTRICT,
        CONSTRAINT application_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_number_key UNIQUE (number),
        CONSTRAINT application_number_format_check CHECK (number ~ '^AAP-[0-9]{4}-[0-9]{6}$'),
        CONSTRAINT application_status_check CHECK (status IN (${STATUSES})),
        -- A number, a submission time and a snapshot are set together, once, at submission.
        CONSTRAINT application_submission_check CHECK (
          (number IS NULL) = (submitted_at IS NULL) AND (number IS NULL) = (submitted_snapshot IS NULL)
          AND (status IN ('DRAFT','WITHDRAWN') OR number IS NOT NULL)),
        CONSTRAINT application_draft_unsubmitted_check CHECK (status <> 'DRAFT' OR number IS NULL),
        CONSTRAINT application_dates_check CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date),
        CONSTRAINT application_departement_check CHECK (departement IS NULL OR departement ~ ${DEPARTEMENT}),
        CONSTRAINT application_target_publics_check CHECK (jsonb_typeof(target_publics) = 'array'),
        CONSTRAINT application_participants_check CHECK (planned_participants IS NULL OR planned_participants >= 0),
        CONSTRAINT application_cost_option_check CHECK (
          cost_option IS NULL OR cost_option IN ('REAL_COSTS','INDIRECT_15_STAFF','INDIRECT_7_DIRECT','OTHER_COSTS_40_STAFF')),
        CONSTRAINT application_flat_rate_check CHECK (flat_rate_bp IS NULL OR flat_rate_bp BETWEEN 0 AND 10000),
        CONSTRAINT application_totals_check CHECK (
          coalesce(total_direct_cents, 0) >= 0 AND coalesce(total_flat_rate_cents, 0) >= 0 AND coalesce(total_eligible_cents, 0) >= 0
          AND coalesce(max_eu_cents, 0) >= 0 AND coalesce(eu_requested_cents, 0) >= 0 AND coalesce(other_resources_cents, 0) >= 0),
        CONSTRAINT application_version_check CHECK (version >= 1)
      )`);
    // "My dossiers": every dossier of the organisations a user belongs to, newest first (keyset on created_at, id).
    await q.query(`CREATE INDEX application_organisation_idx ON application (organisation_id, created_at DESC, id DESC)`);
    // "Dossiers of a call by status", for instruction and committees.
    await q.query(`CREATE INDEX application_call_status_idx ON application (call_id, status, submitted_at)`);
    // Staff lists: dossiers that were submitted (drafts, even withdrawn ones, are never shown to staff).
    await q.query(`CREATE INDEX application_submitted_idx ON application (created_at DESC, id DESC) WHERE submitted_at IS NOT NULL`);

    // The submitted content is evidence (CPR art. 69, Annex XIII): once stored, the database refuses to change it.
    await q.query(`
      CREATE FUNCTION application_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.submitted_snapshot IS NOT NULL AND NEW.submitted_snapshot IS DISTINCT FROM OLD.submitted_snapshot THEN
          RAISE EXCEPTION 'application.submitted_snapshot is immutable once set' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER application_snapshot_immutable BEFORE UPDATE OF submitted_snapshot ON application
        FOR EACH ROW EXECUTE FUNCTION application_snapshot_immutable()`);

    await q.query(`
      CREATE TABLE application_budget_line (
        application_id uuid NOT NULL,
        position smallint NOT NULL,
        category text NOT NULL,
        label text NOT NULL DEFAULT '',
        amount_cents bigint NOT NULL,
        CONSTRAINT application_budget_line_pkey PRIMARY KEY (application_id, position),
        CONSTRAINT application_budget_line_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT application_budget_line_category_check CHECK (category IN ('STAFF','OTHER_DIRECT','EXTERNAL_SERVICES','PARTICIPANTS','IN_KIND')),
        CONSTRAINT application_budget_line_amount_check CHECK (amount_cents >= 0),
        CONSTRAINT application_budget_line_position_check CHECK (position >= 0)
      )`);
    await q.query(`
      CREATE TABLE application_resource (
        application_id uuid NOT NULL,
        position smallint NOT NULL,
        type text NOT NULL,
        funder_name text,
        amount_cents bigint NOT NULL,
        CONSTRAINT application_resource_pkey PRIMARY KEY (application_id, position),
        CONSTRAINT application_resource_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT application_resource_type_check CHECK (type IN ('ESF_PLUS','PUBLIC','PRIVATE','SELF','REVENUE','IN_KIND')),
        CONSTRAINT application_resource_amount_check CHECK (amount_cents >= 0),
        CONSTRAINT application_resource_position_check CHECK (position >= 0)
      )`);

    await q.query(`
      CREATE TABLE application_status_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        application_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_user_id uuid,
        reason text,
        application_version integer NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_status_history_pkey PRIMARY KEY (id),
        CONSTRAINT application_status_history_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT application_status_history_actor_fkey FOREIGN KEY (actor_user_id) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_status_history_from_check CHECK (from_status IS NULL OR from_status IN (${STATUSES})),
        CONSTRAINT application_status_history_to_check CHECK (to_status IN (${STATUSES}))
      )`);
    await q.query(`CREATE INDEX application_status_history_application_idx ON application_status_history (application_id, id)`);
    // History is append-only for the application role.
    await q.query(`REVOKE UPDATE, DELETE ON application_status_history FROM essaim_app`);

    await q.query(`
      CREATE TABLE application_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        document_type text NOT NULL,
        original_name text NOT NULL,
        storage_key text NOT NULL,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid,
        CONSTRAINT application_document_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE RESTRICT,
        CONSTRAINT application_document_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_document_deleted_by_fkey FOREIGN KEY (deleted_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_document_storage_key_key UNIQUE (storage_key),
        CONSTRAINT application_document_type_check CHECK (document_type ~ '^[A-Z0-9_]{1,50}$'),
        CONSTRAINT application_document_name_check CHECK (length(original_name) BETWEEN 1 AND 255),
        CONSTRAINT application_document_media_type_check CHECK (media_type IN (
          'application/pdf','image/png','image/jpeg',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/vnd.oasis.opendocument.text','application/vnd.oasis.opendocument.spreadsheet')),
        CONSTRAINT application_document_size_check CHECK (size_bytes > 0),
        CONSTRAINT application_document_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT application_document_deleted_check CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
      )`);
    await q.query(`CREATE INDEX application_document_application_idx ON application_document (application_id, uploaded_at) WHERE deleted_at IS NULL`);

    // Gapless per-year numbering: the row is locked by the submission transaction and rolled back with it.
    await q.query(`
      CREATE TABLE application_number_counter (
        year smallint NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT application_number_counter_pkey PRIMARY KEY (year),
        CONSTRAINT application_number_counter_year_check CHECK (year BETWEEN 2000 AND 9999),
        CONSTRAINT application_number_counter_value_check CHECK (last_value BETWEEN 0 AND 999999)
      )`);

    await q.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status text NOT NULL DEFAULT 'IN_PROGRESS',
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (scope, key),
        CONSTRAINT idempotency_key_key_check CHECK (length(key) BETWEEN 1 AND 255),
        CONSTRAINT idempotency_key_status_check CHECK (status IN ('IN_PROGRESS','DONE')),
        CONSTRAINT idempotency_key_done_check CHECK ((status = 'DONE') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    // Keys may be pruned after 24 h (Stripe's rule); this index serves the pruning.
    await q.query(`CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE application_number_counter`);
    await q.query(`DROP TABLE application_document`);
    await q.query(`DROP TABLE application_status_history`);
    await q.query(`DROP TABLE application_resource`);
    await q.query(`DROP TABLE application_budget_line`);
    await q.query(`DROP TABLE application`);
    await q.query(`DROP FUNCTION application_snapshot_immutable()`);
  }
}
