import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `expenditure_line` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('expenditure_line_report_idx', ['reportId', 'createdAt'])
@Check('expenditure_line_amounts_check', '((amount_ht_cents >= 0) AND (amount_ttc_cents >= amount_ht_cents) AND (eligible_cents >= 0))')
@Check(
  'expenditure_line_category_check',
  "(category = ANY (ARRAY['STAFF'::text, 'OTHER_DIRECT'::text, 'EXTERNAL_SERVICES'::text, 'PARTICIPANTS'::text, 'IN_KIND'::text]))",
)
@Check('expenditure_line_dates_check', '((paid_on IS NULL) OR (paid_on >= incurred_on))')
@Check('expenditure_line_share_check', '((share_bp >= 1) AND (share_bp <= 10000))')
@Check('expenditure_line_staff_check', "(((hours_centi IS NULL) = (hourly_cost_cents IS NULL)) AND ((hours_centi IS NULL) OR (category = 'STAFF'::text)))")
@Entity('expenditure_line')
export class ExpenditureLineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'expenditure_line_pkey' }) id: string;
  @Column('uuid') @ForeignKey('execution_report', { name: 'expenditure_line_report_id_fkey', onDelete: 'RESTRICT' }) reportId: string;
  @Column('text') category: 'STAFF' | 'OTHER_DIRECT' | 'EXTERNAL_SERVICES' | 'PARTICIPANTS' | 'IN_KIND';
  @Column('text') label: string;
  @Column('text') supplier: string;
  @Column('text') documentRef: string;
  @Column('date') documentDate: string;
  @Column('date') incurredOn: string;
  @Column('date', { nullable: true }) paidOn: string | null;
  @Column('bigint', { transformer: centsTransformer }) amountHtCents: Cents;
  @Column('bigint', { transformer: centsTransformer }) amountTtcCents: Cents;
  @Column('boolean') vatRecovered: boolean;
  @Column('integer') shareBp: number;
  @Column('integer', { nullable: true }) hoursCenti: number | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) hourlyCostCents: Cents | null;
  @Column('bigint', { transformer: centsTransformer }) eligibleCents: Cents;
  @Column('uuid') @ForeignKey('app_user', { name: 'expenditure_line_created_by_fkey', onDelete: 'RESTRICT' }) createdBy: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
