import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Cents } from '../../../common/money/cents';
import { centsTransformer } from '../../../database/money.transformer';

/** The `verification` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('verification_report_id_key', ['reportId'])
@Index('verification_application_idx', ['applicationId'])
@Index('verification_instructor_idx', ['instructorId', 'status'])
@Check('verification_amounts_check', '((declared_cents >= 0) AND ((retained_cents IS NULL) OR (retained_cents >= 0)))')
@Check('verification_checklist_check', "(jsonb_typeof(checklist) = 'object'::text)")
@Check('verification_contradictory_check', '((contradictory_sent_at IS NULL) OR (contradictory_due_date IS NOT NULL))')
@Check('verification_finalised_check', "((status <> 'FINALISED'::text) OR (retained_cents IS NOT NULL))")
@Check('verification_status_check', "(status = ANY (ARRAY['IN_PROGRESS'::text, 'CONTRADICTORY'::text, 'FINALISED'::text]))")
@Entity('verification')
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'verification_pkey' }) id: string;
  @Column('uuid') @ForeignKey('execution_report', { name: 'verification_report_id_fkey', onDelete: 'RESTRICT' }) reportId: string;
  @Column('uuid') @ForeignKey('application', { name: 'verification_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text', { default: 'IN_PROGRESS' }) status: 'IN_PROGRESS' | 'CONTRADICTORY' | 'FINALISED';
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'verification_instructor_id_fkey', onDelete: 'RESTRICT' }) instructorId: string | null;
  @Column('text', { nullable: true }) seed: string | null;
  @Column('jsonb', { nullable: true }) settings: unknown;
  @Column('bigint', { default: 0, transformer: centsTransformer }) declaredCents: Cents;
  @Column('bigint', { nullable: true, transformer: centsTransformer }) retainedCents: Cents | null;
  @Column('timestamptz', { nullable: true }) contradictorySentAt: Date | null;
  @Column('date', { nullable: true }) contradictoryDueDate: string | null;
  @Column('timestamptz', { nullable: true }) contradictoryAnsweredAt: Date | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'verification_finalised_by_fkey', onDelete: 'RESTRICT' }) finalisedBy: string | null;
  @Column('timestamptz', { nullable: true }) finalisedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('jsonb', { default: {} }) checklist: Record<string, unknown>;
  @Column('text', { nullable: true }) answerComment: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'verification_answered_by_fkey', onDelete: 'RESTRICT' }) answeredBy: string | null;
  @Column('jsonb', { nullable: true }) outcome: unknown;
}
