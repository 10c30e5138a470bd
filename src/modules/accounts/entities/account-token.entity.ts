import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The `account_token` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Unique('account_token_hash_key', ['tokenHash'])
@Index('account_token_user_idx', ['userId', 'purpose'], { where: '(used_at IS NULL)' })
@Check('account_token_purpose_check', "(purpose = ANY (ARRAY['VERIFY_EMAIL'::text, 'RESET_PASSWORD'::text]))")
@Entity('account_token')
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'account_token_pkey' }) id: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'account_token_user_fkey', onDelete: 'CASCADE' }) userId: string;
  @Column('text') purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD';
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
