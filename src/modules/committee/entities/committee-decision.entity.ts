import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `committee_decision` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('committee_item', ['sessionId', 'applicationId'], ['sessionId', 'applicationId'], { name: 'committee_decision_item_fkey', onDelete: 'RESTRICT' })
@Unique('committee_decision_item_key', ['sessionId', 'applicationId'])
@Index('committee_decision_application_idx', ['applicationId', 'decidedAt'])
@Check(
  'committee_decision_defavorable_check',
  "((outcome <> 'DEFAVORABLE'::text) OR ((reason_code = ANY (ARRAY['QUALITY'::text, 'BUDGET'::text, 'INELIGIBLE'::text])) AND (reason IS NOT NULL)))",
)
@Check('committee_decision_favorable_check', "((outcome <> 'FAVORABLE'::text) OR ((eu_cents IS NOT NULL) AND (eu_cents > 0)))")
@Check('committee_decision_outcome_check', "(outcome = ANY (ARRAY['FAVORABLE'::text, 'DEFAVORABLE'::text, 'POSTPONED'::text]))")
@Check('committee_decision_postponed_check', "((outcome <> 'POSTPONED'::text) OR (requests IS NOT NULL))")
@Entity('committee_decision')
export class CommitteeDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'committee_decision_pkey' }) id: string;
  @Column('uuid') sessionId: string;
  @Column('uuid') applicationId: string;
  @Column('text') outcome: 'FAVORABLE' | 'DEFAVORABLE' | 'POSTPONED';
  @Column('bigint', { nullable: true, transformer: centsTransformer }) euCents: Cents | null;
  @Column('text', { nullable: true }) conditions: string | null;
  @Column('text', { nullable: true }) reasonCode: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text', { nullable: true }) requests: string | null;
  @Column('uuid') @ForeignKey('app_user', { name: 'committee_decision_decided_by_fkey', onDelete: 'RESTRICT' }) decidedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) decidedAt: Date;
}
