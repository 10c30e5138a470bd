import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `application_resource` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('application_resource_amount_check', '(amount_cents >= 0)')
@Check('application_resource_position_check', '("position" >= 0)')
@Check(
  'application_resource_type_check',
  "(type = ANY (ARRAY['ESF_PLUS'::text, 'PUBLIC'::text, 'PRIVATE'::text, 'SELF'::text, 'REVENUE'::text, 'IN_KIND'::text]))",
)
@Entity('application_resource')
export class ApplicationResourceEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_resource_pkey' })
  @ForeignKey('application', { name: 'application_resource_application_fkey', onDelete: 'CASCADE' })
  applicationId: string;
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'application_resource_pkey' }) position: number;
  @Column('text') type: 'ESF_PLUS' | 'PUBLIC' | 'PRIVATE' | 'SELF' | 'REVENUE' | 'IN_KIND';
  @Column('text', { nullable: true }) funderName: string | null;
  @Column('bigint', { transformer: centsTransformer }) amountCents: Cents;
}
