import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The `evaluation_assignment` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('panel_member', ['callId', 'evaluatorId'], ['callId', 'userId'], { name: 'evaluation_assignment_member_fkey', onDelete: 'RESTRICT' })
@Index('evaluation_assignment_call_idx', ['callId'])
@Index('evaluation_assignment_evaluator_idx', ['evaluatorId', 'callId'])
@Index('evaluation_assignment_rapporteur_key', ['applicationId'], { unique: true, where: 'rapporteur' })
@Check('evaluation_assignment_status_check', "(status = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text]))")
@Check('evaluation_assignment_submitted_check', "((status = 'SUBMITTED'::text) = (submitted_at IS NOT NULL))")
@Entity('evaluation_assignment')
export class EvaluationAssignmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'evaluation_assignment_pkey' })
  @ForeignKey('application', { name: 'evaluation_assignment_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'evaluation_assignment_pkey' }) evaluatorId: string;
  @Column('uuid') callId: string;
  @Column('boolean', { default: false }) rapporteur: boolean;
  @Column('text', { default: 'DRAFT' }) status: 'DRAFT' | 'SUBMITTED';
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'evaluation_assignment_assigned_by_fkey', onDelete: 'RESTRICT' })
  assignedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) assignedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}
