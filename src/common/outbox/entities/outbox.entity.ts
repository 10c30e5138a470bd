import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `outbox` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('outbox_failed_idx', ['failedAt'], { where: '(failed_at IS NOT NULL)' })
@Index('outbox_open_idx', ['publishedAt'], { where: '((published_at IS NOT NULL) AND (done_at IS NULL) AND (failed_at IS NULL))' })
@Index('outbox_unpublished_idx', ['createdAt'], { where: '(published_at IS NULL)' })
@Check('outbox_failed_check', '((failed_at IS NULL) OR (failure_reason IS NOT NULL))')
@Check('outbox_outcome_check', '((done_at IS NULL) OR (failed_at IS NULL))')
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outbox_pkey' }) id: string;
  @Column('text') queue: string;
  @Column('text') jobName: string;
  @Column('jsonb') payload: unknown;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('integer', { default: 0 }) publishAttempts: number;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('timestamptz', { nullable: true }) doneAt: Date | null;
  @Column('timestamptz', { nullable: true }) failedAt: Date | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  @Column('integer', { default: 0 }) retryCount: number;
}
