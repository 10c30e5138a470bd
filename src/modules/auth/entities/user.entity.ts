import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles';

/** The `app_user` table, as the migrations create it (test/e2e/schema-diff.e2e-spec.ts keeps the two equal). */
@Index('app_user_email_key', ['email'], { unique: true })
@Index('app_user_proconnect_sub_key', ['proconnectSub'], { unique: true, where: '(proconnect_sub IS NOT NULL)' })
@Check('app_user_email_check', "((email = lower(email)) AND (POSITION(('@'::text) IN (email)) > 1))")
@Check(
  'app_user_roles_check',
  "((cardinality(roles) > 0) AND (roles <@ ARRAY['APPLICANT'::text, 'INSTRUCTOR'::text, 'EVALUATOR'::text, 'PROGRAMME_MANAGER'::text, 'MANAGING_AUTHORITY'::text, 'ADMINISTRATOR'::text]))",
)
@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'app_user_pkey' }) id: string;
  @Column('text') email: string;
  @Column('text') displayName: string;
  @Column('text', { select: false }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('boolean', { default: true }) isActive: boolean;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
  @Column('timestamptz', { nullable: true, default: () => 'now()' }) emailVerifiedAt: Date | null;
  @Column('text', { nullable: true }) proconnectSub: string | null;
}
