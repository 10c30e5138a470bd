import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `execution_report` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('execution_report_seq_key', ['applicationId', 'seq'])
@Check('execution_report_kind_check', "(kind = ANY (ARRAY['INTERMEDIATE'::text, 'FINAL'::text]))")
@Check('execution_report_period_check', '(period_start <= period_end)')
@Check(
  'execution_report_postponement_check',
  "((postponement_status IS NULL) OR ((postponement_status = ANY (ARRAY['REQUESTED'::text, 'GRANTED'::text, 'REFUSED'::text])) AND (postponement_due_date IS NOT NULL)))",
)
@Check('execution_report_status_check', "(status = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text, 'CANCELLED'::text]))")
@Check('execution_report_submitted_check', "((status = 'SUBMITTED'::text) = ((snapshot IS NOT NULL) AND (submitted_at IS NOT NULL)))")
@Entity('execution_report')
export class ExecutionReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'execution_report_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'execution_report_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('integer') seq: number;
  @Column('text') kind: 'INTERMEDIATE' | 'FINAL';
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('date') dueDate: string;
  @Column('text', { default: 'DRAFT' }) status: 'DRAFT' | 'SUBMITTED' | 'CANCELLED';
  @Column('jsonb', { default: {} }) achievements: Record<string, unknown>;
  @Column('jsonb', { default: [] }) resources: unknown[];
  @Column('text', { nullable: true }) postponementStatus: string | null;
  @Column('date', { nullable: true }) postponementDueDate: string | null;
  @Column('text', { nullable: true }) postponementReason: string | null;
  @Column('jsonb', { nullable: true }) snapshot: unknown;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'execution_report_submitted_by_fkey', onDelete: 'RESTRICT' }) submittedBy: string | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
