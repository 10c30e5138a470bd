import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Frozen legal identity (docs/security.md): once an organisation has a submitted dossier, its SIRET, legal name and
 * legal form change only through a request that instruction staff approve or refuse. One pending request per
 * organisation; the requested values are checked like the registration form's.
 */
export class OrganisationIdentityChange1765010000001 implements MigrationInterface {
  name = 'OrganisationIdentityChange1765010000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_identity_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        siret char(14),
        legal_name text,
        legal_form text,
        reason text NOT NULL,
        previous jsonb NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_at timestamptz,
        decision_comment text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT organisation_identity_change_org_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id) ON DELETE RESTRICT,
        CONSTRAINT organisation_identity_change_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT organisation_identity_change_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT organisation_identity_change_status_check CHECK (status IN ('PENDING','APPROVED','REFUSED')),
        CONSTRAINT organisation_identity_change_something_check CHECK (siret IS NOT NULL OR legal_name IS NOT NULL OR legal_form IS NOT NULL),
        CONSTRAINT organisation_identity_change_decision_check CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        CONSTRAINT organisation_identity_change_version_check CHECK (version >= 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX organisation_identity_change_pending_key ON organisation_identity_change (organisation_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX organisation_identity_change_status_idx ON organisation_identity_change (status, requested_at, id)`);
    // A request is evidence of who asked what: the application may decide it, never delete it.
    await q.query(`REVOKE DELETE, TRUNCATE ON organisation_identity_change FROM essaim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_identity_change`);
  }
}
