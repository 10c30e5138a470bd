import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../auth/roles';

export class AccountResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}
