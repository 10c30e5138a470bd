import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `application` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('call_version', ['callId', 'callVersion'], ['callId', 'version'], { name: 'application_call_version_fkey', onDelete: 'RESTRICT' })
@Unique('application_number_key', ['number'])
// An expression index TypeORM cannot describe (docs/decisions/0001-raw-sql.md): btree (call_id, COALESCE(eu_requested_cents, (0)::bigint), id) WHERE (submitted_at IS NOT NULL)
@Index('application_call_eu_requested_idx', { synchronize: false })
@Index('application_call_number_idx', ['callId', 'number', 'id'], { where: '(submitted_at IS NOT NULL)' })
@Index('application_call_status_idx', ['callId', 'status', 'submittedAt'])
@Index('application_call_submitted_at_idx', ['callId', 'submittedAt', 'id'], { where: '(submitted_at IS NOT NULL)' })
@Index('application_catalogue_departement_idx', ['number', 'departement'], {
  where: "(status = ANY (ARRAY['PROGRAMMED'::text, 'CONVENTION_ISSUED'::text, 'CONVENTION_SIGNED'::text, 'IN_PROGRESS'::text, 'CLOSED'::text]))",
})
@Index('application_catalogue_number_idx', ['number'], {
  where: "(status = ANY (ARRAY['PROGRAMMED'::text, 'CONVENTION_ISSUED'::text, 'CONVENTION_SIGNED'::text, 'IN_PROGRESS'::text, 'CLOSED'::text]))",
})
@Index('application_instructor_idx', ['instructorId', 'callId'], { where: '(instructor_id IS NOT NULL)' })
@Index('application_labels_idx', ['labels'], { type: 'gin' })
@Index('application_organisation_idx', ['id', 'organisationId', 'createdAt'])
@Index('application_submitted_idx', ['id', 'createdAt'], { where: '(submitted_at IS NOT NULL)' })
@Check(
  'application_cost_option_check',
  "((cost_option IS NULL) OR (cost_option = ANY (ARRAY['REAL_COSTS'::text, 'INDIRECT_15_STAFF'::text, 'INDIRECT_7_DIRECT'::text, 'INDIRECT_25_CALCULATED'::text, 'OTHER_COSTS_40_STAFF'::text, 'STAFF_20_OTHER_DIRECT'::text, 'DRAFT_BUDGET'::text])))",
)
@Check('application_dates_check', '((start_date IS NULL) OR (end_date IS NULL) OR (start_date <= end_date))')
@Check('application_departement_check', "((departement IS NULL) OR (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'::text))")
@Check('application_draft_unsubmitted_check', "((status <> 'DRAFT'::text) OR (number IS NULL))")
@Check('application_flat_rate_check', '((flat_rate_bp IS NULL) OR ((flat_rate_bp >= 0) AND (flat_rate_bp <= 10000)))')
@Check('application_labels_check', '(cardinality(labels) <= 20)')
@Check('application_number_format_check', "(number ~ '^AAP-[0-9]{4}-[0-9]{6}$'::text)")
@Check('application_operation_type_check', "((operation_type IS NULL) OR (operation_type ~ '^[A-Z0-9_]{1,50}$'::text))")
@Check('application_participants_check', '((planned_participants IS NULL) OR (planned_participants >= 0))')
@Check(
  'application_region_category_check',
  "((region_category IS NULL) OR (region_category = ANY (ARRAY['LESS_DEVELOPED'::text, 'TRANSITION'::text, 'MORE_DEVELOPED'::text])))",
)
@Check(
  'application_status_check',
  "(status = ANY (ARRAY['DRAFT'::text, 'SUBMITTED'::text, 'ADMISSIBLE'::text, 'INCOMPLETE'::text, 'INADMISSIBLE'::text, 'UNDER_INSTRUCTION'::text, 'INSTRUCTED'::text, 'UNDER_EVALUATION'::text, 'IN_COMMITTEE'::text, 'PROGRAMMED'::text, 'REFUSED'::text, 'POSTPONED'::text, 'CONVENTION_ISSUED'::text, 'WITHDRAWN'::text, 'CONVENTION_SIGNED'::text, 'IN_PROGRESS'::text, 'RENOUNCED'::text, 'CLOSED'::text, 'AWARD_PROPOSED'::text]))",
)
@Check(
  'application_submission_check',
  "(((number IS NULL) = (submitted_at IS NULL)) AND ((number IS NULL) = (submitted_snapshot IS NULL)) AND ((status = ANY (ARRAY['DRAFT'::text, 'WITHDRAWN'::text])) OR (number IS NOT NULL)))",
)
@Check('application_target_publics_check', "(jsonb_typeof(target_publics) = 'array'::text)")
@Check(
  'application_totals_check',
  '((COALESCE(total_direct_cents, (0)::bigint) >= 0) AND (COALESCE(total_flat_rate_cents, (0)::bigint) >= 0) AND (COALESCE(total_eligible_cents, (0)::bigint) >= 0) AND (COALESCE(max_eu_cents, (0)::bigint) >= 0) AND (COALESCE(eu_requested_cents, (0)::bigint) >= 0) AND (COALESCE(other_resources_cents, (0)::bigint) >= 0))',
)
@Check('application_version_check', '(version >= 1)')
@Entity('application')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_pkey' }) id: string;
  @Column('text', { nullable: true }) number: string | null;
  @Column('uuid') @ForeignKey('call', { name: 'application_call_fkey', onDelete: 'RESTRICT' }) callId: string;
  @Column('integer') callVersion: number;
  @Column('uuid') @ForeignKey('organisation', { name: 'application_organisation_fkey', onDelete: 'RESTRICT' }) organisationId: string;
  @Column('text', { default: 'DRAFT' })
  status:
    | 'DRAFT'
    | 'SUBMITTED'
    | 'ADMISSIBLE'
    | 'INCOMPLETE'
    | 'INADMISSIBLE'
    | 'UNDER_INSTRUCTION'
    | 'INSTRUCTED'
    | 'UNDER_EVALUATION'
    | 'IN_COMMITTEE'
    | 'PROGRAMMED'
    | 'REFUSED'
    | 'POSTPONED'
    | 'CONVENTION_ISSUED'
    | 'WITHDRAWN'
    | 'CONVENTION_SIGNED'
    | 'IN_PROGRESS'
    | 'RENOUNCED'
    | 'CLOSED'
    | 'AWARD_PROPOSED';
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('text', { nullable: true }) socialNeed: string | null;
  @Column('jsonb', { default: [] }) targetPublics: unknown[];
  @Column('date', { nullable: true }) startDate: string | null;
  @Column('date', { nullable: true }) endDate: string | null;
  @Column('text', { nullable: true }) place: string | null;
  @Column('text', { nullable: true }) departement: string | null;
  @Column('boolean', { nullable: true }) withParticipants: boolean | null;
  @Column('integer', { nullable: true }) plannedParticipants: number | null;
  @Column('jsonb', { nullable: true }) art15I1: unknown;
  @Column('jsonb', { nullable: true }) art15I2: unknown;
  @Column('jsonb', { nullable: true }) art15Ii: unknown;
  @Column('text', { nullable: true }) costOption: string | null;
  @Column('integer', { nullable: true }) flatRateBp: number | null;
  @Column('boolean', { default: false }) stateAid: boolean;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) totalDirectCents: Cents | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) totalFlatRateCents: Cents | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) totalEligibleCents: Cents | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) maxEuCents: Cents | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) euRequestedCents: Cents | null;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) otherResourcesCents: Cents | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('jsonb', { nullable: true }) submittedSnapshot: unknown;
  @Column('uuid') @ForeignKey('app_user', { name: 'application_created_by_fkey', onDelete: 'RESTRICT' }) createdBy: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
  @Column('text', { nullable: true }) operationType: string | null;
  @Column('boolean', { nullable: true }) existingProject: boolean | null;
  @Column('date', { nullable: true }) experimentationStartDate: string | null;
  @Column('boolean', { nullable: true }) newTerritory: boolean | null;
  @Column('boolean', { nullable: true }) substantialChange: boolean | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'application_instructor_fkey', onDelete: 'RESTRICT' }) instructorId: string | null;
  @Column('text', { array: true, default: [] }) labels: string[];
  @Column('boolean', { default: false }) physicalInvestment: boolean;
  @Column('text', { nullable: true }) regionCategory: string | null;
  @Column('text', { nullable: true }) regionCategoryDepartement: string | null;
}
