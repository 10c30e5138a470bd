import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Invitation to join an organisation; `tokenHash` is the SHA-256 of the token sent, never the token itself. */
@Entity('organisation_invitation')
export class OrganisationInvitationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('text') email: string;
  @Column('text') tokenHash: string;
  @Column('uuid') invitedBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) acceptedAt: Date | null;
  @Column('uuid', { nullable: true }) acceptedBy: string | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
}
