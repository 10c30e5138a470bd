import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `application_document` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('application_document_storage_key_key', ['storageKey'])
@Index('application_document_application_idx', ['applicationId', 'uploadedAt'], { where: '(deleted_at IS NULL)' })
@Check('application_document_deleted_check', '((deleted_at IS NULL) = (deleted_by IS NULL))')
@Check(
  'application_document_media_type_check',
  "(media_type = ANY (ARRAY['application/pdf'::text, 'image/png'::text, 'image/jpeg'::text, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'::text, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'::text, 'application/vnd.oasis.opendocument.text'::text, 'application/vnd.oasis.opendocument.spreadsheet'::text]))",
)
@Check('application_document_name_check', '((length(original_name) >= 1) AND (length(original_name) <= 255))')
@Check('application_document_sha256_check', "(sha256 ~ '^[0-9a-f]{64}$'::text)")
@Check('application_document_size_check', '(size_bytes > 0)')
@Check('application_document_type_check', "(document_type ~ '^[A-Z0-9_]{1,50}$'::text)")
@Entity('application_document')
export class ApplicationDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_document_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'application_document_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text') documentType: string;
  @Column('text') originalName: string;
  @Column('text') storageKey: string;
  @Column('text')
  mediaType:
    | 'application/pdf'
    | 'image/png'
    | 'image/jpeg'
    | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    | 'application/vnd.oasis.opendocument.text'
    | 'application/vnd.oasis.opendocument.spreadsheet';
  @Column('bigint') sizeBytes: string;
  @Column('char', { length: 64 }) sha256: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'application_document_uploaded_by_fkey', onDelete: 'RESTRICT' }) uploadedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) uploadedAt: Date;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'application_document_deleted_by_fkey', onDelete: 'RESTRICT' }) deletedBy: string | null;
}
