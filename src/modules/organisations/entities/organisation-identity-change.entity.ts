import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `organisation_identity_change` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('organisation_identity_change_pending_key', ['organisationId'], { unique: true, where: "(status = 'PENDING'::text)" })
@Index('organisation_identity_change_status_idx', ['status', 'requestedAt', 'id'])
@Check('organisation_identity_change_decision_check', "(((status = 'PENDING'::text) = (decided_at IS NULL)) AND ((decided_at IS NULL) = (decided_by IS NULL)))")
@Check('organisation_identity_change_something_check', '((siret IS NOT NULL) OR (legal_name IS NOT NULL) OR (legal_form IS NOT NULL))')
@Check('organisation_identity_change_status_check', "(status = ANY (ARRAY['PENDING'::text, 'APPROVED'::text, 'REFUSED'::text]))")
@Check('organisation_identity_change_version_check', '(version >= 1)')
@Entity('organisation_identity_change')
export class OrganisationIdentityChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_identity_change_pkey' }) id: string;
  @Column('uuid') @ForeignKey('organisation', { name: 'organisation_identity_change_org_fkey', onDelete: 'RESTRICT' }) organisationId: string;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'APPROVED' | 'REFUSED';
  @Column('char', { length: 14, nullable: true }) siret: string | null;
  @Column('text', { nullable: true }) legalName: string | null;
  @Column('text', { nullable: true }) legalForm: string | null;
  @Column('text') reason: string;
  @Column('jsonb') previous: unknown;
  @Column('uuid') @ForeignKey('app_user', { name: 'organisation_identity_change_requested_by_fkey', onDelete: 'RESTRICT' }) requestedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'organisation_identity_change_decided_by_fkey', onDelete: 'RESTRICT' })
  decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionComment: string | null;
  @Column('integer', { default: 1 }) version: number;
}
