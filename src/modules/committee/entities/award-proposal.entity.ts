import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `award_proposal` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('financing_plan_version', ['applicationId', 'planVersionNo'], ['applicationId', 'versionNo'], {
  name: 'award_proposal_plan_fkey',
  onDelete: 'RESTRICT',
})
@Unique('award_proposal_decision_key', ['decisionId'])
@Index('award_proposal_one_pending_idx', ['applicationId'], { unique: true, where: "(status = 'PENDING'::text)" })
@Check('award_proposal_accepted_check', "((status = 'ACCEPTED'::text) = (plan_version_no IS NOT NULL))")
@Check('award_proposal_amounts_check', '((proposed_eu_cents > 0) AND (proposed_eu_cents < retained_eu_cents))')
@Check('award_proposal_answer_check', "((status = 'PENDING'::text) = (answered_at IS NULL))")
@Check('award_proposal_refused_check', "((status = 'REFUSED'::text) = (refusal_reason IS NOT NULL))")
@Check('award_proposal_status_check', "(status = ANY (ARRAY['PENDING'::text, 'ACCEPTED'::text, 'REFUSED'::text]))")
@Entity('award_proposal')
export class AwardProposalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'award_proposal_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'award_proposal_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('uuid') @ForeignKey('committee_decision', { name: 'award_proposal_decision_fkey', onDelete: 'RESTRICT' }) decisionId: string;
  @Column('bigint', { transformer: centsTransformer }) retainedEuCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) proposedEuCents: Cents;
  @Column('date') answerDueDate: string;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'ACCEPTED' | 'REFUSED';
  @Column('smallint', { nullable: true }) planVersionNo: number | null;
  @Column('text', { nullable: true }) refusalReason: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'award_proposal_answered_by_fkey', onDelete: 'RESTRICT' }) answeredBy: string | null;
  @Column('timestamptz', { nullable: true }) answeredAt: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('integer', { default: 1 }) version: number;
}
