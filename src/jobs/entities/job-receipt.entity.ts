import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The `job_receipt` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Entity('job_receipt')
export class JobReceiptEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'job_receipt_pkey' }) jobId: string;
  @Column('text') jobName: string;
  @Column('timestamptz', { default: () => 'now()' }) completedAt: Date;
}
