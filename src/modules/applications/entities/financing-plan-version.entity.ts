import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `financing_plan_version` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check(
  'financing_plan_version_amounts_check',
  '((total_direct_cents >= 0) AND (total_flat_rate_cents >= 0) AND (total_eligible_cents >= 0) AND (max_eu_cents >= 0) AND (eu_cents >= 0) AND (other_resources_cents >= 0) AND (eu_cents <= max_eu_cents))',
)
@Check('financing_plan_version_arrays_check', "((jsonb_typeof(lines) = 'array'::text) AND (jsonb_typeof(resources) = 'array'::text))")
@Check('financing_plan_version_no_check', '(version_no >= 1)')
@Check('financing_plan_version_rate_check', '((rate_bp >= 0) AND (rate_bp <= 10000))')
@Check('financing_plan_version_source_check', "(source = ANY (ARRAY['APPLICANT'::text, 'INSTRUCTOR'::text, 'COMMITTEE'::text, 'AMENDMENT'::text]))")
@Entity('financing_plan_version')
export class FinancingPlanVersionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'financing_plan_version_pkey' })
  @ForeignKey('application', { name: 'financing_plan_version_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'financing_plan_version_pkey' }) versionNo: number;
  @Column('text') source: 'APPLICANT' | 'INSTRUCTOR' | 'COMMITTEE' | 'AMENDMENT';
  @Column('text') costOption: string;
  @Column('integer', { nullable: true }) flatRateBp: number | null;
  @Column('jsonb') lines: unknown;
  @Column('jsonb') resources: unknown;
  @Column('bigint', { transformer: centsTransformer }) totalDirectCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) totalFlatRateCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) totalEligibleCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) maxEuCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) euCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) otherResourcesCents: Cents;
  @Column('integer') rateBp: number;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'financing_plan_version_created_by_fkey', onDelete: 'RESTRICT' })
  createdBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
