import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `notification_preference` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Check('notification_preference_category_check', "(category = ANY (ARRAY['DOSSIER'::text, 'REMINDER'::text]))")
@Entity('notification_preference')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'notification_preference_pkey' })
  @ForeignKey('app_user', { name: 'notification_preference_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'notification_preference_pkey' }) category: 'DOSSIER' | 'REMINDER';
  @Column('boolean') byMail: boolean;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
