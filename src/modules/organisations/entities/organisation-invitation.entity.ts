import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Invitation to join an organisation; `tokenHash` is the SHA-256 of the token sent, never the token itself. The table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('organisation_invitation_organisation_idx', ['organisationId', 'createdAt'])
@Index('organisation_invitation_pending_key', ['organisationId', 'email'], { unique: true, where: '((accepted_at IS NULL) AND (revoked_at IS NULL))' })
@Index('organisation_invitation_token_hash_key', ['tokenHash'], { unique: true })
@Check('organisation_invitation_accepted_check', '((accepted_at IS NULL) = (accepted_by IS NULL))')
@Check('organisation_invitation_closed_once_check', '((accepted_at IS NULL) OR (revoked_at IS NULL))')
@Check('organisation_invitation_email_check', "((email = lower(email)) AND (POSITION(('@'::text) IN (email)) > 1))")
@Check('organisation_invitation_expiry_check', '(expires_at > created_at)')
@Check('organisation_invitation_token_hash_check', "(token_hash ~ '^[0-9a-f]{64}$'::text)")
@Entity('organisation_invitation')
export class OrganisationInvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_invitation_pkey' }) id: string;
  @Column('uuid') @ForeignKey('organisation', { name: 'organisation_invitation_organisation_id_fkey', onDelete: 'CASCADE' }) organisationId: string;
  @Column('text') email: string;
  @Column('text') tokenHash: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'organisation_invitation_invited_by_fkey' }) invitedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) acceptedAt: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'organisation_invitation_accepted_by_fkey' }) acceptedBy: string | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
