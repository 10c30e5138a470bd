import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The `eligibility_report` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('eligibility_report_verdict_idx', ['verdict'], { where: '(verdict IS NOT NULL)' })
@Check(
  'eligibility_report_arrays_check',
  "((jsonb_typeof(results) = 'array'::text) AND (jsonb_typeof(overrides) = 'array'::text) AND (jsonb_typeof(csess_scores) = 'array'::text) AND (jsonb_typeof(verdict_reasons) = 'array'::text))",
)
@Check('eligibility_report_confirmed_check', '(((verdict IS NULL) = (confirmed_at IS NULL)) AND ((confirmed_at IS NULL) = (confirmed_by IS NULL)))')
@Check('eligibility_report_verdict_check', "((verdict IS NULL) OR (verdict = ANY (ARRAY['ELIGIBLE'::text, 'INELIGIBLE'::text])))")
@Check('eligibility_report_version_check', '(version >= 1)')
@Entity('eligibility_report')
export class EligibilityReportEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'eligibility_report_pkey' })
  @ForeignKey('application', { name: 'eligibility_report_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('text') ruleSetVersion: string;
  @Column('jsonb') facts: unknown;
  @Column('jsonb') results: unknown;
  @Column('jsonb', { default: [] }) overrides: unknown[];
  @Column('jsonb', { default: [] }) csessScores: unknown[];
  @Column('text', { nullable: true }) verdict: string | null;
  @Column('jsonb', { default: [] }) verdictReasons: unknown[];
  @Column('uuid') @ForeignKey('app_user', { name: 'eligibility_report_evaluated_by_fkey', onDelete: 'RESTRICT' }) evaluatedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) evaluatedAt: Date;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'eligibility_report_confirmed_by_fkey', onDelete: 'RESTRICT' })
  confirmedBy: string | null;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
}
