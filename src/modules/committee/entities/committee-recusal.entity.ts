import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `committee_recusal` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('committee_item', ['sessionId', 'applicationId'], ['sessionId', 'applicationId'], { name: 'committee_recusal_item_fkey', onDelete: 'RESTRICT' })
@ForeignKey('committee_member', ['sessionId', 'userId'], ['sessionId', 'userId'], { name: 'committee_recusal_member_fkey', onDelete: 'RESTRICT' })
@Check('committee_recusal_kind_check', "(kind = ANY (ARRAY['AUTOMATIC'::text, 'DECLARED'::text]))")
@Check('committee_recusal_reason_check', '((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 2000))')
@Entity('committee_recusal')
export class CommitteeRecusalEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_recusal_pkey' }) sessionId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_recusal_pkey' }) applicationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_recusal_pkey' }) userId: string;
  @Column('text') kind: 'AUTOMATIC' | 'DECLARED';
  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'committee_recusal_recorded_by_fkey', onDelete: 'RESTRICT' }) recordedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) recordedAt: Date;
}
