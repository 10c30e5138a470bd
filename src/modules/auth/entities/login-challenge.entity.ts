import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The `login_challenge` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('login_challenge_user_idx', ['userId'])
@Entity('login_challenge')
export class LoginChallengeEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'login_challenge_pkey' }) id: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'login_challenge_user_id_fkey', onDelete: 'CASCADE' }) userId: string;
  @Column('text') nextPath: string;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
