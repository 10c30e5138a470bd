import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `application_message_file` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('application_message_file_storage_key_key', ['storageKey'])
@Index('application_message_file_message_idx', ['messageId'])
@Check('application_message_file_sha256_check', "(sha256 ~ '^[0-9a-f]{64}$'::text)")
@Check('application_message_file_size_bytes_check', '(size_bytes > 0)')
@Entity('application_message_file')
export class ApplicationMessageFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_message_file_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application_message', { name: 'application_message_file_message_id_fkey', onDelete: 'RESTRICT' }) messageId: string;
  @Column('text') originalName: string;
  @Column('text') storageKey: string;
  @Column('text') mediaType: string;
  @Column('bigint') sizeBytes: string;
  @Column('text') sha256: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'application_message_file_uploaded_by_fkey', onDelete: 'RESTRICT' }) uploadedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) uploadedAt: Date;
}
