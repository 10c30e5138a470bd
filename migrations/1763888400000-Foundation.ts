import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: users and sessions, organisations, calls, the append-only audit log,
 * the transactional outbox and the job receipts that make job handlers idempotent.
 */
export class Foundation1763888400000 implements MigrationInterface {
  name = 'Foundation1763888400000';

  async up(q: QueryRunner): Promise<void> {
    // The application connects with `SET ROLE essaim_app` so that privileges, not only code, protect the
    // audit trail (CPR art. 69 and Annex XIII). Roles are cluster-wide: create it once, tolerate races.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'essaim_app') THEN
          CREATE ROLE essaim_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT essaim_app TO %I', current_user);
      EXCEPTION WHEN duplicate_object OR insufficient_privilege THEN NULL; END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO essaim_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO essaim_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO essaim_app`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_roles_check CHECK (
          cardinality(roles) > 0 AND roles <@ ARRAY['APPLICANT','INSTRUCTOR','EVALUATOR','PROGRAMME_MANAGER','MANAGING_AUTHORITY','ADMINISTRATOR']::text[]),
        CONSTRAINT app_user_email_check CHECK (email = lower(email) AND position('@' in email) > 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);

    await q.query(`
      CREATE TABLE session (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX session_user_id_idx ON session (user_id)`);

    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        siret char(14) NOT NULL,
        legal_name text NOT NULL,
        legal_form text NOT NULL,
        ess_status boolean NOT NULL DEFAULT false,
        vat_recovery boolean NOT NULL DEFAULT false,
        advance_category text NOT NULL DEFAULT 'OTHER',
        address_line text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        departement text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisation_siret_check CHECK (siret ~ '^[0-9]{14}$'),
        CONSTRAINT organisation_legal_form_check CHECK (legal_form IN ('ASSOCIATION_1901','SCIC','SCOP','SAS_ESUS','MUTUELLE','FONDATION','COLLECTIVITE_TERRITORIALE','ETABLISSEMENT_PUBLIC','OTHER')),
        CONSTRAINT organisation_advance_category_check CHECK (advance_category IN ('COLLECTIVITE','OPCO','STATE_OPERATOR','OTHER')),
        CONSTRAINT organisation_departement_check CHECK (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$')
      )`);
    await q.query(`CREATE UNIQUE INDEX organisation_siret_key ON organisation (siret)`);

    await q.query(`
      CREATE TABLE organisation_member (
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        member_role text NOT NULL DEFAULT 'MEMBER',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id),
        CONSTRAINT organisation_member_role_check CHECK (member_role IN ('OWNER','MEMBER'))
      )`);
    await q.query(`CREATE INDEX organisation_member_user_id_idx ON organisation_member (user_id)`);

    await q.query(`
      CREATE TABLE call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        programme_cci text NOT NULL DEFAULT '2021FR05SFPR001',
        priority smallint NOT NULL DEFAULT 6,
        specific_objective text NOT NULL DEFAULT 'ESO4.8',
        intervention_field_code text NOT NULL DEFAULT '138',
        fund text NOT NULL DEFAULT 'ESF_PLUS',
        max_rate_bp integer NOT NULL DEFAULT 9500,
        envelope_cents bigint NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        min_eu_cents bigint NOT NULL DEFAULT 0,
        max_eu_cents bigint,
        min_duration_months smallint NOT NULL DEFAULT 1,
        max_duration_months smallint NOT NULL DEFAULT 36,
        eligibility_start date NOT NULL DEFAULT '2021-01-01',
        eligibility_end date NOT NULL DEFAULT '2029-12-31',
        cost_options jsonb NOT NULL DEFAULT '[]',
        required_document_types jsonb NOT NULL DEFAULT '[]',
        target_publics jsonb NOT NULL DEFAULT '[]',
        participants_expected boolean NOT NULL DEFAULT true,
        funder_type text NOT NULL DEFAULT 'STATE',
        drafts_before_opening boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'DRAFT',
        published_version integer,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT call_rate_check CHECK (max_rate_bp BETWEEN 0 AND 10000),
        CONSTRAINT call_envelope_check CHECK (envelope_cents >= 0),
        CONSTRAINT call_window_check CHECK (opens_at < closes_at),
        CONSTRAINT call_eu_bounds_check CHECK (min_eu_cents >= 0 AND (max_eu_cents IS NULL OR max_eu_cents >= min_eu_cents)),
        CONSTRAINT call_duration_check CHECK (min_duration_months >= 1 AND max_duration_months >= min_duration_months),
        -- CPR art. 63(2): expenditure is eligible between 2021-01-01 and 2029-12-31.
        CONSTRAINT call_eligibility_window_check CHECK (
          eligibility_start >= DATE '2021-01-01' AND eligibility_end <= DATE '2029-12-31' AND eligibility_start < eligibility_end),
        CONSTRAINT call_status_check CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        CONSTRAINT call_funder_type_check CHECK (funder_type IN ('STATE','COLLECTIVITE_TERRITORIALE','OTHER_PUBLIC'))
      )`);
    await q.query(`CREATE UNIQUE INDEX call_reference_key ON call (reference)`);
    await q.query(`CREATE INDEX call_open_idx ON call (closes_at, opens_at) WHERE status = 'PUBLISHED'`);

    // Published rules are frozen here; a dossier points at the version it was submitted under.
    await q.query(`
      CREATE TABLE call_version (
        call_id uuid NOT NULL REFERENCES call(id) ON DELETE RESTRICT,
        version integer NOT NULL,
        rules jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES app_user(id),
        PRIMARY KEY (call_id, version)
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor_kind text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        before jsonb,
        after jsonb,
        correlation_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('USER','SYSTEM'))
      )`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, seq)`);
    // The chain input; audit:verify recomputes it outside the database from the same text renderings.
    await q.query(`
      CREATE FUNCTION audit_log_hash_input(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws('|', r.seq::text, r.prev_hash,
          to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(r.actor_user_id::text, ''), r.actor_kind, r.action, r.subject_type, r.subject_id,
          coalesce(r.before::text, 'null'), coalesce(r.after::text, 'null'), coalesce(r.correlation_id, ''))
      $$`);
    // Chaining is serialised by a transaction-scoped advisory lock: rows are numbered in commit-safe order and
    // each one hashes its predecessor. Writers insert the audit row last so the lock is held only until commit.
    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last audit_log%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(7319001);
        SELECT * INTO last FROM audit_log ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(last.seq, 0) + 1;
        NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
        NEW.occurred_at := clock_timestamp();
        NEW.hash := encode(sha256(convert_to(audit_log_hash_input(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM essaim_app`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (created_at) WHERE published_at IS NULL`);

    // One row per handled job: the handler's effect and this row commit together, so a redelivered job is a no-op.
    await q.query(`
      CREATE TABLE job_receipt (
        job_id text PRIMARY KEY,
        job_name text NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE system_ping (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by uuid REFERENCES app_user(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        process_count integer NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE system_ping`);
    await q.query(`DROP TABLE job_receipt`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`DROP FUNCTION audit_log_hash_input(audit_log)`);
    await q.query(`DROP TABLE call_version`);
    await q.query(`DROP TABLE call`);
    await q.query(`DROP TABLE organisation_member`);
    await q.query(`DROP TABLE organisation`);
    await q.query(`DROP TABLE session`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM essaim_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM essaim_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM essaim_app`);
  }
}
