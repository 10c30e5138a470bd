import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `committee_member` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('committee_member_institution_check', '((institution IS NULL) OR ((length(institution) >= 1) AND (length(institution) <= 200)))')
@Check('committee_member_role_check', "(role = ANY (ARRAY['CHAIR'::text, 'MEMBER'::text]))")
@Entity('committee_member')
export class CommitteeMemberEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_member_pkey' })
  @ForeignKey('committee_session', { name: 'committee_member_session_fkey', onDelete: 'RESTRICT' })
  sessionId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_member_pkey' })
  @ForeignKey('app_user', { name: 'committee_member_user_fkey', onDelete: 'RESTRICT' })
  userId: string;
  @Column('text', { default: 'MEMBER' }) role: 'CHAIR' | 'MEMBER';
  @Column('boolean', { default: false }) present: boolean;
  @Column('text', { nullable: true }) institution: string | null;
}
