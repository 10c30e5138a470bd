import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Server-side session; `id` is the SHA-256 of the bearer/cookie token, never the token itself. */
@Entity('session')
export class SessionEntity {
  @PrimaryColumn('text') id: string;
  @Column('uuid') userId: string;
  @Column('text') csrfToken: string;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') lastSeenAt: Date;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
