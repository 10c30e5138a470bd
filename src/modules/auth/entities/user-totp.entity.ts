import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The `user_totp` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_totp_pkey' })
  @ForeignKey('app_user', { name: 'user_totp_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;
  @Column('text') secret: string;
  @Column('timestamptz', { nullable: true }) enabledAt: Date | null;
  @Column('bigint', { nullable: true }) lastUsedStep: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
