import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `operation_archive` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('operation_archive_application_idx', ['applicationId', 'requestedAt'])
@Check('operation_archive_ready_check', "((status <> 'READY'::text) OR ((storage_key IS NOT NULL) AND (sha256 IS NOT NULL) AND (manifest IS NOT NULL)))")
@Check('operation_archive_status_check', "(status = ANY (ARRAY['PENDING'::text, 'READY'::text, 'FAILED'::text]))")
@Entity('operation_archive')
export class OperationArchiveEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'operation_archive_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'operation_archive_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'READY' | 'FAILED';
  @Column('text', { nullable: true }) storageKey: string | null;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Column('text', { nullable: true }) sha256: string | null;
  @Column('jsonb', { nullable: true }) manifest: unknown;
  @Column('text', { nullable: true }) failureReason: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'operation_archive_requested_by_fkey', onDelete: 'RESTRICT' }) requestedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  @Column('timestamptz', { nullable: true }) readyAt: Date | null;
}
