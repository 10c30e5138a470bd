import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `application_state_aid` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check(
  'application_state_aid_regime_check',
  "(regime = ANY (ARRAY['NONE'::text, 'DE_MINIMIS'::text, 'GBER'::text, 'SIEG_DECISION'::text, 'SIEG_DE_MINIMIS'::text]))",
)
@Check('application_state_aid_none_check', "((regime <> 'NONE'::text) OR (length(btrim(COALESCE(justification, ''::text))) > 0))")
@Check('application_state_aid_gber_check', "((regime <> 'GBER'::text) OR ((gber_article IS NOT NULL) AND (reference IS NOT NULL)))")
@Check('application_state_aid_sieg_check', "((regime <> 'SIEG_DECISION'::text) OR (reference IS NOT NULL))")
@Check(
  'application_state_aid_de_minimis_check',
  "(((regime = ANY (ARRAY['DE_MINIMIS'::text, 'SIEG_DE_MINIMIS'::text])) = (de_minimis_received_cents IS NOT NULL)) AND (COALESCE(de_minimis_received_cents, (0)::bigint) >= 0))",
)
@Entity('application_state_aid')
export class ApplicationStateAidEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_state_aid_pkey' })
  @ForeignKey('application', { name: 'application_state_aid_application_id_fkey', onDelete: 'CASCADE' })
  applicationId: string;
  @Column('text') regime: string;
  @Column('text', { nullable: true }) justification: string | null;
  @Column('text', { nullable: true }) gberArticle: string | null;
  @Column('text', { nullable: true }) reference: string | null;
  @Column('bigint', { nullable: true }) deMinimisReceivedCents: string | null;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'application_state_aid_updated_by_fkey', onDelete: 'RESTRICT' }) updatedBy: string | null;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
