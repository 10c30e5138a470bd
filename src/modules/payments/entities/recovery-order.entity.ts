import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `recovery_order` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('recovery_order_reference_key', ['reference'])
@Index('recovery_order_application_idx', ['applicationId'])
@Index('recovery_order_verification_idx', ['verificationId'], { unique: true, where: '(verification_id IS NOT NULL)' })
@Check('recovery_order_amount_check', '(amount_cents > 0)')
@Check('recovery_order_reason_check', '((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 2000))')
@Check('recovery_order_settled_check', "((status = 'SETTLED'::text) = ((settled_on IS NOT NULL) AND (settled_by IS NOT NULL)))")
@Check('recovery_order_status_check', "(status = ANY (ARRAY['ISSUED'::text, 'SETTLED'::text]))")
@Entity('recovery_order')
export class RecoveryOrderEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'recovery_order_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'recovery_order_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text') reference: string;
  @Column('uuid', { nullable: true })
  @ForeignKey('verification', { name: 'recovery_order_verification_id_fkey', onDelete: 'RESTRICT' })
  verificationId: string | null;
  @Column('bigint', { transformer: centsTransformer }) amountCents: Cents;
  @Column('date') dueDate: string;
  @Column('text') reason: string;
  @Column('text', { default: 'ISSUED' }) status: 'ISSUED' | 'SETTLED';
  @Column('uuid') @ForeignKey('app_user', { name: 'recovery_order_issued_by_fkey', onDelete: 'RESTRICT' }) issuedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) issuedAt: Date;
  @Column('date', { nullable: true }) settledOn: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'recovery_order_settled_by_fkey', onDelete: 'RESTRICT' }) settledBy: string | null;
  @Column('timestamptz', { nullable: true }) settledAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
}
