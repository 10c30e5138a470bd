import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `convention_signature` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('convention_signature_document_party_key', ['documentId', 'party'])
@Index('convention_signature_application_idx', ['applicationId', 'signedAt'])
@Check('convention_signature_party_check', "(party = ANY (ARRAY['BENEFICIARY'::text, 'BODY'::text]))")
@Check('convention_signature_sha_check', "(document_sha256 ~ '^[0-9a-f]{64}$'::text)")
@Check(
  'convention_signature_text_check',
  '(((length(btrim(signer_name)) >= 1) AND (length(btrim(signer_name)) <= 200)) AND ((length(btrim(signer_title)) >= 1) AND (length(btrim(signer_title)) <= 200)))',
)
@Entity('convention_signature')
export class ConventionSignatureEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'convention_signature_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'convention_signature_application_id_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('uuid') @ForeignKey('document', { name: 'convention_signature_document_id_fkey', onDelete: 'RESTRICT' }) documentId: string;
  @Column('integer') documentVersion: number;
  @Column('text') documentSha256: string;
  @Column('text') party: 'BENEFICIARY' | 'BODY';
  @Column('uuid') @ForeignKey('app_user', { name: 'convention_signature_signer_user_id_fkey', onDelete: 'RESTRICT' }) signerUserId: string;
  @Column('text') signerName: string;
  @Column('text') signerTitle: string;
  @Column('timestamptz', { default: () => 'now()' }) signedAt: Date;
}
