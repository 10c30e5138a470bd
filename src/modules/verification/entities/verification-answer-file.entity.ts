import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `verification_answer_file` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('verification_answer_file_storage_key_key', ['storageKey'])
@Index('verification_answer_file_idx', ['verificationId'])
@Check('verification_answer_file_sha_check', "(sha256 ~ '^[0-9a-f]{64}$'::text)")
@Entity('verification_answer_file')
export class VerificationAnswerFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'verification_answer_file_pkey' }) id: string;
  @Column('uuid') @ForeignKey('verification', { name: 'verification_answer_file_verification_id_fkey', onDelete: 'RESTRICT' }) verificationId: string;
  @Column('text') originalName: string;
  @Column('text') storageKey: string;
  @Column('text') mediaType: string;
  @Column('bigint') sizeBytes: string;
  @Column('text') sha256: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'verification_answer_file_uploaded_by_fkey', onDelete: 'RESTRICT' }) uploadedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) uploadedAt: Date;
}
