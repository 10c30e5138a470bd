import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `expenditure_file` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('expenditure_file_storage_key_key', ['storageKey'])
@Index('expenditure_file_line_idx', ['lineId'])
@Check('expenditure_file_sha_check', "(sha256 ~ '^[0-9a-f]{64}$'::text)")
@Entity('expenditure_file')
export class ExpenditureFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'expenditure_file_pkey' }) id: string;
  @Column('uuid') @ForeignKey('expenditure_line', { name: 'expenditure_file_line_id_fkey', onDelete: 'CASCADE' }) lineId: string;
  @Column('text') originalName: string;
  @Column('text') storageKey: string;
  @Column('text') mediaType: string;
  @Column('bigint') sizeBytes: string;
  @Column('text') sha256: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'expenditure_file_uploaded_by_fkey', onDelete: 'RESTRICT' }) uploadedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) uploadedAt: Date;
}
