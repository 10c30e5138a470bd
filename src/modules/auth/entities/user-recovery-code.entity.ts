import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `user_recovery_code` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('user_recovery_code_hash_key', ['userId', 'codeHash'])
@Entity('user_recovery_code')
export class UserRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_recovery_code_pkey' }) id: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'user_recovery_code_user_id_fkey', onDelete: 'CASCADE' }) userId: string;
  @Column('text') codeHash: string;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
