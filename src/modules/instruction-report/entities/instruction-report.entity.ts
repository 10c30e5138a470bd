import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `instruction_report` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('financing_plan_version', ['applicationId', 'planVersionNo'], ['applicationId', 'versionNo'], {
  name: 'instruction_report_plan_fkey',
  onDelete: 'RESTRICT',
})
@Check('instruction_report_motivation_check', '((length(btrim(motivation)) >= 1) AND (length(btrim(motivation)) <= 20000))')
@Check('instruction_report_opinion_check', "(opinion = ANY (ARRAY['FAVORABLE'::text, 'RESERVED'::text, 'DEFAVORABLE'::text]))")
@Check('instruction_report_sections_check', "(jsonb_typeof(sections) = 'object'::text)")
@Check('instruction_report_submitted_check', '((submitted_at IS NULL) = (submitted_by IS NULL))')
@Check('instruction_report_version_check', '(version >= 1)')
@Entity('instruction_report')
export class InstructionReportEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'instruction_report_pkey' })
  @ForeignKey('application', { name: 'instruction_report_application_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @Column('text') opinion: 'FAVORABLE' | 'RESERVED' | 'DEFAVORABLE';
  @Column('text') motivation: string;
  /** The written sections (docs/domain/instruction-report.md); `{}` for a report written before they existed. */
  @Column('jsonb', { default: {} }) sections: Record<string, string>;
  @Column('smallint') planVersionNo: number;
  @Column('uuid') @ForeignKey('app_user', { name: 'instruction_report_written_by_fkey', onDelete: 'RESTRICT' }) writtenBy: string;
  @Column('timestamptz', { default: () => 'now()' }) writtenAt: Date;
  @Column('integer', { default: 1 }) version: number;
  @Column('uuid', { nullable: true })
  @ForeignKey('app_user', { name: 'instruction_report_submitted_by_fkey', onDelete: 'RESTRICT' })
  submittedBy: string | null;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
}
