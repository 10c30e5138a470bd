import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `application_message_seen` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Entity('application_message_seen')
export class ApplicationMessageSeenEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_message_seen_pkey' })
  @ForeignKey('application', { name: 'application_message_seen_application_id_fkey', onDelete: 'RESTRICT' })
  applicationId: string;
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'application_message_seen_pkey' })
  @ForeignKey('app_user', { name: 'application_message_seen_user_id_fkey', onDelete: 'RESTRICT' })
  userId: string;
  @Column('timestamptz') seenAt: Date;
}
