import { ApiProperty } from '@nestjs/swagger';
import type { MemberRole } from '../domain/organisation-profile';
import type { InvitationStatus } from '../domain/invitation';

export class InvitationResponse {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'] }) status: InvitationStatus;
  @ApiProperty() invitedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
}

export class CreatedInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: "Lien d'invitation à transmettre à la personne invitée. Affiché une seule fois : seule son empreinte est conservée." })
  link: string;
}

export class AcceptedInvitationResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ enum: ['OWNER', 'MEMBER'] }) memberRole: MemberRole;
}
