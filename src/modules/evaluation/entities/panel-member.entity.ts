import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The `panel_member` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('panel_member_chair_key', ['callId'], { unique: true, where: "(role = 'CHAIR'::text)" })
@Index('panel_member_user_idx', ['userId'])
@Check('panel_member_role_check', "(role = ANY (ARRAY['CHAIR'::text, 'RAPPORTEUR'::text, 'MEMBER'::text]))")
@Entity('panel_member')
export class PanelMemberEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'panel_member_pkey' })
  @ForeignKey('call', { name: 'panel_member_call_fkey', onDelete: 'RESTRICT' })
  callId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'panel_member_pkey' })
  @ForeignKey('app_user', { name: 'panel_member_user_fkey', onDelete: 'RESTRICT' })
  userId: string;
  @Column('text') role: 'CHAIR' | 'RAPPORTEUR' | 'MEMBER';
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'panel_member_added_by_fkey', onDelete: 'RESTRICT' }) addedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) addedAt: Date;
}
