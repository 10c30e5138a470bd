import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** One cost option a call allows (`cost_options` jsonb), as the calls module writes it. */
export interface CallCostOption {
  option: string;
  rateBp: number;
  justification?: string | null;
  baseCategories?: string[] | null;
}

/** The `call` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('call_created_idx', ['id', 'createdAt'])
@Index('call_open_idx', ['closesAt', 'opensAt'], { where: "(status = 'PUBLISHED'::text)" })
@Index('call_reference_key', ['reference'], { unique: true })
@Check('call_duration_check', '((min_duration_months >= 1) AND (max_duration_months >= min_duration_months))')
@Check(
  'call_eligibility_window_check',
  "((eligibility_start >= '2021-01-01'::date) AND (eligibility_end <= '2029-12-31'::date) AND (eligibility_start < eligibility_end))",
)
@Check('call_envelope_check', '(envelope_cents >= 0)')
@Check('call_eu_bounds_check', '((min_eu_cents >= 0) AND ((max_eu_cents IS NULL) OR (max_eu_cents >= min_eu_cents)))')
@Check('call_funder_type_check', "(funder_type = ANY (ARRAY['STATE'::text, 'COLLECTIVITE_TERRITORIALE'::text, 'OTHER_PUBLIC'::text]))")
@Check('call_indicator_codes_check', "(jsonb_typeof(indicator_codes) = 'array'::text)")
@Check('call_interim_cap_check', '((interim_cap_bp >= 0) AND (interim_cap_bp <= 10000))')
@Check(
  'call_json_shape_check',
  "((jsonb_typeof(cost_options) = 'array'::text) AND (jsonb_typeof(required_document_types) = 'array'::text) AND (jsonb_typeof(target_publics) = 'array'::text) AND (jsonb_typeof(allowed_operation_types) = 'array'::text) AND ((evaluation_grid IS NULL) OR (jsonb_typeof(evaluation_grid) = 'object'::text)))",
)
@Check('call_priority6_rate_check', '((priority <> 6) OR (max_rate_bp <= 9500))')
@Check('call_priority_check', '(priority >= 1)')
@Check('call_rate_basis_check', "(rate_basis = ANY (ARRAY['TOTAL_ELIGIBLE_COST'::text, 'PUBLIC_EXPENDITURE'::text]))")
@Check('call_rate_check', '((max_rate_bp >= 0) AND (max_rate_bp <= 10000))')
@Check('call_reallocation_tolerance_check', '((reallocation_tolerance_bp >= 0) AND (reallocation_tolerance_bp <= 10000))')
@Check(
  'call_region_category_check',
  "((region_category IS NULL) OR (region_category = ANY (ARRAY['LESS_DEVELOPED'::text, 'TRANSITION'::text, 'MORE_DEVELOPED'::text])))",
)
@Check('call_signature_deadline_check', '((signature_deadline_days >= 1) AND (signature_deadline_days <= 365))')
@Check('call_simplified_costs_check', "(jsonb_typeof(simplified_costs) = 'array'::text)")
@Check('call_status_check', "(status = ANY (ARRAY['DRAFT'::text, 'PUBLISHED'::text, 'ARCHIVED'::text]))")
@Check(
  'call_verification_settings_check',
  '((exhaustive_threshold_cents >= 0) AND ((sample_rate_bp >= 0) AND (sample_rate_bp <= 10000)) AND ((min_sample_size >= 0) AND (min_sample_size <= 100000)) AND ((contradictory_days >= 1) AND (contradictory_days <= 365)))',
)
@Check('call_window_check', '(opens_at < closes_at)')
@Entity('call')
export class CallEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'call_pkey' }) id: string;
  @Column('text') reference: string;
  @Column('text') title: string;
  @Column('text', { default: '' }) description: string;
  @Column('text', { default: '2021FR05SFPR001' }) programmeCci: string;
  @Column('smallint', { default: 6 }) priority: number;
  @Column('text', { default: 'ESO4.8' }) specificObjective: string;
  @Column('text', { default: '138' }) interventionFieldCode: string;
  @Column('text', { default: 'ESF_PLUS' }) fund: string;
  @Column('integer', { default: 9500 }) maxRateBp: number;
  @Column('bigint', { transformer: centsTransformer }) envelopeCents: Cents;
  @Column('timestamptz') opensAt: Date;
  @Column('timestamptz') closesAt: Date;
  @Column('bigint', { default: 0, transformer: centsTransformer }) minEuCents: Cents;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) maxEuCents: Cents | null;
  @Column('smallint', { default: 1 }) minDurationMonths: number;
  @Column('smallint', { default: 36 }) maxDurationMonths: number;
  @Column('date', { default: '2021-01-01' }) eligibilityStart: string;
  @Column('date', { default: '2029-12-31' }) eligibilityEnd: string;
  @Column('jsonb', { default: [] }) costOptions: CallCostOption[];
  @Column('jsonb', { default: [] }) requiredDocumentTypes: string[];
  @Column('jsonb', { default: [] }) targetPublics: string[];
  @Column('boolean', { default: true }) participantsExpected: boolean;
  @Column('text', { default: 'STATE' }) funderType: 'STATE' | 'COLLECTIVITE_TERRITORIALE' | 'OTHER_PUBLIC';
  @Column('boolean', { default: false }) draftsBeforeOpening: boolean;
  @Column('text', { default: 'DRAFT' }) status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  @Column('integer', { nullable: true }) publishedVersion: number | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'call_created_by_fkey' }) createdBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
  @Column('jsonb', { default: [] }) allowedOperationTypes: string[];
  @Column('jsonb', { nullable: true }) evaluationGrid: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) csessGrid: unknown;
  @Column('text', { nullable: true }) regionCategory: string | null;
  @Column('text', { default: 'TOTAL_ELIGIBLE_COST' }) rateBasis: 'TOTAL_ELIGIBLE_COST' | 'PUBLIC_EXPENDITURE';
  @Column('jsonb', { default: [] }) simplifiedCosts: unknown[];
  @Column('smallint', { default: 30 }) signatureDeadlineDays: number;
  @Column('integer', { default: 1000 }) reallocationToleranceBp: number;
  @Column('jsonb', { default: () => `'["EECO02", "EECO05", "EECO12", "EECR01", "EECR04"]'` }) indicatorCodes: string[];
  @Column('bigint', { default: 500000, transformer: centsTransformer }) exhaustiveThresholdCents: Cents;
  @Column('integer', { default: 1000 }) sampleRateBp: number;
  @Column('integer', { default: 30 }) minSampleSize: number;
  @Column('smallint', { default: 15 }) contradictoryDays: number;
  @Column('integer', { default: 8000 }) interimCapBp: number;
}
