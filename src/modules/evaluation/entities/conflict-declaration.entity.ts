import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `conflict_declaration` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@ForeignKey('evaluation_assignment', ['applicationId', 'evaluatorId'], ['applicationId', 'evaluatorId'], {
  name: 'conflict_declaration_assignment_fkey',
  onDelete: 'CASCADE',
})
@Check('conflict_declaration_declared_check', '((declared_conflict IS NULL) = (declared_at IS NULL))')
@Check(
  'conflict_declaration_waiver_check',
  '(((waived_by IS NULL) = (waived_at IS NULL)) AND ((waived_by IS NULL) = (waiver_reason IS NULL)) AND ((waiver_reason IS NULL) OR ((length(btrim(waiver_reason)) >= 1) AND (length(btrim(waiver_reason)) <= 5000))))',
)
@Entity('conflict_declaration')
export class ConflictDeclarationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'conflict_declaration_pkey' }) applicationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'conflict_declaration_pkey' }) evaluatorId: string;
  @Column('boolean', { nullable: true }) declaredConflict: boolean | null;
  @Column('text', { nullable: true }) details: string | null;
  @Column('timestamptz', { nullable: true }) declaredAt: Date | null;
  @Column('text', { nullable: true }) automaticReason: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'conflict_declaration_waived_by_fkey', onDelete: 'RESTRICT' }) waivedBy: string | null;
  @Column('text', { nullable: true }) waiverReason: string | null;
  @Column('timestamptz', { nullable: true }) waivedAt: Date | null;
}
