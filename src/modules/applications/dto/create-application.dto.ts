import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateApplicationDto {
  @ApiProperty({ description: "L'appel à projets publié et ouvert" })
  @IsUUID('4', { message: "Choisissez l'appel à projets." })
  callId: string;

  @ApiProperty({ description: 'Une structure dont vous êtes membre' })
  @IsUUID('4', { message: 'Choisissez la structure qui porte le projet.' })
  organisationId: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Le titre ne peut pas dépasser 200 caractères.' })
  title?: string;
}
