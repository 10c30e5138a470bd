import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `payment` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('payment_reference_key', ['reference'])
@Index('payment_application_idx', ['applicationId', 'proposedAt'])
@Index('payment_one_advance_idx', ['applicationId'], { unique: true, where: "((kind = 'ADVANCE'::text) AND (status <> 'REJECTED'::text))" })
@Index('payment_one_open_idx', ['applicationId'], { unique: true, where: "(status = 'PROPOSED'::text)" })
@Index('payment_one_per_verification_idx', ['verificationId'], { unique: true, where: "(status <> 'REJECTED'::text)" })
@Check('payment_amounts_check', '((amount_cents > 0) AND (eu_due_cents >= 0) AND (retained_cumulative_cents >= 0) AND (paid_before_cents >= 0))')
@Check('payment_kind_check', "(kind = ANY (ARRAY['ADVANCE'::text, 'INTERIM'::text, 'BALANCE'::text]))")
@Check('payment_rejected_check', "((status = 'REJECTED'::text) = (rejected_at IS NOT NULL))")
@Check('payment_separation_check', '((validated_by IS NULL) OR ((validated_by <> proposed_by) AND (validated_by IS DISTINCT FROM verified_by)))')
@Check('payment_source_check', "(((kind = 'ADVANCE'::text) = (verification_id IS NULL)) AND ((verification_id IS NULL) = (verified_by IS NULL)))")
@Check('payment_status_check', "(status = ANY (ARRAY['PROPOSED'::text, 'VALIDATED'::text, 'REJECTED'::text]))")
@Check(
  'payment_validated_check',
  "((status = 'VALIDATED'::text) = ((validated_by IS NOT NULL) AND (validated_at IS NOT NULL) AND (bank_account_id IS NOT NULL)))",
)
@Entity('payment')
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'payment_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'payment_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text') reference: string;
  @Column('text') kind: 'ADVANCE' | 'INTERIM' | 'BALANCE';
  @Column('uuid', { nullable: true }) @ForeignKey('verification', { name: 'payment_verification_id_fkey', onDelete: 'RESTRICT' }) verificationId: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'payment_verified_by_fkey', onDelete: 'RESTRICT' }) verifiedBy: string | null;
  @Column('bigint', { transformer: centsTransformer }) amountCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) euDueCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) retainedCumulativeCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) paidBeforeCents: Cents;
  @Column('text', { default: 'PROPOSED' }) status: 'PROPOSED' | 'VALIDATED' | 'REJECTED';
  @Column('uuid') @ForeignKey('app_user', { name: 'payment_proposed_by_fkey', onDelete: 'RESTRICT' }) proposedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) proposedAt: Date;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'payment_validated_by_fkey', onDelete: 'RESTRICT' }) validatedBy: string | null;
  @Column('timestamptz', { nullable: true }) validatedAt: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('bank_account', { name: 'payment_bank_account_id_fkey', onDelete: 'RESTRICT' }) bankAccountId: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'payment_rejected_by_fkey', onDelete: 'RESTRICT' }) rejectedBy: string | null;
  @Column('timestamptz', { nullable: true }) rejectedAt: Date | null;
  @Column('text', { nullable: true }) rejectionReason: string | null;
  @Column('integer', { default: 1 }) version: number;
}
