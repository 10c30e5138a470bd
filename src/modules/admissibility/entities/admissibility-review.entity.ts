import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `admissibility_review` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('admissibility_review_round_key', ['applicationId', 'round'])
@Check(
  'admissibility_review_arrays_check',
  "((jsonb_typeof(checks) = 'array'::text) AND (jsonb_typeof(reasons) = 'array'::text) AND (jsonb_typeof(complements) = 'array'::text))",
)
@Check('admissibility_review_inadmissible_check', "((outcome <> 'INADMISSIBLE'::text) OR (jsonb_array_length(reasons) > 0))")
@Check('admissibility_review_incomplete_check', "((outcome <> 'INCOMPLETE'::text) OR ((due_date IS NOT NULL) AND (jsonb_array_length(complements) > 0)))")
@Check(
  'admissibility_review_overrides_check',
  "((jsonb_typeof(overrides) = 'array'::text) AND ((outcome = 'ADMISSIBLE'::text) OR (jsonb_array_length(overrides) = 0)))",
)
@Check('admissibility_review_outcome_check', "(outcome = ANY (ARRAY['ADMISSIBLE'::text, 'INCOMPLETE'::text, 'INADMISSIBLE'::text]))")
@Entity('admissibility_review')
export class AdmissibilityReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'admissibility_review_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'admissibility_review_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('smallint') round: number;
  @Column('smallint') submissionNo: number;
  @Column('jsonb') checks: unknown;
  @Column('text') outcome: 'ADMISSIBLE' | 'INCOMPLETE' | 'INADMISSIBLE';
  @Column('jsonb', { default: [] }) reasons: unknown[];
  @Column('text', { nullable: true }) remarks: string | null;
  @Column('jsonb', { default: [] }) complements: unknown[];
  /** Failed checks declared admissible anyway, each with its written reason (docs/domain/admissibility.md). */
  @Column('jsonb', { default: [] }) overrides: unknown[];
  @Column('date', { nullable: true }) dueDate: string | null;
  @Column('uuid') @ForeignKey('app_user', { name: 'admissibility_review_decided_by_fkey', onDelete: 'RESTRICT' }) decidedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) decidedAt: Date;
}
