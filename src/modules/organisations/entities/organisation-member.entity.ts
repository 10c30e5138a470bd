import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The `organisation_member` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('organisation_member_user_id_idx', ['userId'])
@Check('organisation_member_role_check', "(member_role = ANY (ARRAY['OWNER'::text, 'MEMBER'::text]))")
@Entity('organisation_member')
export class OrganisationMemberEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'organisation_member_pkey' })
  @ForeignKey('organisation', { name: 'organisation_member_organisation_id_fkey', onDelete: 'CASCADE' })
  organisationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'organisation_member_pkey' })
  @ForeignKey('app_user', { name: 'organisation_member_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;
  @Column('text', { default: 'MEMBER' }) memberRole: 'OWNER' | 'MEMBER';
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
