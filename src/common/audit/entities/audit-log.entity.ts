import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The `audit_log` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('audit_log_subject_idx', ['subjectType', 'subjectId', 'seq'])
@Check('audit_log_actor_kind_check', "(actor_kind = ANY (ARRAY['USER'::text, 'SYSTEM'::text]))")
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'audit_log_pkey' }) seq: string;
  @Column('timestamptz', { default: () => 'clock_timestamp()' }) occurredAt: Date;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('text') actorKind: 'USER' | 'SYSTEM';
  @Column('text') action: string;
  @Column('text') subjectType: string;
  @Column('text') subjectId: string;
  @Column('jsonb', { nullable: true }) before: unknown;
  @Column('jsonb', { nullable: true }) after: unknown;
  @Column('text', { nullable: true }) correlationId: string | null;
  @Column('text') prevHash: string;
  @Column('text') hash: string;
}
