import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `application_submission` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('application_submission_no_check', '(submission_no >= 1)')
@Entity('application_submission')
export class ApplicationSubmissionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_submission_pkey' })
  @ForeignKey('application', { name: 'application_submission_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'application_submission_pkey' }) submissionNo: number;
  @Column('jsonb') snapshot: unknown;
  @Column('timestamptz') submittedAt: Date;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'application_submission_by_fkey', onDelete: 'RESTRICT' }) submittedBy: string | null;
}
