import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `committee_item` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('committee_item_position_key', ['sessionId', 'position'])
@Check(
  'committee_item_status_check',
  "((ranking_status IS NULL) OR (ranking_status = ANY (ARRAY['FUNDED'::text, 'RESERVE'::text, 'BELOW_THRESHOLD'::text, 'INELIGIBLE'::text])))",
)
@Entity('committee_item')
export class CommitteeItemEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_item_pkey' })
  @ForeignKey('committee_session', { name: 'committee_item_session_fkey', onDelete: 'RESTRICT' })
  sessionId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'committee_item_pkey' })
  @ForeignKey('application', { name: 'committee_item_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('smallint') position: number;
  @Column('integer', { nullable: true }) rank: number | null;
  @Column('text', { nullable: true }) rankingStatus: string | null;
  @Column('text', { nullable: true }) total: string | null;
  @Column('bigint', { transformer: centsTransformer }) euCents: Cents;
  @Column('text', { nullable: true }) explanation: string | null;
  @Column('uuid', { array: true, default: [] }) recusedUserIds: string[];
}
