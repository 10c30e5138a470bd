import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** Server-side session; `id` is the SHA-256 of the bearer/cookie token, never the token itself. The `session` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('session_user_id_idx', ['userId'])
@Check('session_auth_method_check', "(auth_method = ANY (ARRAY['PASSWORD'::text, 'PASSWORD_TOTP'::text, 'PASSWORD_RECOVERY_CODE'::text, 'PROCONNECT'::text]))")
@Entity('session')
export class SessionEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'session_pkey' }) id: string;
  @Column('uuid') @ForeignKey('app_user', { name: 'session_user_id_fkey', onDelete: 'CASCADE' }) userId: string;
  @Column('text') csrfToken: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) lastSeenAt: Date;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
  @Column('text', { default: 'PASSWORD' }) authMethod: 'PASSWORD' | 'PASSWORD_TOTP' | 'PASSWORD_RECOVERY_CODE' | 'PROCONNECT';
  @Column('text', { nullable: true }) userAgent: string | null;
  @Column('text', { nullable: true }) idToken: string | null;
}
