import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `organisation` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('organisation_siret_key', ['siret'], { unique: true })
@Check('organisation_advance_category_check', "(advance_category = ANY (ARRAY['COLLECTIVITE'::text, 'OPCO'::text, 'STATE_OPERATOR'::text, 'OTHER'::text]))")
@Check('organisation_departement_check', "(departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'::text)")
@Check(
  'organisation_legal_form_check',
  "(legal_form = ANY (ARRAY['ASSOCIATION_1901'::text, 'SCIC'::text, 'SCOP'::text, 'SAS_ESUS'::text, 'MUTUELLE'::text, 'FONDATION'::text, 'COLLECTIVITE_TERRITORIALE'::text, 'ETABLISSEMENT_PUBLIC'::text, 'OTHER'::text]))",
)
@Check('organisation_siret_check', "(siret ~ '^[0-9]{14}$'::text)")
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organisation_pkey' }) id: string;
  @Column('char', { length: 14 }) siret: string;
  @Column('text') legalName: string;
  @Column('text')
  legalForm: 'ASSOCIATION_1901' | 'SCIC' | 'SCOP' | 'SAS_ESUS' | 'MUTUELLE' | 'FONDATION' | 'COLLECTIVITE_TERRITORIALE' | 'ETABLISSEMENT_PUBLIC' | 'OTHER';
  @Column('boolean', { default: false }) essStatus: boolean;
  @Column('boolean', { default: false }) vatRecovery: boolean;
  @Column('text', { default: 'OTHER' }) advanceCategory: 'COLLECTIVITE' | 'OPCO' | 'STATE_OPERATOR' | 'OTHER';
  @Column('text') addressLine: string;
  @Column('text') postalCode: string;
  @Column('text') city: string;
  @Column('text') departement: string;
  @Column('integer', { default: 1 }) version: number;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
