import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '../domain/session';

export class SessionMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiPropertyOptional({
    description: 'Institution the member represents, printed in the minutes (empty: the intermediate body)',
    example: 'DREETS Auvergne-Rhône-Alpes',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  institution?: string;
}

export class CreateSessionDto {
  @ApiProperty({ example: 'Comité de programmation du 12 mars 2026' })
  @IsString()
  @Length(3, 200)
  title!: string;

  @ApiProperty({ example: '2026-03-12T09:30:00.000Z' })
  @IsDateString({ strict: true })
  scheduledAt!: string;

  @ApiPropertyOptional({ example: 'Préfecture, salle du conseil' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  location?: string;

  @ApiProperty({ description: 'Members who must be present and not recused to deliberate', example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  quorum!: number;

  @ApiProperty({ type: [SessionMemberDto] })
  @ValidateNested({ each: true })
  @Type(() => SessionMemberDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  members!: SessionMemberDto[];
}
