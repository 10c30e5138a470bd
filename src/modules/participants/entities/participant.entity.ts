import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `participant` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('participant_identity_key', ['applicationId', 'identityKey'])
@Unique('participant_pseudonym_key', ['pseudonym'])
@Index('participant_report_idx', ['reportId'])
@Check('participant_dates_check', '((birth_date < entry_date) AND ((exit_date IS NULL) OR (exit_date >= entry_date)))')
@Check('participant_education_check', "(education_level = ANY (ARRAY['ISCED_0_2'::text, 'ISCED_3_4'::text, 'ISCED_5_8'::text]))")
@Check(
  'participant_employment_check',
  "(employment_status = ANY (ARRAY['UNEMPLOYED'::text, 'LONG_TERM_UNEMPLOYED'::text, 'INACTIVE'::text, 'EMPLOYED'::text]))",
)
@Check(
  'participant_exit_check',
  '((NOT (exit_job_search AND exit_employed)) AND ((exit_date IS NOT NULL) OR (NOT (exit_job_search OR exit_education OR exit_qualification OR exit_employed))))',
)
@Check(
  'participant_sensitive_check',
  "((COALESCE(disability, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])) AND (COALESCE(third_country_national, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])) AND (COALESCE(foreign_background, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])) AND (COALESCE(minority, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])) AND (COALESCE(homeless, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])) AND (COALESCE(rural, 'NO'::text) = ANY (ARRAY['YES'::text, 'NO'::text, 'REFUSED'::text])))",
)
@Check('participant_sex_check', "(sex = ANY (ARRAY['F'::text, 'M'::text, 'X'::text]))")
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'participant_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'participant_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('uuid') @ForeignKey('execution_report', { name: 'participant_report_id_fkey', onDelete: 'RESTRICT' }) reportId: string;
  @Column('text') pseudonym: string;
  @Column('text') identityKey: string;
  @Column('text') lastName: string;
  @Column('text') firstName: string;
  @Column('date') birthDate: string;
  @Column('text') sex: 'F' | 'M' | 'X';
  @Column('date') entryDate: string;
  @Column('text') employmentStatus: 'UNEMPLOYED' | 'LONG_TERM_UNEMPLOYED' | 'INACTIVE' | 'EMPLOYED';
  @Column('text') educationLevel: 'ISCED_0_2' | 'ISCED_3_4' | 'ISCED_5_8';
  @Column('text', { nullable: true }) disability: string | null;
  @Column('text', { nullable: true }) thirdCountryNational: string | null;
  @Column('text', { nullable: true }) foreignBackground: string | null;
  @Column('text', { nullable: true }) minority: string | null;
  @Column('text', { nullable: true }) homeless: string | null;
  @Column('text', { nullable: true }) rural: string | null;
  @Column('date', { nullable: true }) exitDate: string | null;
  @Column('boolean', { default: false }) exitJobSearch: boolean;
  @Column('boolean', { default: false }) exitEducation: boolean;
  @Column('boolean', { default: false }) exitQualification: boolean;
  @Column('boolean', { default: false }) exitEmployed: boolean;
  @Column('uuid') @ForeignKey('app_user', { name: 'participant_created_by_fkey', onDelete: 'RESTRICT' }) createdBy: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
