import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `evaluation_score` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('evaluation_assignment', ['applicationId', 'evaluatorId'], ['applicationId', 'evaluatorId'], {
  name: 'evaluation_score_assignment_fkey',
  onDelete: 'CASCADE',
})
@Check('evaluation_score_justification_check', '(length(justification) <= 10000)')
@Entity('evaluation_score')
export class EvaluationScoreEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'evaluation_score_pkey' }) applicationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'evaluation_score_pkey' }) evaluatorId: string;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'evaluation_score_pkey' }) criterionCode: string;
  @Column('smallint') score: number;
  @Column('text', { default: '' }) justification: string;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
