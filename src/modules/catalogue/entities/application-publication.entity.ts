import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `application_publication` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('application_publication_contact_check', '((public_contact IS NULL) OR ((char_length(public_contact) >= 1) AND (char_length(public_contact) <= 300)))')
@Check('application_publication_version_check', '(version >= 1)')
@Entity('application_publication')
export class ApplicationPublicationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_publication_pkey' })
  @ForeignKey('application', { name: 'application_publication_application_fkey', onDelete: 'CASCADE' })
  applicationId: string;
  @Column('text', { nullable: true }) publicContact: string | null;
  @Column('boolean', { default: false }) seeksPartners: boolean;
  @Column('integer', { default: 1 }) version: number;
  @Column('uuid') @ForeignKey('app_user', { name: 'application_publication_updated_by_fkey', onDelete: 'RESTRICT' }) updatedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
