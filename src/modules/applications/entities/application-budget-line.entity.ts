import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `application_budget_line` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('application_budget_line_amount_check', '(amount_cents >= 0)')
@Check(
  'application_budget_line_category_check',
  "(category = ANY (ARRAY['STAFF'::text, 'OTHER_DIRECT'::text, 'EXTERNAL_SERVICES'::text, 'PARTICIPANTS'::text, 'IN_KIND'::text]))",
)
@Check('application_budget_line_position_check', '("position" >= 0)')
@Check('application_budget_line_quantity_check', '((quantity IS NULL) OR (quantity >= 0))')
@Check('application_budget_line_sco_check', '((simplified_cost_code IS NULL) = (quantity IS NULL))')
@Entity('application_budget_line')
export class ApplicationBudgetLineEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_budget_line_pkey' })
  @ForeignKey('application', { name: 'application_budget_line_application_fkey', onDelete: 'CASCADE' })
  applicationId: string;
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'application_budget_line_pkey' }) position: number;
  @Column('text') category: 'STAFF' | 'OTHER_DIRECT' | 'EXTERNAL_SERVICES' | 'PARTICIPANTS' | 'IN_KIND';
  @Column('text', { default: '' }) label: string;
  @Column('bigint', { transformer: centsTransformer }) amountCents: Cents;
  @Column('text', { nullable: true }) simplifiedCostCode: string | null;
  @Column('integer', { nullable: true }) quantity: number | null;
}
