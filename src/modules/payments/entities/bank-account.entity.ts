import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `bank_account` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('bank_account_rib_storage_key_key', ['ribStorageKey'])
@Index('bank_account_one_pending_idx', ['organisationId'], { unique: true, where: "(status = 'PENDING'::text)" })
@Index('bank_account_one_validated_idx', ['organisationId'], { unique: true, where: "(status = 'VALIDATED'::text)" })
@Check('bank_account_decided_check', "(((status = 'PENDING'::text) = (decided_at IS NULL)) AND ((decided_at IS NULL) = (decided_by IS NULL)))")
@Check('bank_account_four_eyes_check', '((decided_by IS NULL) OR (decided_by <> submitted_by))')
@Check('bank_account_holder_check', '((length(btrim(holder)) >= 1) AND (length(btrim(holder)) <= 200))')
@Check('bank_account_iban_check', "(iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'::text)")
@Check('bank_account_rib_sha_check', "(rib_sha256 ~ '^[0-9a-f]{64}$'::text)")
@Check('bank_account_status_check', "(status = ANY (ARRAY['PENDING'::text, 'VALIDATED'::text, 'REJECTED'::text, 'REPLACED'::text]))")
@Entity('bank_account')
export class BankAccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bank_account_pkey' }) id: string;
  @Column('uuid') @ForeignKey('organisation', { name: 'bank_account_organisation_id_fkey', onDelete: 'RESTRICT' }) organisationId: string;
  @Column('text') iban: string;
  @Column('text') holder: string;
  @Column('text', { nullable: true }) bic: string | null;
  @Column('text', { default: 'PENDING' }) status: 'PENDING' | 'VALIDATED' | 'REJECTED' | 'REPLACED';
  @Column('text') ribOriginalName: string;
  @Column('text') ribStorageKey: string;
  @Column('text') ribMediaType: string;
  @Column('bigint') ribSizeBytes: string;
  @Column('text') ribSha256: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'bank_account_submitted_by_fkey', onDelete: 'RESTRICT' }) submittedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) submittedAt: Date;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'bank_account_decided_by_fkey', onDelete: 'RESTRICT' }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) rejectionReason: string | null;
  @Column('integer', { default: 1 }) version: number;
}
