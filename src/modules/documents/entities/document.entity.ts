import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `document` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('document_subject_kind_version_key', ['subjectType', 'subjectId', 'kind', 'version'])
@Index('document_request_key_key', ['requestKey'], { unique: true, where: '(request_key IS NOT NULL)' })
@Index('document_subject_idx', ['subjectType', 'subjectId', 'createdAt'])
@Check('document_ready_check', "((status <> 'READY'::text) OR ((storage_key IS NOT NULL) AND (sha256 IS NOT NULL) AND (size_bytes IS NOT NULL)))")
@Check('document_request_key_check', '((request_key IS NULL) OR ((length(request_key) >= 1) AND (length(request_key) <= 200)))')
@Check('document_source_check', '((source_type IS NULL) = (source_id IS NULL))')
@Check('document_status_check', "(status = ANY (ARRAY['PENDING'::text, 'READY'::text, 'FAILED'::text]))")
@Entity('document')
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_pkey' }) id: string;
  @Column('text') subjectType: string;
  @Column('uuid') subjectId: string;
  @Column('text') kind: string;
  @Column('integer', { default: 1 }) version: number;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'READY' | 'FAILED';
  @Column('text', { nullable: true }) storageKey: string | null;
  @Column('text', { default: 'application/pdf' }) mediaType: string;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Column('text', { nullable: true }) sha256: string | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) readyAt: Date | null;
  @Column('text', { nullable: true }) sourceType: string | null;
  @Column('uuid', { nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true }) requestKey: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'document_requested_by_fkey', onDelete: 'RESTRICT' }) requestedBy: string | null;
}
