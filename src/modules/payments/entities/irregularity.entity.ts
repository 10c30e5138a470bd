import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `irregularity` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('irregularity_application_idx', ['applicationId'])
@Check('irregularity_amount_check', '(amount_cents >= 0)')
@Check('irregularity_description_check', '((length(btrim(description)) >= 1) AND (length(btrim(description)) <= 5000))')
@Check('irregularity_follow_up_check', "(follow_up = ANY (ARRAY['OPEN'::text, 'CORRECTED'::text, 'RECOVERY'::text, 'REPORTED_OLAF'::text, 'CLOSED'::text]))")
@Check(
  'irregularity_type_check',
  "(type = ANY (ARRAY['INELIGIBLE_EXPENDITURE'::text, 'PUBLIC_PROCUREMENT'::text, 'DOUBLE_FUNDING'::text, 'MISSING_PROOF'::text, 'SUSPECTED_FRAUD'::text, 'OTHER'::text]))",
)
@Entity('irregularity')
export class IrregularityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'irregularity_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'irregularity_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text') type: 'INELIGIBLE_EXPENDITURE' | 'PUBLIC_PROCUREMENT' | 'DOUBLE_FUNDING' | 'MISSING_PROOF' | 'SUSPECTED_FRAUD' | 'OTHER';
  @Column('bigint', { transformer: centsTransformer }) amountCents: Cents;
  @Column('date') detectedOn: string;
  @Column('text') description: string;
  @Column('text', { default: 'OPEN' }) followUp: 'OPEN' | 'CORRECTED' | 'RECOVERY' | 'REPORTED_OLAF' | 'CLOSED';
  @Column('text', { nullable: true }) followUpNote: string | null;
  @Column('uuid') @ForeignKey('app_user', { name: 'irregularity_recorded_by_fkey', onDelete: 'RESTRICT' }) recordedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) recordedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}
