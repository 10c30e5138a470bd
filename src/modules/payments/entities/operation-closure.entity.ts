import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `operation_closure` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('operation_closure_call_idx', ['callId'])
@Check(
  'operation_closure_amounts_check',
  '((eu_due_cents >= 0) AND (paid_cents >= 0) AND (recovered_cents >= 0) AND (released_cents >= 0) AND ((eu_due_cents + released_cents) = eu_ceiling_cents) AND ((paid_cents - recovered_cents) = eu_due_cents))',
)
@Entity('operation_closure')
export class OperationClosureEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'operation_closure_pkey' })
  @ForeignKey('application', { name: 'operation_closure_application_id_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('uuid') @ForeignKey('call', { name: 'operation_closure_call_id_fkey', onDelete: 'RESTRICT' }) callId: string;
  @Column('bigint', { transformer: centsTransformer }) euCeilingCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) euDueCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) paidCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) recoveredCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) releasedCents: Cents;
  @Column('date') lastPaymentOn: string;
  @Column('date') retentionEnd: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'operation_closure_closed_by_fkey', onDelete: 'RESTRICT' }) closedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) closedAt: Date;
}
