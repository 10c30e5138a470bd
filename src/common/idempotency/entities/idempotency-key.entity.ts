import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The `idempotency_key` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('idempotency_key_created_at_idx', ['createdAt'])
@Check('idempotency_key_done_check', "((status = 'DONE'::text) = ((response_status IS NOT NULL) AND (completed_at IS NOT NULL)))")
@Check('idempotency_key_key_check', '((length(key) >= 1) AND (length(key) <= 255))')
@Check('idempotency_key_status_check', "(status = ANY (ARRAY['IN_PROGRESS'::text, 'DONE'::text]))")
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'idempotency_key_pkey' }) scope: string;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'idempotency_key_pkey' }) key: string;
  @Column('char', { length: 64 }) requestHash: string;
  @Column('text', { default: 'IN_PROGRESS' }) status: 'IN_PROGRESS' | 'DONE';
  @Column('smallint', { nullable: true }) responseStatus: number | null;
  @Column('jsonb', { nullable: true }) responseBody: unknown;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
}
