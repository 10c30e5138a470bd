import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations to join an organisation. Only the SHA-256 of the invitation token is stored: the token itself is shown
 * once to the owner who invites. At most one pending (neither accepted nor revoked) invitation per address and
 * organisation; the service closes an expired pending one before inviting the same address again.
 */
export class OrganisationInvitations1763900100000 implements MigrationInterface {
  name = 'OrganisationInvitations1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL,
        invited_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES app_user(id),
        revoked_at timestamptz,
        CONSTRAINT organisation_invitation_email_check CHECK (email = lower(email) AND position('@' in email) > 1),
        CONSTRAINT organisation_invitation_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT organisation_invitation_expiry_check CHECK (expires_at > created_at),
        CONSTRAINT organisation_invitation_accepted_check CHECK ((accepted_at IS NULL) = (accepted_by IS NULL)),
        CONSTRAINT organisation_invitation_closed_once_check CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX organisation_invitation_token_hash_key ON organisation_invitation (token_hash)`);
    await q.query(`
      CREATE UNIQUE INDEX organisation_invitation_pending_key ON organisation_invitation (organisation_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX organisation_invitation_organisation_idx ON organisation_invitation (organisation_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_invitation`);
  }
}
