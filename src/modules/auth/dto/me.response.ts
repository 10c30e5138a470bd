import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../roles';

export class MeOrganisation {
  @ApiProperty() id: string;
  @ApiProperty() legalName: string;
  @ApiProperty() siret: string;
  @ApiProperty({ enum: ['OWNER', 'MEMBER'] }) memberRole: 'OWNER' | 'MEMBER';
}

export class MeResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: [MeOrganisation] }) organisations: MeOrganisation[];
}

export class LoginResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) token: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Absolute end of the session (same as absoluteExpiresAt), whatever the activity' }) expiresAt: string;
  @ApiProperty({ description: 'Absolute end of the session, whatever the activity' }) absoluteExpiresAt: string;
  @ApiProperty({ description: 'The session also ends after this many seconds without a request' }) idleTimeoutSeconds: number;
  @ApiProperty({ description: 'When the session ends if no request comes before (each request pushes it back)' }) idleExpiresAt: string;
  @ApiProperty({ description: 'Send as X-CSRF-Token on writes authenticated by the session cookie' }) csrfToken: string;
  @ApiProperty({ type: MeResponse }) user: MeResponse;
}
