import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments, recovery and closure of operations (docs/domain/payments.md): the call's interim cap, the beneficiaries'
 * bank accounts (IBAN backed by a RIB, validated by a second person before any payment uses it), payment orders with
 * separated functions (CPR Annex XI: proposer, verifier and validator are three people, enforced here and in the
 * service), recovery orders, irregularities, the closure of an operation (released EU amount, CPR art. 82 retention,
 * legal hold) and the operation's archive.
 */
export class Payments1765300000000 implements MigrationInterface {
  name = 'Payments1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN interim_cap_bp integer NOT NULL DEFAULT 8000,
        ADD CONSTRAINT call_interim_cap_check CHECK (interim_cap_bp BETWEEN 0 AND 10000)`);

    // An organisation's IBAN: PENDING until a second person validates it; the VALIDATED one is used by payments.
    // A new submission leaves the validated one in force until it is validated itself (then the old one is REPLACED).
    await q.query(`
      CREATE TABLE bank_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
        iban text NOT NULL,
        holder text NOT NULL,
        bic text,
        status text NOT NULL DEFAULT 'PENDING',
        rib_original_name text NOT NULL,
        rib_storage_key text NOT NULL UNIQUE,
        rib_media_type text NOT NULL,
        rib_size_bytes bigint NOT NULL,
        rib_sha256 text NOT NULL,
        submitted_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        rejection_reason text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT bank_account_iban_check CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        CONSTRAINT bank_account_holder_check CHECK (length(btrim(holder)) BETWEEN 1 AND 200),
        CONSTRAINT bank_account_status_check CHECK (status IN ('PENDING','VALIDATED','REJECTED','REPLACED')),
        CONSTRAINT bank_account_rib_sha_check CHECK (rib_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT bank_account_decided_check CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        -- The second pair of eyes (IBAN swap fraud): whoever entered the IBAN never validates it.
        CONSTRAINT bank_account_four_eyes_check CHECK (decided_by IS NULL OR decided_by <> submitted_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX bank_account_one_validated_idx ON bank_account (organisation_id) WHERE status = 'VALIDATED'`);
    await q.query(`CREATE UNIQUE INDEX bank_account_one_pending_idx ON bank_account (organisation_id) WHERE status = 'PENDING'`);

    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        reference text NOT NULL UNIQUE,
        kind text NOT NULL,
        verification_id uuid REFERENCES verification(id) ON DELETE RESTRICT,
        verified_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        amount_cents bigint NOT NULL,
        eu_due_cents bigint NOT NULL,
        retained_cumulative_cents bigint NOT NULL,
        paid_before_cents bigint NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED',
        proposed_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        validated_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        validated_at timestamptz,
        bank_account_id uuid REFERENCES bank_account(id) ON DELETE RESTRICT,
        rejected_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        rejected_at timestamptz,
        rejection_reason text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT payment_kind_check CHECK (kind IN ('ADVANCE','INTERIM','BALANCE')),
        CONSTRAINT payment_status_check CHECK (status IN ('PROPOSED','VALIDATED','REJECTED')),
        CONSTRAINT payment_amounts_check CHECK (amount_cents > 0 AND eu_due_cents >= 0 AND retained_cumulative_cents >= 0 AND paid_before_cents >= 0),
        CONSTRAINT payment_source_check CHECK ((kind = 'ADVANCE') = (verification_id IS NULL) AND (verification_id IS NULL) = (verified_by IS NULL)),
        CONSTRAINT payment_validated_check CHECK ((status = 'VALIDATED') = (validated_by IS NOT NULL AND validated_at IS NOT NULL AND bank_account_id IS NOT NULL)),
        CONSTRAINT payment_rejected_check CHECK ((status = 'REJECTED') = (rejected_at IS NOT NULL)),
        -- Separation of functions (CPR art. 72(1)(a), 74(1)(a), Annex XI): the validator neither proposed the payment nor verified the expenditure.
        CONSTRAINT payment_separation_check CHECK (validated_by IS NULL OR (validated_by <> proposed_by AND validated_by IS DISTINCT FROM verified_by))
      )`);
    await q.query(`CREATE INDEX payment_application_idx ON payment (application_id, proposed_at)`);
    await q.query(`CREATE UNIQUE INDEX payment_one_open_idx ON payment (application_id) WHERE status = 'PROPOSED'`);
    await q.query(`CREATE UNIQUE INDEX payment_one_advance_idx ON payment (application_id) WHERE kind = 'ADVANCE' AND status <> 'REJECTED'`);
    await q.query(`CREATE UNIQUE INDEX payment_one_per_verification_idx ON payment (verification_id) WHERE status <> 'REJECTED'`);
    await q.query(`CREATE SEQUENCE payment_reference_seq`);

    await q.query(`
      CREATE TABLE recovery_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        reference text NOT NULL UNIQUE,
        verification_id uuid REFERENCES verification(id) ON DELETE RESTRICT,
        amount_cents bigint NOT NULL,
        due_date date NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'ISSUED',
        issued_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        issued_at timestamptz NOT NULL DEFAULT now(),
        settled_on date,
        settled_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        settled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT recovery_order_amount_check CHECK (amount_cents > 0),
        CONSTRAINT recovery_order_status_check CHECK (status IN ('ISSUED','SETTLED')),
        CONSTRAINT recovery_order_settled_check CHECK ((status = 'SETTLED') = (settled_on IS NOT NULL AND settled_by IS NOT NULL)),
        CONSTRAINT recovery_order_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 2000)
      )`);
    await q.query(`CREATE UNIQUE INDEX recovery_order_verification_idx ON recovery_order (verification_id) WHERE verification_id IS NOT NULL`);
    await q.query(`CREATE INDEX recovery_order_application_idx ON recovery_order (application_id)`);
    await q.query(`CREATE SEQUENCE recovery_reference_seq`);

    // Irregularities (CPR art. 69(2), Annex XII): recorded on an operation and carried into the managing authority's exports.
    await q.query(`
      CREATE TABLE irregularity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        type text NOT NULL,
        amount_cents bigint NOT NULL,
        detected_on date NOT NULL,
        description text NOT NULL,
        follow_up text NOT NULL DEFAULT 'OPEN',
        follow_up_note text,
        recorded_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT irregularity_type_check CHECK (type IN ('INELIGIBLE_EXPENDITURE','PUBLIC_PROCUREMENT','DOUBLE_FUNDING','MISSING_PROOF','SUSPECTED_FRAUD','OTHER')),
        CONSTRAINT irregularity_amount_check CHECK (amount_cents >= 0),
        CONSTRAINT irregularity_follow_up_check CHECK (follow_up IN ('OPEN','CORRECTED','RECOVERY','REPORTED_OLAF','CLOSED')),
        CONSTRAINT irregularity_description_check CHECK (length(btrim(description)) BETWEEN 1 AND 5000)
      )`);
    await q.query(`CREATE INDEX irregularity_application_idx ON irregularity (application_id)`);

    await q.query(`
      CREATE TABLE operation_closure (
        application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE RESTRICT,
        call_id uuid NOT NULL REFERENCES call(id) ON DELETE RESTRICT,
        eu_ceiling_cents bigint NOT NULL,
        eu_due_cents bigint NOT NULL,
        paid_cents bigint NOT NULL,
        recovered_cents bigint NOT NULL,
        released_cents bigint NOT NULL,
        last_payment_on date NOT NULL,
        retention_end date NOT NULL,
        closed_by uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        closed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT operation_closure_amounts_check CHECK (eu_due_cents >= 0 AND paid_cents >= 0 AND recovered_cents >= 0 AND released_cents >= 0
          AND eu_due_cents + released_cents = eu_ceiling_cents AND paid_cents - recovered_cents = eu_due_cents)
      )`);
    await q.query(`CREATE INDEX operation_closure_call_idx ON operation_closure (call_id)`);

    // A legal hold (litigation, investigation, CPR art. 82(2)) suspends the end of retention until it is lifted.
    await q.query(`
      ALTER TABLE operation
        ADD COLUMN legal_hold_reason text,
        ADD COLUMN legal_hold_since timestamptz,
        ADD COLUMN legal_hold_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        ADD CONSTRAINT operation_legal_hold_check CHECK ((legal_hold_since IS NULL) = (legal_hold_reason IS NULL) AND (legal_hold_since IS NULL) = (legal_hold_by IS NULL))`);

    await q.query(`
      CREATE TABLE operation_archive (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'PENDING',
        storage_key text,
        size_bytes bigint,
        sha256 text,
        manifest jsonb,
        failure_reason text,
        requested_by uuid REFERENCES app_user(id) ON DELETE RESTRICT,
        requested_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz,
        CONSTRAINT operation_archive_status_check CHECK (status IN ('PENDING','READY','FAILED')),
        CONSTRAINT operation_archive_ready_check CHECK (status <> 'READY' OR (storage_key IS NOT NULL AND sha256 IS NOT NULL AND manifest IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX operation_archive_application_idx ON operation_archive (application_id, requested_at)`);

    // New managing-authority tables: payments (for the accounting system), indicators achieved, payment forecast.
    await q.query(`ALTER TABLE report_export DROP CONSTRAINT report_export_type_check`);
    await q.query(
      `ALTER TABLE report_export ADD CONSTRAINT report_export_type_check CHECK (type IN ('FUNDING_REPORT','PROGRAMMING_TABLE','OPERATIONS','FINANCIAL_DATA','PAYMENTS','INDICATORS','PAYMENT_FORECAST'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_export DROP CONSTRAINT report_export_type_check`);
    await q.query(
      `ALTER TABLE report_export ADD CONSTRAINT report_export_type_check CHECK (type IN ('FUNDING_REPORT','PROGRAMMING_TABLE','OPERATIONS','FINANCIAL_DATA'))`,
    );
    await q.query(`DROP TABLE operation_archive`);
    await q.query(
      `ALTER TABLE operation DROP CONSTRAINT operation_legal_hold_check, DROP COLUMN legal_hold_by, DROP COLUMN legal_hold_since, DROP COLUMN legal_hold_reason`,
    );
    await q.query(`DROP TABLE operation_closure`);
    await q.query(`DROP TABLE irregularity`);
    await q.query(`DROP SEQUENCE recovery_reference_seq`);
    await q.query(`DROP TABLE recovery_order`);
    await q.query(`DROP SEQUENCE payment_reference_seq`);
    await q.query(`DROP TABLE payment`);
    await q.query(`DROP TABLE bank_account`);
    await q.query(`ALTER TABLE call DROP CONSTRAINT call_interim_cap_check, DROP COLUMN interim_cap_bp`);
  }
}
