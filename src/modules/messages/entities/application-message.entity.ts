import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `application_message` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('application_message_application_idx', ['applicationId', 'createdAt'])
@Index('application_message_side_idx', ['applicationId', 'authorSide', 'createdAt'])
@Check('application_message_author_side_check', "(author_side = ANY (ARRAY['STAFF'::text, 'APPLICANT'::text]))")
@Check('application_message_kind_check', "(kind ~ '^[A-Z_]{1,50}$'::text)")
@Entity('application_message')
export class ApplicationMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'application_message_pkey' }) id: string;
  @Column('uuid') @ForeignKey('application', { name: 'application_message_application_fkey', onDelete: 'RESTRICT' }) applicationId: string;
  @Column('text') kind: string;
  @Column('text') subject: string;
  @Column('text') body: string;
  @Column('uuid', { nullable: true }) @ForeignKey('app_user', { name: 'application_message_author_fkey', onDelete: 'RESTRICT' }) authorId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
  @Column('text', { default: 'STAFF' }) authorSide: 'STAFF' | 'APPLICANT';
}
