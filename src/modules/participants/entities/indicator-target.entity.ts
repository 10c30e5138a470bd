import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `indicator_target` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('indicator_target_code_check', "(code ~ '^EEC[OR][0-9]{2}$'::text)")
@Check('indicator_target_sex_check', '((women IS NULL) OR (((women + COALESCE(men, 0)) + COALESCE(non_binary, 0)) = total))')
@Check('indicator_target_values_check', '((total >= 0) AND (COALESCE(women, 0) >= 0) AND (COALESCE(men, 0) >= 0) AND (COALESCE(non_binary, 0) >= 0))')
@Entity('indicator_target')
export class IndicatorTargetEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'indicator_target_pkey' })
  @ForeignKey('application', { name: 'indicator_target_application_id_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'indicator_target_pkey' }) versionNo: number;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'indicator_target_pkey' }) code: string;
  @Column('integer') total: number;
  @Column('integer', { nullable: true }) women: number | null;
  @Column('integer', { nullable: true }) men: number | null;
  @Column('integer', { nullable: true }) nonBinary: number | null;
}
