import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `verification_line` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('verification_line_line_id_key', ['lineId'])
@Index('verification_line_selection_idx', ['verificationId', 'selection'])
@Check('verification_line_amount_check', '(declared_cents >= 0)')
@Check(
  'verification_line_decision_check',
  "((decision IS NULL) OR ((decision = ANY (ARRAY['RETAINED'::text, 'REDUCED'::text, 'REJECTED'::text])) AND (selection <> 'UNSAMPLED'::text)))",
)
@Check(
  'verification_line_reason_check',
  "(((decision IS NULL) OR (decision = 'RETAINED'::text) OR (reason_code IS NOT NULL)) AND ((reason_code IS NULL) OR (reason_code = ANY (ARRAY['OUTSIDE_PERIOD'::text, 'NOT_PAID'::text, 'NO_LINK'::text, 'INSUFFICIENT_PROOF'::text, 'INELIGIBLE_NATURE'::text, 'DOUBLE_FUNDING'::text, 'OVER_TOLERANCE'::text, 'OTHER'::text]))) AND ((reason_code IS DISTINCT FROM 'OTHER'::text) OR (length(btrim(COALESCE(reason_text, ''::text))) > 0)))",
)
@Check(
  'verification_line_retained_check',
  "(((decision IS NULL) AND (retained_cents IS NULL)) OR ((decision = 'RETAINED'::text) AND (retained_cents = declared_cents)) OR ((decision = 'REDUCED'::text) AND (retained_cents >= 0) AND (retained_cents < declared_cents)) OR ((decision = 'REJECTED'::text) AND (retained_cents = 0)))",
)
@Check('verification_line_selection_check', "(selection = ANY (ARRAY['EXHAUSTIVE'::text, 'SAMPLED'::text, 'UNSAMPLED'::text]))")
@Entity('verification_line')
export class VerificationLineEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'verification_line_pkey' })
  @ForeignKey('verification', { name: 'verification_line_verification_id_fkey', onDelete: 'RESTRICT' })
  verificationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'verification_line_pkey' })
  @ForeignKey('expenditure_line', { name: 'verification_line_line_id_fkey', onDelete: 'RESTRICT' })
  lineId: string;
  @Column('text') category: string;
  @Column('bigint', { transformer: centsTransformer }) declaredCents: Cents;
  @Column('text') selection: 'EXHAUSTIVE' | 'SAMPLED' | 'UNSAMPLED';
  @Column('text', { nullable: true }) decision: string | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) retainedCents: Cents | null;
  @Column('text', { nullable: true }) reasonCode: string | null;
  @Column('text', { nullable: true }) reasonText: string | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'verification_line_decided_by_fkey', onDelete: 'RESTRICT' }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
}
