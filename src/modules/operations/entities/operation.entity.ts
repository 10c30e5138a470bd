import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `operation` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('operation_first_expenses_check', '((first_expenses_cents IS NULL) OR (first_expenses_cents >= 0))')
@Check('operation_legal_hold_check', '(((legal_hold_since IS NULL) = (legal_hold_reason IS NULL)) AND ((legal_hold_since IS NULL) = (legal_hold_by IS NULL)))')
@Check('operation_start_check', '((actual_start_date IS NULL) = (start_attested_at IS NULL))')
@Entity('operation')
export class OperationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'operation_pkey' })
  @ForeignKey('application', { name: 'operation_application_id_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('date') endDate: string;
  @Column('date') signatureDueDate: string;
  @Column('date', { nullable: true }) notifiedOn: string | null;
  @Column('timestamptz', { nullable: true }) renouncedAt: Date | null;
  @Column('text', { nullable: true }) renunciationReason: string | null;
  @Column('date', { nullable: true }) actualStartDate: string | null;
  @Column('date', { nullable: true }) firstExpensesDate: string | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) firstExpensesCents: Cents | null;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'operation_start_attested_by_fkey', onDelete: 'RESTRICT' })
  startAttestedBy: string | null;
  @Column('timestamptz', { nullable: true }) startAttestedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('text', { nullable: true }) legalHoldReason: string | null;
  @Column('timestamptz', { nullable: true }) legalHoldSince: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'operation_legal_hold_by_fkey', onDelete: 'RESTRICT' }) legalHoldBy: string | null;
}
